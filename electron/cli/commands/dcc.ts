import { readFile, stat } from 'node:fs/promises';
import { dccError } from '../../../shared/dcc/dccErrors.js';
import { entryViews } from '../../../shared/dcc/entryView.js';
import { holderLines } from '../../../shared/dcc/holderView.js';
import { passedOverWarning } from '../../../shared/dcc/otherCode.js';
import { emptyReport, finishReport, type DccReport } from '../../../shared/dcc/report.js';
import { parseTrustFile } from '../../../shared/dcc/trust.js';
import type { TrustEntry } from '../../../shared/dcc/trustEntry.js';
import { decodeHc1Report, verifyHc1 } from '../../../shared/dcc/verify.js';
import { StationError, isStationError } from '../../../shared/errors.js';
import type { Hc1Input } from '../../core/image/hc1FromInput.js';
import { isValidIsoDate, vietnamTime } from '../../../shared/domain/dates.js';
import { scanForHc1 } from '../../core/image/qrScan.js';
import { silentLogger } from '../../core/logger.js';
import { openStationStore } from '../../core/store/openStationStore.js';
import { systemStorePorts } from '../../core/store/ports.js';
import { syncState, SYNC_KEYS } from '../../core/sync/syncState.js';
import { certificateRevocation } from '../../core/sync/certificateRevocation.js';
import { cachedTrust, trustMaybeStale } from '../../core/sync/trustCache.js';
import { parseOptions } from '../args.js';
import { UsageError, errorResult, type CliContext, type Command, type CommandResult } from '../context.js';
import { cliActor } from './records.js';

/**
 * `station dcc decode <input>` and `station dcc verify <input> [--trust FILE]... [--at ISO]`
 * (DESIGN §10). The input is a QR picture (PNG, JPEG, BMP), a PDF (its pictures searched, as the
 * station's own `certificates export --pdf`), a text file holding `HC1:...`, the HC1 text itself,
 * or `-` for stdin; other kinds are refused by name (electron/core/image/README.md). Exit codes: decode 0 when a payload came out, verify 0 when valid;
 * 1 when the certificate is not; 2 for usage and I/O errors (missing file, bad --at or --trust).
 * `--at` without an offset is Viet Nam time (parseAt). Without `--trust`, verify uses the trust
 * list of the station in the data folder, when it has synced, and a certificate that station
 * holds revoked is not valid (withStation).
 */

/** Far above any certificate photo; refuses to slurp a disk image by mistake. */
const MAX_INPUT_BYTES = 50 * 1024 * 1024;
// "HC1:…", "hc1:…", "HC2:…", "HL0:…": text meant as a certificate, never a file name.
const CONTEXT_ID = /^[A-Za-z]{2}\d:/;

function ioError(code: string, vi: string, en: string, details?: unknown): StationError {
  return new StationError(code, vi, en, details);
}

async function readInputFile(path: string): Promise<Uint8Array> {
  let size: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw ioError('FILE_NOT_READABLE', `Không phải tệp: ${path}`, `Not a file: ${path}`);
    size = s.size;
  } catch (err) {
    if (isStationError(err)) throw err;
    throw ioError('FILE_NOT_FOUND', `Không tìm thấy tệp: ${path}`, `File not found: ${path}`, { path });
  }
  if (size > MAX_INPUT_BYTES) throw dccError('INPUT_TOO_LARGE', { vi: `${size} byte`, en: `${size} bytes` });
  try {
    return new Uint8Array(await readFile(path));
  } catch (err) {
    throw ioError('FILE_NOT_READABLE', `Không đọc được tệp: ${path}`, `Cannot read file: ${path}`, { reason: String(err) });
  }
}

/** Resolves `<input>` to HC1 text. I/O problems throw (exit 2); a bad certificate or image is a report. */
async function readInput(arg: string, ctx: CliContext): Promise<Hc1Input> {
  // Pictures are searched as the verify screen's are: in a worker, stopped past its deadline.
  if (arg === '-') return scanForHc1({ kind: 'bytes', bytes: await ctx.readStdin(), name: '' });
  const exists = await stat(arg).then(
    () => true,
    () => false,
  );
  // The HC1 text itself, or a verifier's link carrying it (…?hc1=HC1%3A…): read as text, not looked for as a file.
  if (!exists && (CONTEXT_ID.test(arg) || /HC1(?::|%3A)/i.test(arg))) return { text: arg, fromImage: false };
  return scanForHc1({ kind: 'bytes', bytes: await readInputFile(arg), name: arg });
}

