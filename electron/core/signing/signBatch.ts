/**
 * Batch signing (DESIGN §5): one token signature per batch, every record verifiable on its own.
 * The order matters for "nothing half-signed is ever kept": everything is computed first, the
 * token signs once, the signature is verified with the certificate, and only then are the batch,
 * its leaves and the records' new state written in one durable transaction. A failure or a cancel
 * at any point before that write leaves every record ready.
 */
import { decodeSign1, verifySign1, algName, isCoseAlg, schemeForAlg, type CoseAlg } from '../../../shared/cose/index.js';
import { importVerifyKey } from '../../../shared/crypto/verifySignature.js';
import { bytesToHex, equalBytes, hexToBytes } from '../../../shared/crypto/bytes.js';
import { formatDayFirst, vietnamDay } from '../../../shared/domain/dates.js';
import { uuidv7 } from '../../../shared/domain/ids.js';
import { StationError } from '../../../shared/errors.js';
import { parseCertificate } from '../../../shared/x509/index.js';
import { PIN_MAX, preferForDocuments, preferRenewed, signerError, signerNotice, type CertificateSummary, type TokenSummary } from '../../../shared/signer/index.js';
import type { BatchStore } from '../batches/batchStore.js';
import { withDurableTransaction } from '../db/durableTransaction.js';
import { clockDrafts } from '../store/draftRecheck.js';
import type { StorePorts } from '../store/ports.js';
import type { StationStore } from '../store/stationStore.js';
import { stationId } from './stationId.js';
import type { StationDatabase } from '../db/openStationDatabase.js';
import { assembleSign1, buildBatchTree, protectBatch, type BatchTree, type PreparedBatch } from './buildBatch.js';
import { readyRecordBytes, readySeqs, type ReadyRecord } from './readyRecords.js';
import type { RecordReader } from './recordReader.js';
import { readBatchRecords, readOnWorker, type BatchRecords } from './splitRead.js';
import type { TokenSigner } from './signingPorts.js';
import { withDeferredCheckpoint } from '../db/walCheckpoint.js';
import { withPlatformRefusals } from './platformRefusedCertificates.js';
import { LeavesInFlight, type StoredLeaves } from '../batches/storedLeaves.js';
import type { HeldBack } from '../store/holdBack.js';
import { heldBackSummary, holdBackRefused } from './heldBack.js';

export interface SignBatchOptions {
  pin?: string;
  confirmFinalTry?: boolean;
  tokenSerial?: string;
  certFingerprint?: string;
  modulePath?: string;
  recordIds?: readonly string[];
  limit?: number;
  signal?: AbortSignal;
  onProgress?(done: number, total: number, step: 'prepare' | 'token' | 'verify' | 'store'): void;
  /** Records per batch at most (default MAX_BATCH_RECORDS). */
  batchSize?: number;
}

export interface SignBatchResult {
  batch: string;
  count: number;
  alg: 'ES256' | 'PS256' | 'RS256';
  root: string;
  certFingerprint: string;
}

function refuse(code: string, vi: string, en: string, details?: unknown): StationError {
  return new StationError(code, vi, en, details);
}

function checkCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw refuse('SIGN_CANCELLED', 'Đã hủy ký; không bản ghi nào bị thay đổi', 'Signing cancelled; no record was changed');
}

/** A serial as the signer may type it: case and spaces do not matter (tokens print them either way). */
const serialKey = (serial: string): string => serial.replace(/\s+/g, '').toUpperCase();

/**
 * A wanted certificate's SHA-256 fingerprint, whole or its first 8+ hex digits, as a signer copies
 * it from `station token list` or a certificate viewer (any case, with spaces or colons).
 */
function fingerprintPrefix(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const hex = text.replace(/[\s:]/g, '').toLowerCase();
  if (!/^[0-9a-f]{8,64}$/.test(hex)) {
    throw refuse(
      'SIGN_CERT_FINGERPRINT_INVALID',
      `Dấu vân tay chứng thư "${text}" không hợp lệ: cần từ 8 đến 64 chữ số hex của SHA-256`,
      `The certificate fingerprint "${text}" is not valid: give 8 to 64 hex digits of its SHA-256`,
      { fingerprint: text },
    );
  }
  return hex;
}

type Picked = { token: TokenSummary; cert: CertificateSummary } | { hidden: TokenSummary };

/**
 * The certificate to sign with, from a listing made before any login; or `hidden`: the one token
 * that may hold it out of sight until login. Some tokens keep their certificates private
 * (CKA_PRIVATE): such a token lists no certificate, or not the wanted one, until the PIN is
 * entered. A token that shows certificates, none of them usable, is refused before any PIN is
 * sent, as before: a PIN try is not spent on the chance of a hidden one.
 */
