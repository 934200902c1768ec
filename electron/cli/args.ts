import { homedir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from './context.js';

export interface GlobalFlags {
  json: boolean;
  dataDir: string | null;
  help: boolean;
}

/**
 * Pulls the global flags out of argv wherever they stand (`station --json dcc decode x` and
 * `station dcc decode x --json` are the same), leaving the command words and its own flags.
 */
export function splitGlobalFlags(argv: string[]): { flags: GlobalFlags; rest: string[] } {
  const flags: GlobalFlags = { json: false, dataDir: null, help: false };
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (arg === '--json') flags.json = true;
    else if (arg === '--help' || arg === '-h') flags.help = true;
    else if (arg === '--data-dir') {
      const value = argv[++i];
      if (value === undefined || value === '') throw new UsageError('--data-dir needs a folder', '--data-dir cần một thư mục');
      flags.dataDir = value;
    } else if (arg.startsWith('--data-dir=')) {
      flags.dataDir = arg.slice('--data-dir='.length);
      if (flags.dataDir === '') throw new UsageError('--data-dir needs a folder', '--data-dir cần một thư mục');
    } else rest.push(arg);
  }
  return { flags, rest };
}

/** The per-user app data folder, as Electron's `app.getPath('userData')` would place it. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.STATION_DATA_DIR) return env.STATION_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'VaccinePassportStation');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'VaccinePassportStation');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'vaccine-passport-station');
}

/** A command's own options: `--name value`, `--name=value`, repeatable ones collected. */
export function parseOptions(
  args: string[],
  spec: { values?: string[]; repeated?: string[]; booleans?: string[] },
): { positionals: string[]; values: Map<string, string>; repeated: Map<string, string[]>; booleans: Set<string> } {
  const values = new Map<string, string>();
  const repeated = new Map<string, string[]>();
  const booleans = new Set<string>();
  const positionals: string[] = [];
  const takesValue = new Set([...(spec.values ?? []), ...(spec.repeated ?? [])]);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    if (spec.booleans?.includes(name)) {
      if (eq !== -1) throw new UsageError(`--${name} takes no value`, `--${name} không nhận giá trị`);
      booleans.add(name);
      continue;
    }
    if (!takesValue.has(name)) throw new UsageError(`unknown option --${name}`, `không có tùy chọn --${name}`);
    const value = eq === -1 ? args[++i] : arg.slice(eq + 1);
    if (value === undefined) throw new UsageError(`--${name} needs a value`, `--${name} cần một giá trị`);
    if (spec.repeated?.includes(name)) repeated.set(name, [...(repeated.get(name) ?? []), value]);
    else values.set(name, value);
  }
  return { positionals, values, repeated, booleans };
}