/**
 * `--at`: an ISO-8601 date or date-time. One without an offset is the clinic's wall clock, Viet
 * Nam time (UTC+7, whatever zone the PC is set to): an operator typing noon means noon in Viet
 * Nam, not 19:00. A date alone is that day's 00:00 in Viet Nam. `Z` or `+hh:mm` is honoured.
 */
export function parseAt(value: string | undefined): Date {
  if (value === undefined) return new Date();
  const m = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(value);
  // Date would roll 2027-02-30 over to 2 March: a day that does not exist is refused.
  const at = !m || !isValidIsoDate(value.slice(0, 10)) ? new Date(NaN) : m[4] ? new Date(value) : new Date(`${value}${m[1] ? '' : 'T00:00:00'}+07:00`);
  if (Number.isNaN(at.getTime())) throw new UsageError(`--at needs an ISO-8601 date or date-time (without an offset: Viet Nam time, UTC+7), got "${value}"`, `--at cần ngày hoặc thời điểm ISO-8601 (không ghi múi giờ: giờ Việt Nam, UTC+7), không phải "${value}"`);
  return at;
}

async function loadTrust(files: string[]): Promise<TrustEntry[]> {
  const entries: TrustEntry[] = [];
  for (const file of files) entries.push(...(await parseTrustFile(await readInputFile(file))));
  return entries;
}

/** Where the keys a verification trusted came from: `--trust` files, the station's cached list, or none. */
type TrustSource = { kind: 'files'; files: string[] } | { kind: 'station'; refreshedAt: string | null } | { kind: 'none' };

interface StationKnowledge {
  trust: TrustEntry[] | null;
  refreshedAt: string | null;
  /** The report, not valid when it is of a certificate the station holds revoked (certificateRevocation.markRevoked). */
  markRevoked(report: DccReport): DccReport;
}

/**
 * What the station in the data folder knows of certificates, open while `use` runs: the trust
 * list it keeps from its last sync (without `--trust`, verify uses it, as the station's verify
 * screen does: its own certificates were called invalid for want of a list, probe 17 F9), and
 * the certificates it holds revoked (a corrected-away QR is not valid here, whatever its
 * signature). No station there: `use(null)`. Read only.
 */
async function withStation<T>(dataDir: string, use: (station: StationKnowledge | null) => Promise<T>): Promise<T> {
  let opened: ReturnType<typeof openStationStore> | null = null;
  try {
    opened = openStationStore(dataDir, systemStorePorts(cliActor()), { create: false });
  } catch (err) {
    if (!isStationError(err)) throw err;
  }
  if (opened === null) return use(null);
  try {
    const state = syncState(opened.store.db, () => new Date());
    const trust = await cachedTrust(state, silentLogger);
    const revocations = certificateRevocation(opened.store.db);
    return await use({ trust, refreshedAt: trust === null ? null : state.updatedAt(SYNC_KEYS.trustList), markRevoked: revocations.markRevoked });
  } finally {
    opened.close();
  }
}

const NO_TRUST = {
  code: 'TRUST_LIST_NONE',
  message_vi: 'Không có danh sách tin cậy để xác minh chữ ký: hãy dùng --trust TỆP (chứng thư ký DSC hoặc danh sách tin cậy của hệ thống quốc gia), hoặc đồng bộ máy trạm một lần',
  message_en: "No trust list to verify the signature with: give --trust FILE (a DSC certificate or the platform's trust list), or sync the station once",
};

function trustLine(source: TrustSource): string {
  if (source.kind === 'files') return `  trust / tin cậy: ${source.files.join(', ')}`;
  if (source.kind === 'station') {
    const when = source.refreshedAt !== null ? vietnamTime(source.refreshedAt) : '?';
    return `  trust: the station's trust list of ${when} / tin cậy: danh sách của máy trạm, cập nhật ${when}`;
  }
  return '  trust: none / tin cậy: không có';
}