function pickCertificate(tokens: readonly TokenSummary[], opts: SignBatchOptions): Picked {
  const wanted = opts.tokenSerial === undefined ? null : serialKey(opts.tokenSerial);
  const chosen = tokens.filter((t) => wanted === null || serialKey(t.serial) === wanted);
  if (wanted !== null && chosen.length === 0 && tokens.length > 0) {
    throw refuse('TOKEN_NOT_FOUND', `Không thấy token có số sê-ri ${opts.tokenSerial}`, `No token with serial ${opts.tokenSerial} is present`, {
      serial: opts.tokenSerial,
      present: tokens.map((t) => t.serial),
    });
  }
  const fingerprint = fingerprintPrefix(opts.certFingerprint);
  const candidates = chosen
    .flatMap((token) => token.certificates.map((cert) => ({ token, cert })))
    .filter(({ cert }) => fingerprint === undefined || cert.fingerprint.startsWith(fingerprint));
  const usable = candidates.filter(({ cert }) => cert.usable);
  if (usable.length === 0) {
    // Nothing in sight can sign: a token that shows none (or not the wanted one) may hide it.
    const hides = (t: TokenSummary) => (fingerprint === undefined ? t.certificates.length === 0 : !t.certificates.some((c) => c.fingerprint.startsWith(fingerprint)));
    const hidden = chosen.filter((t) => t.flags.loginRequired && !t.loggedIn && hides(t));
    if (hidden.length === 1) return { hidden: hidden[0]! };
    if (hidden.length > 1) {
      throw signerError('TOKEN_AMBIGUOUS', { serials: hidden.map((t) => t.serial) }, {
        vi: hidden.map((t) => `${t.label || '(không nhãn)'}: số sê-ri ${t.serial}`).join('; '),
        en: hidden.map((t) => `${t.label || '(no label)'}: serial ${t.serial}`).join('; '),
      });
    }
    if (tokens.length === 0) throw signerError('TOKEN_NOT_FOUND');
    const problems = candidates.length === 0 ? [signerNotice('CERT_NOT_FOUND')] : candidates.flatMap(({ cert }) => cert.problems);
    // A certificate chosen by fingerprint (the CLI's --cert, an RPC caller) that cannot sign, or is
    // not there: said of that one, and whether another on the token can (probe 17, F6).
    if (fingerprint !== undefined) throw chosenUnusable(opts.certFingerprint!, candidates.map(({ cert }) => cert), chosen, problems);
    // Why, in the sentence itself (each problem once): the CLI and the sign screen show only that.
    const why = (key: 'message_vi' | 'message_en') => [...new Set(problems.map((p) => p[key]))].join('; ');
    throw refuse(
      'SIGN_NO_USABLE_CERTIFICATE',
      `Không có chứng thư số nào trên token dùng được để ký cho cơ sở này: ${why('message_vi')}`,
      `No certificate on the token can sign for this facility: ${why('message_en')}`,
      { problems },
    );
  }
  const preferred = preferRenewed(preferForDocuments(usable, ({ cert }) => cert.keyUsage), ({ cert }) => ({
    subject: cert.subject,
    issuer: cert.issuer,
    keyUsage: cert.keyUsage,
    extKeyUsage: cert.extKeyUsage,
    notBefore: Date.parse(cert.notBefore),
    notAfter: Date.parse(cert.notAfter),
  }));
  if (preferred.length > 1) {
    throw refuse(
      'SIGN_CERTIFICATE_AMBIGUOUS',
      'Có nhiều chứng thư số dùng được: hãy chọn một',
      'Several certificates can sign: choose one',
      { fingerprints: usable.map(({ cert }) => cert.fingerprint), choices: usable.map(({ token, cert }) => ({
        tokenSerial: token.serial,
        fingerprint: cert.fingerprint,
        subject: cert.subject,
        label: cert.label,
        serialNumber: cert.serialNumber,
        keyUsage: cert.keyUsage,
        extKeyUsage: cert.extKeyUsage,
      })) },
    );
  }
  return preferred[0]!;
}

function chosenUnusable(wanted: string, matched: readonly CertificateSummary[], tokens: readonly TokenSummary[], problems: readonly { message_vi: string; message_en: string }[]): StationError {
  const others = tokens.flatMap((t) => t.certificates).filter((c) => c.usable).map((c) => ({ fingerprint: c.fingerprint, subject: c.subject }));
  const otherVi = others.length > 0 ? ` ${others.length} chứng thư số khác trên token ký được: hãy chọn chứng thư đó, hoặc bỏ lựa chọn để trạm tự chọn.` : '';
  const otherEn = others.length > 0 ? ` ${others.length} other certificate(s) on the token can sign: choose one of them, or choose none and the station picks it.` : '';
  if (matched.length === 0) {
    return refuse('SIGN_CERTIFICATE_NOT_FOUND', `Không có chứng thư số ${wanted} trên token.${otherVi}`, `No certificate ${wanted} is on the token.${otherEn}`, { fingerprint: wanted, problems, others });
  }
  const why = { vi: problems.map((p) => p.message_vi).join('; '), en: problems.map((p) => p.message_en).join('; ') };
  return refuse(
    'SIGN_CHOSEN_CERTIFICATE_UNUSABLE',
    `Chứng thư số đã chọn (${matched[0]!.subject}) không ký được: ${why.vi}.${otherVi}`,
    `The chosen certificate (${matched[0]!.subject}) cannot sign: ${why.en}.${otherEn}`,
    { fingerprint: wanted, problems, others },
  );
}

