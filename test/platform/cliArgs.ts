/**
 * `npm run platform -- --port N --data-dir DIR [--trust-ca PEM]... [--facility CODE:KEY:TAXCODE]...
 * [--faults SPEC] [--seed N] [--dsc-alg ES256|PS256] [--population FILE] [--population-size N]
 * [--max-body-bytes N] [--admin-token T] [--cert-grace-days N] [--issuance inline|background|manual]`
 */
import { readFileSync } from 'node:fs';
import { StationError } from '../../shared/errors.js';
import type { Facility } from './batch/batchService.js';
import { parseFaultSpec } from './faultInjector.js';
import { PopulationFileSchema } from './population.js';
import type { PlatformOptions } from './startPlatform.js';

export const USAGE = `usage: npm run platform -- --data-dir DIR [--port N] [--trust-ca PEM_FILE]...
  [--facility CODE:API_KEY:TAX_CODE]... [--faults SPEC] [--seed N] [--dsc-alg ES256|PS256]
  [--population FILE.json] [--population-size N] [--max-body-bytes N] [--admin-token T]
  [--cert-grace-days N] [--issuance inline|background|manual]
SPEC: latency=10-200,503=0.1,500=0.05,reset-before=0.05,reset-after=0.05,lost-reply=0.1,slow-body=0.05`;

export class UsageError extends StationError {
  constructor(en: string, vi = 'Tham số dòng lệnh không hợp lệ') {
    super('USAGE', vi, en);
  }
}

const VALUE_FLAGS = new Set([
  '--port', '--data-dir', '--trust-ca', '--facility', '--faults', '--seed', '--dsc-alg', '--population',
  '--population-size', '--max-body-bytes', '--admin-token', '--cert-grace-days', '--issuance',
]);

function integer(flag: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) throw new UsageError(`${flag} needs a whole number ${min}..${max}, got "${text}"`);
  return n;
}

function facility(text: string): Facility {
  const m = /^([^:]+):([^:]+):([^:]+)$/.exec(text);
  if (!m) throw new UsageError(`--facility needs CODE:API_KEY:TAX_CODE, got "${text}"`);
  return { code: m[1]!, apiKey: m[2]!, taxCode: m[3]! };
}

function readFile(flag: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new UsageError(`${flag}: cannot read ${path}: ${(e as Error).message}`);
  }
}

export function parseCliArgs(argv: readonly string[]): PlatformOptions {
  const values = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (!VALUE_FLAGS.has(flag)) throw new UsageError(`unknown argument "${arg}"`);
    const value = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new UsageError(`${flag} needs a value`);
    values.set(flag, [...(values.get(flag) ?? []), value]);
  }
  const last = (flag: string) => values.get(flag)?.at(-1);
  const dataDir = last('--data-dir');
  if (!dataDir) throw new UsageError('--data-dir is required');
  const options: PlatformOptions = {
    dataDir,
    port: integer('--port', last('--port') ?? '0', 0, 65535),
    trustCa: (values.get('--trust-ca') ?? []).map((path) => readFile('--trust-ca', path)).map((b) => (b.includes('-----BEGIN') ? b.toString('utf8') : new Uint8Array(b))),
    facilities: (values.get('--facility') ?? []).map(facility),
    seed: integer('--seed', last('--seed') ?? '1', 0, 2 ** 32 - 1),
  };
  const faults = last('--faults');
  if (faults !== undefined) options.faults = parseFaultSpec(faults);
  const alg = last('--dsc-alg');
  if (alg !== undefined) {
    if (alg !== 'ES256' && alg !== 'PS256') throw new UsageError(`--dsc-alg is ES256 or PS256, got "${alg}"`);
    options.dscAlg = alg;
  }
  const population = last('--population');
  if (population !== undefined) {
    let json: unknown;
    try {
      json = JSON.parse(readFile('--population', population).toString('utf8'));
    } catch (e) {
      if (e instanceof UsageError) throw e;
      throw new UsageError(`--population: ${population} is not JSON`);
    }
    const parsed = PopulationFileSchema.safeParse(json);
    if (!parsed.success) throw new UsageError(`--population: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
    options.population = parsed.data;
  }
  const size = last('--population-size');
  if (size !== undefined) options.populationSize = integer('--population-size', size, 0, 1_000_000);
  const maxBody = last('--max-body-bytes');
  if (maxBody !== undefined) options.maxBodyBytes = integer('--max-body-bytes', maxBody, 1024, 2 ** 31 - 1);
  const token = last('--admin-token');
  if (token !== undefined) options.adminToken = token;
  const grace = last('--cert-grace-days');
  if (grace !== undefined) options.certGraceDays = integer('--cert-grace-days', grace, 0, 3650);
  const issuance = last('--issuance');
  if (issuance !== undefined) {
    if (issuance !== 'inline' && issuance !== 'background' && issuance !== 'manual') throw new UsageError(`--issuance is inline, background or manual, got "${issuance}"`);
    options.issuance = issuance;
  }
  return options;
}
