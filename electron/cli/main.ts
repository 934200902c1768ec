import { StationError, bilingual, shownSafely } from '../../shared/errors.js';
import { storageError } from '../core/db/storageErrors.js';
import { onDiskForm } from '../core/onDiskForm.js';
import { defaultDataDir, splitGlobalFlags } from './args.js';
import { commands, usage } from './commands/index.js';
import { UsageError, type CliContext, type CommandResult } from './context.js';
import { readSecret } from './readSecret.js';

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

/** A usage error may quote an argument as typed: shown safely, as a StationError's messages are. */
function usageResult(enRaw: string, viRaw: string): CommandResult {
  const en = shownSafely(enRaw);
  const vi = shownSafely(viRaw);
  const message = bilingual(vi, en);
  return {
    exitCode: 2,
    json: { ok: false, errors: [{ code: 'USAGE', message, message_vi: vi, message_en: en }] },
    text: `${message}\n\n${usage}`,
  };
}

/** Runs one `station` invocation and returns what to print and the exit code. */
export async function runCli(argv: string[]): Promise<{ result: CommandResult; json: boolean }> {
  let json = argv.includes('--json');
  try {
    const { flags, rest } = splitGlobalFlags(argv);
    json = flags.json;
    if (flags.help || rest.length === 0) return { result: { exitCode: rest.length === 0 && !flags.help ? 2 : 0, json: { usage }, text: usage }, json };
    const readSecretLine = (prompt: { vi: string; en: string }) => readSecret(process.stdin, process.stderr, `${bilingual(prompt.vi, prompt.en)}: `);
    const ctx: CliContext = { json, dataDir: onDiskForm(flags.dataDir ?? defaultDataDir()), readStdin, readSecret: readSecretLine };
    const [name, ...args] = rest;
    const command = commands[name!];
    if (!command) return { result: usageResult(`unknown command: ${name}`, `không có lệnh ${name}`), json };
    return { result: await command(args, ctx), json };
  } catch (err) {
    if (err instanceof UsageError) return { result: usageResult(err.message_en, err.message_vi), json };
    if (err instanceof StationError) {
      return { result: { exitCode: 2, json: { ok: false, errors: [err.toInfo()] }, text: err.message }, json };
    }
    return { result: unexpected(err, dataDirOf(argv)), json };
  }
}

/** The data folder the invocation names, for the messages of storage faults; undefined if unusable. */
function dataDirOf(argv: string[]): string | undefined {
  try {
    return onDiskForm(splitGlobalFlags(argv).flags.dataDir ?? defaultDataDir());
  } catch {
    return undefined;
  }
}

/**
 * A failure no command turned into a StationError: a storage fault (disk full, database locked,
 * read-only or damaged: storageErrors.ts) gets its own code; a file or system call (ENOENT,
 * EACCES) is said with its code in each language; anything else is an internal error, its text
 * kept as details.
 */
function unexpected(err: unknown, dataDir?: string): CommandResult {
  const storage = storageError(err, dataDir !== undefined ? { dataDir } : {});
  if (storage !== null) return { exitCode: 2, json: { ok: false, errors: [storage.toInfo()] }, text: `${storage.code}: ${storage.message}` };
  const message = err instanceof Error ? err.message : String(err);
  const sys = err as NodeJS.ErrnoException | null;
  const [code, vi, en] =
    typeof sys?.code === 'string' && typeof sys.syscall === 'string'
      ? ['IO_ERROR', `Lỗi đọc/ghi tệp hoặc hệ thống (${sys.code}): ${message}`, `File or system error (${sys.code}): ${message}`]
      : ['INTERNAL', 'Lỗi nội bộ của trạm; dữ liệu đã lưu không bị ảnh hưởng', 'Internal station error; stored data is unaffected'];
  const info = { code, message: `${vi} / ${en}`, message_vi: vi, message_en: en, ...(code === 'INTERNAL' ? { details: { reason: message } } : {}) };
  return { exitCode: 2, json: { ok: false, errors: [info] }, text: info.message };
}

export async function main(argv = process.argv.slice(2)): Promise<void> {
  const { result, json } = await runCli(argv);
  let output: string;
  try {
    output = json ? JSON.stringify(result.json, null, 2) : result.text;
  } catch (err) {
    // A result that cannot be written as JSON is said as an error, in JSON, not a crash.
    const failed = unexpected(err);
    output = JSON.stringify(failed.json, null, 2);
    result.exitCode = failed.exitCode;
  }
  if (output) (result.exitCode === 2 && !json ? process.stderr : process.stdout).write(`${output}\n`);
  process.exitCode = result.exitCode;
}