/**
 * At most this many records under one token signature: an upload body of about 8 MB, which a
 * platform accepts and a slow clinic line sends in reasonable time. More ready records are signed
 * as several batches in one go (the same PIN, each batch its own signature).
 */
export const MAX_BATCH_RECORDS = 10_000;

/** `reader`: reads half of a big batch on a worker thread (splitRead.ts); without it, one thread. */
type Deps = {
  store: StationStore;
  batches: BatchStore;
  signer: TokenSigner;
  ports: StorePorts;
  reader?: RecordReader | null;
  /** The first batch, read on the worker while the PIN was typed (prepareFirstBatch); used if still exact. */
  prepared?: ReadAhead | null;
};

export interface SignResult extends SignBatchResult {
  /** Every batch made, oldest first; `batch` and `root` are the first one's. */
  batches: { batch: string; count: number; root: string }[];
  /** Records the platform would have refused (and their batch with them): back to draft, not signed (heldBack.ts). */
  heldBack: ReturnType<typeof heldBackSummary>;
}

/**
 * Signs the ready records (or the chosen ones) as one batch, or as several of at most
 * MAX_BATCH_RECORDS. Each batch is all-or-nothing; if a later one fails, the ones before it stay
 * signed and the error says how many were (details.signedBatches).
 */
export async function signBatch(deps: Deps, opts: SignBatchOptions): Promise<SignResult> {
  const ids = opts.recordIds ? [...new Set(opts.recordIds)] : null;
  const total = ids ? ids.length : Math.min(opts.limit ?? Number.MAX_SAFE_INTEGER, countReady(deps.store));
  const size = Math.max(1, Math.min(opts.batchSize ?? MAX_BATCH_RECORDS, MAX_BATCH_RECORDS));
  // `at`: the records signed or held back so far (a held-back record is no longer ready, nor signed).
  const chunkAt = (at: number) => (ids ? { recordIds: ids.slice(at, at + size) } : { limit: Math.min(size, Math.max(1, total - at)) });
  const held: HeldBack[] = [];
  // The token is listed once for all the batches of this action: on a USB token every PKCS#11
  // call costs tens to hundreds of milliseconds, far more than the signature itself. While the
  // host lists it, the first batch's records are read and hashed here: none of that depends on
  // the certificate (only the protected header does), so the two overlap.
  const setting = preflight(deps.store, deps.ports, opts);
  const listing = listCertificate(deps, setting, opts);
  listing.catch(() => undefined); // awaited below; a read that throws first must not leave it unhandled
  await sent();
  let first: ReadBatch;
  try {
    const firstOpts: SignBatchOptions = { ...opts, ...chunkAt(0), onProgress: (d, _t, step) => opts.onProgress?.(d, total, step) };
    first = (await fromPrepared(deps, setting.facility, firstOpts, held)) ?? (await readBatch(deps, setting.facility, firstOpts, held));
  } catch (err) {
    await listing; // a token or certificate problem is the news before a record problem, as before
    throw err;
  }
  const selected = await listing;
  const made: SignBatchResult[] = [];
  let done = 0;
  let ahead: ReadAhead | null = null;
  do {
    const chunk = chunkAt(done + held.length);
    // Progress counts the whole action: this batch's steps start at the records already signed.
    const onProgress: SignBatchOptions['onProgress'] = (d, _t, step) => opts.onProgress?.(done + d, total, step);
    try {
      const next: ReadBatch | null = ahead === null ? null : await readFromAhead(deps, setting.facility, ahead, { ...opts, ...chunk, onProgress }, held);
      const read: ReadBatch = made.length === 0 ? first : (next ?? (await readBatch(deps, setting.facility, { ...opts, ...chunk, onProgress }, held)));
      // More to sign after this batch: the worker reads the next one while this one is signed
      // and stored on the core's thread (which leaves the worker idle otherwise).
      const rest = total - done - held.length - read.built.items.length;
      ahead = ids === null && rest >= READ_AHEAD_MIN ? readAhead(deps, read, Math.min(size, rest)) : null;
      const { result: one, written } = await signRead(deps, selected, read, { ...opts, ...chunk, onProgress });
      // The read-ahead's mark was taken before this batch's store: its own writes are not a change.
      if (ahead !== null) ahead.mark = { ...ahead.mark, changes: ahead.mark.changes + written };
      made.push(one);
      done += one.count;
    } catch (err) {
      if (made.length === 0 || !(err instanceof StationError)) throw err;
      throw new StationError(err.code, `${err.messageVi} (đã ký xong ${done} hồ sơ trong ${made.length} lô trước đó)`, `${err.messageEn} (${done} records in ${made.length} earlier batch(es) were signed)`, {
        ...(typeof err.details === 'object' && err.details !== null ? err.details : {}),
        signedBatches: made.map((m) => m.batch),
      });
    }
  } while (done + held.length < total && (ids !== null || countReady(deps.store) > 0));
  const firstMade = made[0]!;
  return { ...firstMade, count: done, batches: made.map((m) => ({ batch: m.batch, count: m.count, root: m.root })), heldBack: heldBackSummary(held) };
}

