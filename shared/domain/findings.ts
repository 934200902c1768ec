/** Building and reading validation findings (DESIGN §3: errors block signing, warnings need a confirm). */
import type { Finding, Severity } from './types.js';

export function finding(field: string, code: string, severity: Severity, messageVi: string, messageEn: string): Finding {
  return { field, code, severity, message_vi: messageVi, message_en: messageEn };
}

export function error(field: string, code: string, messageVi: string, messageEn: string): Finding {
  return finding(field, code, 'error', messageVi, messageEn);
}

export function warning(field: string, code: string, messageVi: string, messageEn: string): Finding {
  return finding(field, code, 'warning', messageVi, messageEn);
}

/** The finding every required field gives when it is empty. */
export function required(field: string, labelVi: string, labelEn: string): Finding {
  return error(field, 'FIELD_REQUIRED', `Thiếu ${labelVi}.`, `${labelEn} is required.`);
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * Form and import values as text: numbers become their digits, anything else that is not a string
 * (null, objects from a malformed message) becomes empty, so no rule ever calls a method on it.
 */
export function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return '';
}
