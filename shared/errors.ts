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

/**
 * Characters that must not reach a message raw: C0, DEL and C1 controls (a line break forges a
 * log line, ESC recolours a terminal, NUL cuts a C string), the bidi controls and marks (they
 * reorder the words around them on screen) and the Unicode line and paragraph separators.
 */
const UNSHOWABLE = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/gu;

/**
 * Text as a message may show it: each character above written as its escape (\u001b), so the
 * reader still sees what was sent, and nothing else changed. Every StationError's messages pass
 * through it (a refusal quotes ids, serials, file names as sent: session 27's fuzz).
 */
export function shownSafely(text: string): string {
  return text.replace(UNSHOWABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function bilingual(vi: string, en: string): string {
  return `${vi} / ${en}`;
}

export class StationError extends Error {
  readonly code: string;
  readonly messageVi: string;
  readonly messageEn: string;
  readonly details: unknown;

  /** The messages are shown safely (`shownSafely`); `details` keeps what was sent as it was. */
  constructor(code: string, messageVi: string, messageEn: string, details?: unknown) {
    const vi = shownSafely(messageVi);
    const en = shownSafely(messageEn);
    super(bilingual(vi, en));
    this.name = 'StationError';
    this.code = code;
    this.messageVi = vi;
    this.messageEn = en;
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