/**
 * Lets a request just made to the signer host leave: the client sends it after a few promise
 * steps, and synchronous work started before they ran would hold it back until it ended.
 */
function sent(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function countReady(store: StationStore): number {
  return store.countByState().ready ?? 0;
}

interface Setting {
  facility: string;
  facilityId: { taxCode: string | null; name: string | null };
  modulePath: string | undefined;
}

/** A WebCrypto public key (the core's TypeScript has no DOM types). */
type VerifyKey = NonNullable<Awaited<ReturnType<typeof importVerifyKey>>>;

interface Selected extends Setting {
  token: TokenSummary;
  cert: CertificateSummary & { alg: CoseAlg };
  /** Logged in by listCertificate (a certificate hidden until login): the next signature needs no PIN. */
  loginFresh: boolean;
  /** The signing certificate's verify key, imported once for the action's batches (verifyKeyOf). */
  verifyKey?: { der: Uint8Array; alg: CoseAlg; key: VerifyKey };
}

/**
 * The key each batch's signature is verified with: the certificate the token returned, parsed and
 * imported once per signing action for as long as the token returns the same certificate for the
 * same algorithm (~5 ms of X.509 parsing and WebCrypto import a batch otherwise). Any other
 * certificate is parsed afresh. A key WebCrypto refuses is passed on as its SPKI, which
 * verifySign1 answers false for, as before.
 */
async function verifyKeyOf(selected: Selected, der: Uint8Array, alg: CoseAlg): Promise<VerifyKey | Uint8Array> {
  const cached = selected.verifyKey;
  if (cached !== undefined && cached.alg === alg && equalBytes(cached.der, der)) return cached.key;
  const spki = parseCertificate(der).publicKey.spki;
  const key = await importVerifyKey(spki, schemeForAlg(alg));
  if (key === null) return spki;
  selected.verifyKey = { der: new Uint8Array(der), alg, key };
  return key;
}

/**
 * A PC clock behind the calendar would date the facility's signature before the vaccinations it
 * attests (a batch "created" on 17/11 for a dose given on 24/11, or in 2000): the platform takes
 * such a batch, and its passports would carry it. A ready record dated after the clinic's today
 * proves the clock is behind: it was validated against a later "today" when it was saved.
 */
function checkClockNotBehind(store: StationStore, now: Date): void {
  const today = vietnamDay(now);
  const latest = store.db
    .prepare("SELECT vaccination_date FROM dose_records WHERE vaccination_date > ? AND state = 'ready' ORDER BY vaccination_date DESC LIMIT 1")
    .pluck()
    .get(today) as string | undefined;
  if (latest === undefined) return;
  throw refuse(
    'SIGN_CLOCK_BEHIND',
    `Ngày trên máy tính (${formatDayFirst(today)}) sớm hơn ngày tiêm của hồ sơ chờ ký (${formatDayFirst(latest)}): đồng hồ máy tính đang chậm. Hãy chỉnh ngày giờ của máy tính rồi ký lại; chưa có gì được ký.`,
    `The PC's date (${formatDayFirst(today)}) is before the vaccination date of a record waiting to be signed (${formatDayFirst(latest)}): the PC clock is behind. Correct the PC's date and time, then sign again; nothing was signed.`,
    { today, latestVaccinationDate: latest },
  );
}

/**
 * Nothing ready: and if drafts are dated after the PC's today, a clock behind is the likely
 * reason (probe 17, F4: the day's doses all became drafts "in the future"), so it is said.
 */
function nothingReady(store: StationStore, now: Date): StationError {
  const today = vietnamDay(now);
  const future = clockDrafts(store.db).get(today);
  if (future === 0) return refuse('SIGN_NOTHING_READY', 'Không có bản ghi nào sẵn sàng ký', 'No record is ready to sign');
  return refuse(
    'SIGN_NOTHING_READY',
    `Không có bản ghi nào sẵn sàng ký. ${future} hồ sơ nháp có ngày tiêm sau ngày trên máy tính (${formatDayFirst(today)}): nếu các mũi này đã tiêm, đồng hồ máy tính đang chậm. Hãy chỉnh ngày giờ của máy; các hồ sơ này sẽ được kiểm tra lại.`,
    `No record is ready to sign. ${future} draft(s) have a vaccination date after the PC's date (${formatDayFirst(today)}): if those doses were given, the PC clock is behind. Correct the PC's date and time; those records are then checked again.`,
    { today, futureDrafts: future },
  );
}

/** What is checked before the token is asked anything: the facility, something to sign, the clock, a PIN that can be sent. */
function preflight(store: StationStore, ports: StorePorts, opts: SignBatchOptions): Setting {
  const facility = store.getSetting('facility.code');
  if (!facility) throw refuse('FACILITY_NOT_SET', 'Chưa cài đặt mã cơ sở tiêm chủng', 'The facility code is not set (settings)');
  if (opts.recordIds === undefined && countReady(store) === 0) throw nothingReady(store, ports.now());
  checkClockNotBehind(store, ports.now());
  // PKCS#11 takes at most 255 bytes (the signer protocol's PIN_MAX); the token's own range is the host's to check.
  if (opts.pin !== undefined && new TextEncoder().encode(opts.pin).length > PIN_MAX) {
    throw signerError('PIN_LENGTH', { max: PIN_MAX }, { vi: `tối đa ${PIN_MAX} byte`, en: `at most ${PIN_MAX} bytes` });
  }
  checkCancelled(opts.signal);
  const modulePath = opts.modulePath ?? store.getSetting('pkcs11.module') ?? undefined;
  return { facility, facilityId: { taxCode: store.getSetting('facility.taxCode'), name: store.getSetting('facility.name') }, modulePath };
}

/** The token and the certificate that will sign (checked before any PIN is sent). */
async function listCertificate(deps: Deps, setting: Setting, opts: SignBatchOptions): Promise<Selected> {
  const { modulePath, facilityId } = setting;
  const listing = await deps.signer.listTokens({ ...(modulePath ? { modulePath } : {}), facility: facilityId });
  const refusals = deps.batches.certificateRefusals();
  let picked = pickCertificate(withPlatformRefusals(listing.tokens, refusals), opts);
  let loginFresh = false;
  if ('hidden' in picked) {
    // The one PIN entry logs in here, and the first batch signs on that login (no second C_Login).
    const { token } = await deps.signer.logIn({
      ...(modulePath ? { modulePath } : {}),
      tokenSerial: picked.hidden.serial,
      facility: facilityId,
      ...(opts.pin !== undefined && opts.pin !== '' ? { pin: opts.pin } : {}),
      ...(opts.confirmFinalTry ? { confirmFinalTry: true } : {}),
    });
    picked = pickCertificate(withPlatformRefusals([{ ...token, loggedIn: true }], refusals), opts) as Exclude<Picked, { hidden: TokenSummary }>;
    loginFresh = true;
  }
  const { token, cert } = picked;
  const alg = cert.alg;
  if (alg === null || !isCoseAlg(alg)) {
    throw refuse('SIGN_ALG_UNKNOWN', 'Không xác định được thuật toán ký của khóa', 'The key’s signing algorithm cannot be determined', { fingerprint: cert.fingerprint });
  }
  return { ...setting, token, cert: { ...cert, alg }, loginFresh };
}

/** One batch's records read and hashed: everything of it that does not depend on the key. */
interface ReadBatch {
  mark: ChangeMark;
  batchId: string;
  created: Date;
  built: BatchTree;
  /**
   * The leaves packed and deflated on libuv's pool (storedLeaves.ts LeavesInFlight), each run of
   * records from the moment it is read: it runs while the token is listed and signs, and is
   * awaited just before the store. Never rejects unhandled: a batch dropped before its store
   * leaves it unawaited.
   */
  leaves: Promise<StoredLeaves>;
}

/**
 * `held`: the records held back so far (heldBack.ts); a record here the platform would refuse is
 * held back and added to it, and the batch read again without it.
 */
async function readBatch(deps: Deps, facility: string, opts: SignBatchOptions, held: HeldBack[]): Promise<ReadBatch> {
  const { store, ports } = deps;
  const station = stationId(store, ports);
  // Taken before the records are read: if nothing at all is written to the database between
  // this mark and the store step, the records cannot have changed (unchangedSince).
  const mark = changeMark(store.db);
  // Each half deflated as soon as it is read: the core's own before the worker's has arrived.
  const leaves = new LeavesInFlight();
  const read = await readBatchRecords(store.db, opts, deps.reader ?? null, {}, (records) => leaves.add(records.map((r) => r.cbor)));
  if (read.records.length === 0) throw allHeldBack(held) ?? refuse('SIGN_NOTHING_READY', 'Không có bản ghi nào sẵn sàng ký', 'No record is ready to sign');
  if (holdBackRefused(store, read.records, held)) {
    // Each pass holds back at least one record, so this ends; chosen ids leave the held ones out.
    const gone = new Set(held.map((h) => h.id));
    const again = opts.recordIds === undefined ? opts : { ...opts, recordIds: opts.recordIds.filter((id) => !gone.has(id)) };
    if (again.recordIds?.length === 0) throw allHeldBack(held)!;
    return readBatch(deps, facility, again, held);
  }
  return treeOf(deps, facility, station, mark, read, leaves, opts);
}

/** Nothing left to sign because every record was held back: said with the first one's reason. */
function allHeldBack(held: readonly HeldBack[]): StationError | null {
  const first = held[0]?.findings[0];
  if (first === undefined) return null;
  return refuse('SIGN_NOTHING_READY',
    `Không có bản ghi nào sẵn sàng ký: ${held.length} hồ sơ đã được đưa về bản nháp vì hệ thống quốc gia sẽ từ chối chúng. ${first.message_vi}`,
    `No record is ready to sign: ${held.length} record(s) were put back to draft because the national platform would refuse them. ${first.message_en}`,
    { heldBack: heldBackSummary(held) });
}

/** A batch's id, time and tree over records just read (ReadBatch). */
function treeOf(deps: Deps, facility: string, station: string, mark: ChangeMark, read: BatchRecords, inFlight: LeavesInFlight, opts: SignBatchOptions): ReadBatch {
  const { ports } = deps;
  const created = ports.now();
  const batchId = uuidv7(created.getTime(), (n) => ports.randomBytes(n));
  opts.onProgress?.(0, read.records.length, 'prepare');
  const built = buildBatchTree({ batchId, facility, station, created, records: read.records, root: read.root });
  const leaves = inFlight.finish(built.items);
  leaves.catch(() => undefined);
  return { mark, batchId, created, built, leaves };
}

/**
 * A next batch this big is read ahead (below it, the core reads it in ~20 ms: not worth a worker
 * round trip, and a short tail batch ends the action anyway). The same size as splitRead's
 * SPLIT_MIN, for another reason: that one is where splitting a read starts to pay.
 */
const READ_AHEAD_MIN = 2_000;

/**
 * The next batch of a long signing, read wholly on the worker while the core's thread signs and
 * stores the current one: the next `limit` ready records past the current batch's last seq —
 * what a read after the store chooses, unless records became ready meanwhile (readFromAhead
 * checks). The current batch's store changes no other record, nor anything their bytes are made
 * of (a correction's predecessor is signed before the correction exists, so it is never in the
 * batch being stored). The same guard as any read: `mark` is taken before the records are
 * chosen, the caller adds the current store's own writes to it, and any other write in between
 * makes the store compare every record (unchangedSince). Never fails the signing: any error
 * here, or of the worker, means the next batch is read as usual.
 */
export interface ReadAhead {
  /** The station id the batch is signed as (the same station signs the whole action). */
  station: string;
  mark: ChangeMark;
  seqs: number[];
  records: Promise<BatchRecords | null>;
  /** Their leaves, deflating from the moment the worker's answer arrives. */
  leaves: LeavesInFlight;
}

function readAhead(deps: Deps, current: ReadBatch, limit: number): ReadAhead | null {
  const last = current.built.items.at(-1)?.recordSeq;
  return last === undefined ? null : readOnWorkerFrom(deps, current.built.manifest.station, limit, last, 'read-ahead failed; the next batch is read on the core');
}

/** The next `limit` ready records past `after`, posted to the worker (see ReadAhead), or null. */
function readOnWorkerFrom(deps: Pick<Deps, 'store' | 'reader'>, station: string, limit: number, after: number | undefined, failure: string): ReadAhead | null {
  const { store, reader } = deps;
  if (!reader || !reader.available()) return null;
  const failed = (err: unknown) => {
    reader.problem(failure, { error: err instanceof Error ? err.message : String(err) });
    return null;
  };
  try {
    const mark = changeMark(store.db);
    const seqs = readySeqs(store.db, { limit, ...(after === undefined ? {} : { after }) });
    if (seqs.length === 0) return null;
    const leaves = new LeavesInFlight();
    const records = readOnWorker(seqs, reader).then((read) => {
      if (read !== null) leaves.add(read.records.map((r) => r.cbor));
      return read;
    });
    return { station, mark, seqs, records: records.catch(failed), leaves };
  } catch (err) {
    return failed(err);
  }
}

/**
 * The first batch of the next signing (the oldest `limit` ready records), read wholly on the
 * worker while the signer types the PIN: the signing screen lists the tokens first
 * (signingService.ts), and nothing of a batch's records, bytes or root depends on the PIN or the
 * certificate. The signing uses it only if nothing at all was written to the database since
 * (fromPrepared: the same guard as a read-ahead's, checked before use); otherwise, or if the
 * worker could not, it reads as usual. Null when no worker is ready or nothing is ready to sign.
 */
export function prepareFirstBatch(deps: Pick<Deps, 'store' | 'ports' | 'reader'>, limit = MAX_BATCH_RECORDS): ReadAhead | null {
  // The station id first: made once and stored, which is a write the guard would count.
  const station = stationId(deps.store, deps.ports);
  return readOnWorkerFrom(deps, station, limit, undefined, 'reading the first batch ahead failed; it is read when signing');
}

/** Whether a prepared first batch is still exactly what a read now would give (nothing written since). */
export function stillPrepared(store: StationStore, prepared: ReadAhead): boolean {
  return nothingWrittenSince(store.db, prepared.mark);
}

/** The prepared first batch as this signing's first batch, or null (see prepareFirstBatch). */
async function fromPrepared(deps: Deps, facility: string, opts: SignBatchOptions, held: HeldBack[]): Promise<ReadBatch | null> {
  const { prepared, store, ports } = deps;
  if (!prepared || opts.recordIds !== undefined || opts.limit !== prepared.seqs.length) return null;
  if (stationId(store, ports) !== prepared.station || !stillPrepared(store, prepared)) return null;
  return readFromAhead(deps, facility, prepared, opts, held);
}

/**
 * The read-ahead's batch, or null — the worker could not, or the records it read are not the
 * ones a read now chooses (a record before or among them became ready while it read: oldest
 * first is kept) — and the batch is then read as usual. Nothing written since its mark (the
 * batch before it, stored meanwhile, is discounted): the ready records are the ones it chose,
 * less that batch, so they are not listed again.
 */
async function readFromAhead(deps: Deps, facility: string, ahead: ReadAhead, opts: SignBatchOptions, held: HeldBack[]): Promise<ReadBatch | null> {
  const read = await ahead.records;
  if (read === null) return null;
  if (!nothingWrittenSince(deps.store.db, ahead.mark)) {
    const now = readySeqs(deps.store.db, { limit: ahead.seqs.length });
    if (now.length !== ahead.seqs.length || now.some((seq, i) => seq !== ahead.seqs[i])) return null;
  }
  // A record the platform would refuse: held back, and the batch read as usual without it.
  if (holdBackRefused(deps.store, read.records, held)) return null;
  return treeOf(deps, facility, ahead.station, ahead.mark, read, ahead.leaves, opts);
}

/** `written`: the rows the store step changed (the read-ahead's mark discounts them). */
async function signRead(deps: Deps, selected: Selected, read: ReadBatch, opts: SignBatchOptions): Promise<{ result: SignBatchResult; written: number }> {
  const { store, batches, signer } = deps;
  const { facilityId, modulePath, token, cert } = selected;
  const { mark, batchId, created, built, leaves } = read;
  const count = built.items.length;
  checkCancelled(opts.signal);
  // kid = the first 8 bytes of SHA-256(certificate DER) (DESIGN §5); the fingerprint is that hash.
  const kid = hexToBytes(cert.fingerprint).slice(0, 8);
  // Each batch logs in with the PIN, except the first after listCertificate's own login.
  const pin = selected.loginFresh ? undefined : opts.pin;
  selected.loginFresh = false;
  const tokenSign = (prepared: PreparedBatch) =>
    signer.sign({
      ...(modulePath ? { modulePath } : {}),
      tokenSerial: token.serial,
      certFingerprint: cert.fingerprint,
      facility: facilityId,
      ...(pin !== undefined && pin !== '' ? { pin } : {}),
      ...(opts.confirmFinalTry ? { confirmFinalTry: true } : {}),
      toBeSigned: prepared.toBeSigned,
    });

  let prepared = protectBatch(built, cert.alg, kid);
  checkCancelled(opts.signal);
  opts.onProgress?.(0, count, 'token');
  let signed = await tokenSign(prepared);
  // The listing plans PS256 for an RSA key; a token that refuses every PSS mechanism makes the
  // host fall back to RS256 (DESIGN §5). The header said PS256, so that signature is unusable:
  // prepare again for the algorithm the token used and sign once more (same login, same PIN).
  if (signed.certFingerprint === cert.fingerprint && signed.alg !== prepared.alg && isCoseAlg(signed.alg)) {
    prepared = protectBatch(built, signed.alg, kid);
    signed = await tokenSign(prepared);
  }
  if (signed.alg !== prepared.alg || signed.certFingerprint !== cert.fingerprint) {
    throw refuse('SIGN_TOKEN_CHANGED', 'Token đã ký bằng khóa hoặc thuật toán khác dự kiến; không lưu gì', 'The token signed with another key or algorithm than planned; nothing was stored', {
      planned: { alg: prepared.alg, fingerprint: cert.fingerprint },
      got: { alg: signed.alg, fingerprint: signed.certFingerprint },
    });
  }

  opts.onProgress?.(count, count, 'verify');
  const sign1Bytes = assembleSign1(prepared, signed.signature, [signed.certificateDer, ...signed.certificateChain]);
  if (!(await verifySign1(decodeSign1(sign1Bytes), await verifyKeyOf(selected, signed.certificateDer, prepared.alg)))) {
    throw refuse('SIGN_VERIFY_FAILED', 'Chữ ký của token không kiểm tra được bằng chứng thư; không lưu gì', 'The token’s signature does not verify with its certificate; nothing was stored');
  }
  checkCancelled(opts.signal);

  opts.onProgress?.(count, count, 'store');
  const stored = await leaves;
  checkCancelled(opts.signal);
  const before = totalChanges(store.db);
  withDeferredCheckpoint(store.db, () => withDurableTransaction(store.db, () => {
    // While the signer typed the PIN, someone may have edited a record (or its person) in place:
    // the batch is stored only if every record still encodes to exactly the bytes the token signed.
    unchangedSince(store.db, mark, prepared);
    batches.insertSigned({
      id: batchId,
      createdAt: created.toISOString(),
      facility: prepared.manifest.facility,
      station: prepared.manifest.station,
      root: prepared.manifest.root,
      alg: prepared.alg,
      sign1: sign1Bytes,
      items: prepared.items,
      leaves: stored,
    });
  }));
  const written = totalChanges(store.db) - before;
  return { result: { batch: batchId, count, alg: algName(prepared.alg), root: bytesToHex(prepared.manifest.root), certFingerprint: cert.fingerprint }, written };
}

/**
 * Whether anything was written to the database: total_changes() counts every row this connection
 * inserted, updated or deleted (trigger writes and rolled-back ones included), data_version moves
 * when another connection commits. Both equal → not one row changed, so no record did. A
 * read-ahead's mark has the store of the batch before it added (its own writes, counted around
 * that synchronous transaction): equal then means nothing else was written.
 */
export interface ChangeMark {
  changes: number;
  version: number;
}

function totalChanges(db: StationDatabase): number {
  return db.prepare('SELECT total_changes()').pluck().get() as number;
}

function changeMark(db: StationDatabase): ChangeMark {
  return { changes: totalChanges(db), version: db.pragma('data_version', { simple: true }) as number };
}

function nothingWrittenSince(db: StationDatabase, mark: ChangeMark): boolean {
  const now = changeMark(db);
  return now.changes === mark.changes && now.version === mark.version;
}

function unchangedSince(db: StationDatabase, mark: ChangeMark, prepared: PreparedBatch): void {
  if (nothingWrittenSince(db, mark)) return;
  // Something was written (an edit, sync, a setting): compare every record's bytes as they are now.
  let current: ReadyRecord[];
  try {
    current = readyRecordBytes(db, { recordIds: prepared.items.map((i) => i.recordId) });
  } catch (err) {
    if (err instanceof StationError && err.code === 'SIGN_RECORDS_NOT_READY') throw signedElsewhere(db, prepared) ?? changed(err.details);
    throw err;
  }
  const edited = prepared.items.filter((item, i) => !equalBytes(current[i]!.cbor, item.recordCbor)).map((i) => i.recordId);
  if (edited.length > 0) throw changed({ recordIds: edited.slice(0, 20) });
}

/**
 * Records gone from `ready` because another station process (the app beside the CLI, a second
 * window) signed them into its batch meanwhile: said so, not "edited" with "sign again", which
 * only gave "nothing ready" after a signature for nothing (probe 17). Null when any other change
 * took one (an edit, a correction): that is SIGN_RECORDS_CHANGED.
 */
function signedElsewhere(db: StationDatabase, prepared: PreparedBatch): StationError | null {
  const rows = db
    .prepare('SELECT r.state, b.id AS batch FROM dose_records r LEFT JOIN batches b ON b.seq = r.batch_seq WHERE r.id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(prepared.items.map((i) => i.recordId))) as { state: string; batch: string | null }[];
  const gone = rows.filter((r) => r.state !== 'ready');
  if (gone.length === 0 || gone.some((r) => r.batch === null)) return null;
  const batches = [...new Set(gone.map((r) => r.batch!))];
  return refuse(
    'SIGN_RECORDS_SIGNED_ELSEWHERE',
    `${gone.length} hồ sơ đã được ký trong lúc này ở một cửa sổ hoặc lệnh khác của trạm (lô ${batches.slice(0, 3).join(', ')}); chữ ký này không được lưu. Các hồ sơ đó không cần ký lại`,
    `${gone.length} record(s) were signed meanwhile by another window or command of this station (batch ${batches.slice(0, 3).join(', ')}); this signature was not stored. Those records need no signing again`,
    { batches: batches.slice(0, 20), records: gone.length },
  );
}

function changed(details: unknown): StationError {
  return refuse(
    'SIGN_RECORDS_CHANGED',
    'Có hồ sơ được sửa trong lúc ký; chữ ký không được lưu. Hãy ký lại',
    'Records were edited while signing; the signature was not stored. Sign again',
    details,
  );
}
