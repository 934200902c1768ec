import { StationError, bilingual } from '../../shared/errors.js';
import { defaultDataDir, splitGlobalFlags } from './args.js';
import { commands, usage } from './commands/index.js';
import { UsageError, type CliContext, type CommandResult } from './context.js';

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

function usageResult(en: string, vi: string): CommandResult {
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
    const ctx: CliContext = { json, dataDir: flags.dataDir ?? defaultDataDir(), readStdin };
    const [name, ...args] = rest;
    const command = commands[name!];
    if (!command) return { result: usageResult(`unknown command: ${name}`, `không có lệnh ${name}`), json };
    return { result: await command(args, ctx), json };
  } catch (err) {
    if (err instanceof UsageError) return { result: usageResult(err.message_en, err.message_vi), json };
    if (err instanceof StationError) {
      return { result: { exitCode: 2, json: { ok: false, errors: [err.toInfo()] }, text: err.message }, json };
    }
    const message = err instanceof Error ? err.message : String(err);
    return {
      result: { exitCode: 2, json: { ok: false, errors: [{ code: 'IO_ERROR', message, message_vi: message, message_en: message }] }, text: message },
      json,
    };
  }
}

export async function main(argv = process.argv.slice(2)): Promise<void> {
  const { result, json } = await runCli(argv);
  const output = json ? JSON.stringify(result.json, null, 2) : result.text;
  if (output) (result.exitCode === 2 && !json ? process.stderr : process.stdout).write(`${output}\n`);
  process.exitCode = result.exitCode;
}
