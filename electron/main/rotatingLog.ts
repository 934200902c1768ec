/**
 * The desktop app's log files: JSON lines in `<data dir>/logs/<name>.log`, rotated by size
 * (`<name>.1.log` … `<name>.<keep>.log`, oldest dropped) so a station that runs for months keeps
 * a few megabytes. One file per process (main, core): two processes never rotate the same file.
 *
 * The core already logs ids and codes only (electron/core/logger.ts); this is the last guard:
 * a field whose name says PIN, password, secret or key is written as "[redacted]", long strings
 * are cut, so a slip elsewhere cannot put a PIN or a personal record into a file.
 */
import { appendFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { LogLevel, Logger } from '../core/logger.js';
import { makePrivateDir } from '../core/privateFiles.js';

export interface RotatingLogOptions {
  dir: string;
  name: string;
  /** Rotate when the file would grow past this (default 1 MiB). */
  maxBytes?: number;
  /** Rotated files kept besides the current one (default 3). */
  keep?: number;
  minLevel?: LogLevel;
  now?: () => Date;
}

const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];
const SECRET_FIELD = /pin|pass(word|phrase)?|secret|key$|authorization|cookie/i;
const MAX_STRING = 300;

/** Field values made safe to write: secrets redacted (at any depth), long strings cut. */
export function redactFields(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  if (value === null || typeof value !== 'object') return value;
  if (depth >= 4) return '[nested]';
  if (Array.isArray(value)) return value.slice(0, 20).map((v) => redactFields(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_FIELD.test(k) ? '[redacted]' : redactFields(v, depth + 1);
  return out;
}

export function rotatingFileLogger(opts: RotatingLogOptions): Logger & { readonly path: string } {
  const maxBytes = opts.maxBytes ?? 1024 * 1024;
  const keep = opts.keep ?? 3;
  const minLevel = LEVELS.indexOf(opts.minLevel ?? 'info');
  const now = opts.now ?? (() => new Date());
  const file = (n: number) => join(opts.dir, n === 0 ? `${opts.name}.log` : `${opts.name}.${n}.log`);
  // The logs folder is made inside the data folder, often before the core makes that one: both
  // are the user's alone (privateFiles.ts).
  makePrivateDir(opts.dir);
  let size = (() => {
    try {
      return statSync(file(0)).size;
    } catch {
      return 0;
    }
  })();

  function rotate(): void {
    rmSync(file(keep), { force: true });
    for (let n = keep - 1; n >= 0; n--) {
      try {
        renameSync(file(n), file(n + 1));
      } catch {
        // A missing older file is normal in the first rotations.
      }
    }
    size = 0;
  }

  return {
    path: file(0),
    log(level, message, fields) {
      if (LEVELS.indexOf(level) < minLevel) return;
      const safe = fields === undefined ? {} : (redactFields(fields) as Record<string, unknown>);
      const line = `${JSON.stringify({ ...safe, at: now().toISOString(), level, message: redactFields(message) })}\n`;
      const bytes = Buffer.byteLength(line);
      if (size > 0 && size + bytes > maxBytes) rotate();
      try {
        appendFileSync(file(0), line, { mode: 0o600 });
        size += bytes;
      } catch {
        // A full or read-only disk must not take the app down with it; the line is lost.
      }
    },
  };
}
