/**
 * Errors that cross a boundary (RPC, CLI JSON, platform replies) carry a stable code and a
 * message in Vietnamese and English (DESIGN §9). Codes are UPPER_SNAKE and never reused.
 */

export interface ErrorInfo {
  code: string;
  /** Vietnamese first, then English: what a bilingual clinic screen or log line shows. */
  message: string;
  message_vi: string;
  message_en: string;
  details?: unknown;
}

export function bilingual(vi: string, en: string): string {
  return `${vi} / ${en}`;
}

export class StationError extends Error {
  readonly code: string;
  readonly messageVi: string;
  readonly messageEn: string;
  readonly details: unknown;

  constructor(code: string, messageVi: string, messageEn: string, details?: unknown) {
    super(bilingual(messageVi, messageEn));
    this.name = 'StationError';
    this.code = code;
    this.messageVi = messageVi;
    this.messageEn = messageEn;
    this.details = details;
  }

  toInfo(): ErrorInfo {
    const info: ErrorInfo = {
      code: this.code,
      message: this.message,
      message_vi: this.messageVi,
      message_en: this.messageEn,
    };
    if (this.details !== undefined) info.details = this.details;
    return info;
  }
}

export function isStationError(value: unknown): value is StationError {
  return value instanceof StationError;
}
