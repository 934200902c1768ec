/**
 * Batch signing (DESIGN §5): one token signature per batch, every record verifiable on its own.
 * The order matters for "nothing half-signed is ever kept": everything is computed first, the
 * token signs once, the signature is verified with the certificate, and only then are the batch,
 * its items and the records' new state written in one durable transaction. A failure or a cancel
 * at any point before that write leaves every record ready.
 */
import { decodeSign1, verifySign1, algName, isCoseAlg } from '../../../shared/cose/index.js';
import { bytesToHex, hexToBytes } from '../../../shared/crypto/bytes.js';
import { uuidv7 } from '../../../shared/domain/ids.js';
import { StationError } from '../../../shared/errors.js';
import { parseCertificate } from '../../../shared/x509/index.js';
import { signerError, type CertificateSummary, type TokenSummary } from '../../../shared/signer/index.js';
import type { BatchStore } from '../batches/batchStore.js';
import type { StorePorts } from '../store/ports.js';
import type { StationStore } from '../store/stationStore.js';
import { assembleSign1, prepareBatch } from './buildBatch.js';
import { readyRecords } from './readyRecords.js';
import type { TokenSigner } from './signingPorts.js';

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

/** The station's own id, made once and kept in settings (it goes into every manifest). */
export function stationId(store: StationStore, ports: StorePorts): string {
  const existing = store.getSetting('station.id');
  if (existing) return existing;
  const id = uuidv7(ports.now().getTime(), (n) => ports.randomBytes(n));
  store.setSetting('station.id', id);
  return id;
}

function pickCertificate(tokens: readonly TokenSummary[], opts: SignBatchOptions): { token: TokenSummary; cert: CertificateSummary } {
  const candidates = tokens
    .filter((t) => opts.tokenSerial === undefined || t.serial === opts.tokenSerial)
    .flatMap((token) => token.certificates.map((cert) => ({ token, cert })))
    .filter(({ cert }) => opts.certFingerprint === undefined || cert.fingerprint === opts.certFingerprint.toLowerCase());
  const usable = candidates.filter(({ cert }) => cert.usable);
  if (usable.length === 0) {
    if (tokens.length === 0) throw signerError('TOKEN_NOT_FOUND');
    const problems = candidates.flatMap(({ cert }) => cert.problems);
    throw refuse(
      'SIGN_NO_USABLE_CERTIFICATE',
      'Không có chứng thư số nào trên token dùng được để ký cho cơ sở này',
      'No certificate on the token can sign for this facility',
      { problems },
    );
  }
  if (usable.length > 1 && opts.certFingerprint === undefined) {
    throw refuse(
      'SIGN_CERTIFICATE_AMBIGUOUS',
      'Có nhiều chứng thư số dùng được: hãy chọn một',
      'Several certificates can sign: choose one',
      { fingerprints: usable.map(({ cert }) => cert.fingerprint) },
    );
  }
  return usable[0]!;
}

export async function signBatch(
  deps: { store: StationStore; batches: BatchStore; signer: TokenSigner; ports: StorePorts },
  opts: SignBatchOptions,
): Promise<SignBatchResult> {
  const { store, batches, signer, ports } = deps;
  const facility = store.getSetting('facility.code');
  if (!facility) throw refuse('FACILITY_NOT_SET', 'Chưa cài đặt mã cơ sở tiêm chủng', 'The facility code is not set (settings)');
  const records = readyRecords(store.db, opts);
  if (records.length === 0) throw refuse('SIGN_NOTHING_READY', 'Không có bản ghi nào sẵn sàng ký', 'No record is ready to sign');
  checkCancelled(opts.signal);

  const modulePath = opts.modulePath ?? store.getSetting('pkcs11.module') ?? undefined;
  const facilityId = { taxCode: store.getSetting('facility.taxCode'), name: store.getSetting('facility.name') };
  const listing = await signer.listTokens({ ...(modulePath ? { modulePath } : {}), facility: facilityId });
  const { token, cert } = pickCertificate(listing.tokens, opts);
  if (cert.alg === null || !isCoseAlg(cert.alg)) {
    throw refuse('SIGN_ALG_UNKNOWN', 'Không xác định được thuật toán ký của khóa', 'The key’s signing algorithm cannot be determined', { fingerprint: cert.fingerprint });
  }
  const alg = cert.alg;
  // kid = the first 8 bytes of SHA-256(certificate DER) (DESIGN §5); the fingerprint is that hash.
  const kid = hexToBytes(cert.fingerprint).slice(0, 8);
  const created = ports.now();
  const batchId = uuidv7(created.getTime(), (n) => ports.randomBytes(n));
  opts.onProgress?.(0, records.length, 'prepare');
  const prepared = prepareBatch({ batchId, facility, station: stationId(store, ports), created, records, alg, kid });
  checkCancelled(opts.signal);

  opts.onProgress?.(0, records.length, 'token');
  const signed = await signer.sign({
    ...(modulePath ? { modulePath } : {}),
    tokenSerial: token.serial,
    certFingerprint: cert.fingerprint,
    facility: facilityId,
    ...(opts.pin !== undefined && opts.pin !== '' ? { pin: opts.pin } : {}),
    ...(opts.confirmFinalTry ? { confirmFinalTry: true } : {}),
    toBeSigned: prepared.toBeSigned,
  });
  if (signed.alg !== alg || signed.certFingerprint !== cert.fingerprint) {
    throw refuse('SIGN_TOKEN_CHANGED', 'Token đã ký bằng khóa hoặc thuật toán khác dự kiến; không lưu gì', 'The token signed with another key or algorithm than planned; nothing was stored', {
      planned: { alg, fingerprint: cert.fingerprint },
      got: { alg: signed.alg, fingerprint: signed.certFingerprint },
    });
  }

  opts.onProgress?.(records.length, records.length, 'verify');
  const sign1Bytes = assembleSign1(prepared, signed.signature, [signed.certificateDer, ...signed.certificateChain]);
  const certificate = parseCertificate(signed.certificateDer);
  if (!(await verifySign1(decodeSign1(sign1Bytes), certificate.publicKey.spki))) {
    throw refuse('SIGN_VERIFY_FAILED', 'Chữ ký của token không kiểm tra được bằng chứng thư; không lưu gì', 'The token’s signature does not verify with its certificate; nothing was stored');
  }
  checkCancelled(opts.signal);

  opts.onProgress?.(records.length, records.length, 'store');
  batches.insertSigned({
    id: batchId,
    createdAt: created.toISOString(),
    facility,
    station: prepared.manifest.station,
    root: prepared.manifest.root,
    alg,
    sign1: sign1Bytes,
    items: prepared.items,
  });
  return { batch: batchId, count: records.length, alg: algName(alg), root: bytesToHex(prepared.manifest.root), certFingerprint: cert.fingerprint };
}