function summary(report: DccReport, mode: 'decode' | 'verify', checked?: { at: Date; trust: TrustSource }): string {
  const verdict = report.valid ? 'VALID / HỢP LỆ' : mode === 'decode' && report.payload !== null ? 'decoded, not verified / đã giải mã, chưa xác minh' : 'INVALID / KHÔNG HỢP LỆ';
  const mark = (v: boolean | null) => (v === null ? '-' : v ? 'ok' : 'FAIL');
  const lines = [`HC1: ${verdict}`, `  ${Object.entries(report.steps).map(([k, v]) => `${k} ${mark(v)}`).join(', ')}`];
  if (report.alg || report.kid) lines.push(`  alg ${report.alg ?? '?'}, kid ${report.kid ?? '?'}`);
  if (checked) {
    // The validation time the expiry step used, as --at was read (Viet Nam time without an offset).
    lines.push(`  checked at / kiểm tra lúc ${vietnamTime(checked.at.toISOString())}`);
    lines.push(trustLine(checked.trust));
  }
  if (report.claims) {
    const t = (s: number | null) => (s === null ? '?' : vietnamTime(new Date(s * 1000).toISOString()));
    lines.push(`  iss ${report.claims.iss ?? '?'}, iat ${t(report.claims.iat)}, exp ${t(report.claims.exp)}`);
  }
  for (const l of holderLines(report.payload)) lines.push(`  ${l}`);
  for (const view of entryViews(report.payload)) {
    lines.push(`  ${view.titleEn} / ${view.titleVi}`);
    for (const l of view.lines) {
      const value = l.valueEn !== undefined ? `${l.valueEn} / ${l.value}` : l.value;
      lines.push(`    ${l.labelEn} / ${l.labelVi}: ${value}${l.code !== undefined ? ` (${l.code})` : ''}`);
    }
  }
  if (report.payload !== null) lines.push(`  payload ${JSON.stringify(report.payload)}`);
  for (const e of report.errors) lines.push(`  ${e.code}: ${e.message}`);
  for (const w of report.warnings) lines.push(`  cảnh báo / warning ${w.code}: ${w.message}`);
  return lines.join('\n');
}

async function run(mode: 'decode' | 'verify', args: string[], ctx: CliContext): Promise<CommandResult> {
  const opts = parseOptions(args, mode === 'verify' ? { repeated: ['trust'], values: ['at'] } : {});
  if (opts.positionals.length !== 1) throw new UsageError(`dcc ${mode} needs exactly one <input> (file, HC1 text or -)`, `dcc ${mode} cần đúng một <input> (tệp, văn bản HC1 hoặc -)`);
  const at = parseAt(opts.values.get('at'));
  let trust: TrustEntry[] = [];
  const files = opts.repeated.get('trust') ?? [];
  let source: TrustSource = { kind: 'none' };
  try {
    trust = await loadTrust(files);
    if (files.length > 0) source = { kind: 'files', files };
  } catch (err) {
    if (isStationError(err)) return errorResult(2, [err.toInfo()]);
    throw err;
  }
  let report: DccReport;
  try {
    const input = await readInput(opts.positionals[0]!, ctx);
    if (mode === 'verify') {
      const checked = await withStation(ctx.dataDir, async (station) => {
        const own = files.length === 0 && station?.trust ? { trust: station.trust, source: { kind: 'station', refreshedAt: station.refreshedAt } as TrustSource } : { trust, source };
        const verified = await verifyHc1(input.text, { trust: own.trust, at });
        return { verified: station === null ? verified : station.markRevoked(verified), source: own.source };
      });
      report = checked.verified;
      source = checked.source;
    } else {
      report = await decodeHc1Report(input.text);
    }
    report.steps.image = input.fromImage ? true : null;
    const passedOver = passedOverWarning(input.passedOver ?? []);
    if (passedOver !== null) report.warnings.push(passedOver);
    if (mode === 'verify' && report.errors.some((e) => e.code === 'KID_UNKNOWN')) {
      // Said beside the unknown key: no list at all, or the station's may predate a new key.
      if (source.kind === 'none') report.errors.push({ ...NO_TRUST, message: `${NO_TRUST.message_vi} / ${NO_TRUST.message_en}` });
      else if (source.kind === 'station') report.errors.push(trustMaybeStale(source.refreshedAt));
    }
  } catch (err) {
    if (!isStationError(err)) throw err;
    if (err.code.startsWith('FILE_')) return errorResult(2, [err.toInfo()]);
    // The input is there but is no certificate: an image without a code, a broken image, …
    report = emptyReport();
    if (err.code === 'QR_NOT_FOUND' || err.code === 'IMAGE_INVALID') report.steps.image = false;
    report.errors.push(err.toInfo());
    finishReport(report);
  }
  const ok = mode === 'verify' ? report.valid : report.payload !== null;
  const json = mode === 'verify' ? { ...report, trustSource: source } : report;
  return { exitCode: ok ? 0 : 1, json, text: summary(report, mode, mode === 'verify' ? { at, trust: source } : undefined) };
}

export const dccCommand: Command = async (args, ctx) => {
  const [sub, ...rest] = args;
  if (sub === 'decode' || sub === 'verify') return run(sub, rest, ctx);
  throw (sub === undefined ? new UsageError('dcc needs a subcommand: decode or verify', 'dcc cần một lệnh con: decode hoặc verify') : new UsageError(`unknown dcc subcommand: ${sub}`, `không có lệnh con dcc ${sub}`));
};
