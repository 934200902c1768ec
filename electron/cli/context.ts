import type { ErrorInfo } from '../../shared/errors.js';

/** What every `station` command receives: the global flags, already parsed (DESIGN §10). */
export interface CliContext {
  json: boolean;
  /** The station's data directory (`--data-dir`, else the per-user app data folder). */
  dataDir: string;
  /** Reads all of standard input (for `-` inputs). */
  readStdin(): Promise<Uint8Array>;
  /**
   * A secret from standard input (`--pin-stdin`, `--key-stdin`): a pipe's text less its final line ending, or a
   * line typed at the terminal without echo after `prompt` (readSecret.ts).
   */
  readSecret(prompt: { vi: string; en: string }): Promise<string>;
}

/**
 * Exit codes of DESIGN §10: 0 success / valid, 1 the input is invalid or the operation was
 * refused (the JSON says why), 2 usage or I/O error.
 */
export type ExitCode = 0 | 1 | 2;

export interface CommandResult {
  exitCode: ExitCode;
  /** The one JSON document printed with `--json`. */
  json: unknown;
  /** What a person reads without `--json`. */
  text: string;
}

export type Command = (args: string[], ctx: CliContext) => Promise<CommandResult>;

/** A command line the command cannot run: exit 2, with the message in both languages. */
export class UsageError extends Error {
  constructor(
    readonly message_en: string,
    readonly message_vi: string,
  ) {
    super(message_en);
  }
}

/** A command's synopsis as a UsageError ("usage: station …" / "cách dùng: station …"). */
export function usageOf(synopsis: string): UsageError {
  return new UsageError(synopsis, synopsis.replace(/^usage:/, 'cách dùng:'));
}

export function errorResult(exitCode: ExitCode, errors: ErrorInfo[], extra: Record<string, unknown> = {}): CommandResult {
  return {
    exitCode,
    json: { ok: false, ...extra, errors },
    text: errors.map((e) => `${e.code}: ${e.message}`).join('\n'),
  };
}
