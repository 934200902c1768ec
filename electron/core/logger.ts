/**
 * The core's logger port. Lines are structured; callers pass ids and codes, never personal data,
 * PINs or keys (STYLE: a logger, not console).
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
}

export const silentLogger: Logger = { log() {} };

/** A logger that keeps lines in memory: for tests that assert what was (not) logged. */
export function memoryLogger(): Logger & { lines: { level: LogLevel; message: string; fields?: Record<string, unknown> }[] } {
  const lines: { level: LogLevel; message: string; fields?: Record<string, unknown> }[] = [];
  return {
    lines,
    log(level, message, fields) {
      lines.push(fields === undefined ? { level, message } : { level, message, fields });
    },
  };
}

/** JSON lines on a writable stream (stderr by default), for the CLI and the hosts. */
export function streamLogger(write: (line: string) => void, minLevel: LogLevel = 'info'): Logger {
  const order: LogLevel[] = ['debug', 'info', 'warn', 'error'];
  return {
    log(level, message, fields) {
      if (order.indexOf(level) < order.indexOf(minLevel)) return;
      write(`${JSON.stringify({ at: new Date().toISOString(), level, message, ...fields })}\n`);
    },
  };
}
