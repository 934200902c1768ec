import { COSE_HEADER, decodeSign1, kidOf, schemeForAlg, verifySign1, type Sign1 } from '../cose/index.js';
import { importVerifyKey } from '../crypto/verifySignature.js';
import { importSpki } from '../x509/certificateKey.js';
import { bytesToHex, equalBytes } from '../crypto/bytes.js';
import { isStationError, type StationError } from '../errors.js';
import { base45Decode } from './base45.js';
import { DCC_TYPE_NAMES, dccTypesOf, type DccFinding } from './dccFinding.js';
import { dccError, type DccErrorCode } from './dccErrors.js';
import { checkCwtValidity } from './expiry.js';
import { hc1AlgOf, type Hc1Alg } from './hc1Alg.js';
import { decodeCwtClaims, inflateHc1, stripHc1Prefix, type CwtClaims } from './hc1.js';
import { hc1Readings } from './pastedHc1.js';
import { keyUsageViolations } from './keyUsage.js';
import { emptyReport, finishReport, type DccReport, type StepName } from './report.js';
import { jsonSafe, type NotJson } from './jsonSafe.js';
import { validateDccPayload } from './schema.js';
import type { TrustEntry } from './trustEntry.js';

export interface VerifyOptions {
  /** Trusted DSCs; `null` = decode only (kid presence checked, signature/expiry/keyUsage null). */
  trust: readonly TrustEntry[] | null;
  /** The validation clock. */
  at: Date;
}

/** Content findings listed in a report; the rest are counted in one more line. */
const MAX_LISTED_FINDINGS = 50;

/** The code a step reports when a lower layer failed with something other than a StationError. */
const STEP_CODE: Partial<Record<StepName, DccErrorCode>> = {
  prefix: 'HC1_PREFIX_MISSING',
  base45: 'BASE45_INVALID',
  zlib: 'ZLIB_INVALID',
  cose: 'COSE_INVALID',
};

function fail(report: DccReport, step: StepName, err: unknown): void {
  report.steps[step] = false;
  const e = isStationError(err) ? err : dccError(STEP_CODE[step] ?? 'COSE_INVALID', undefined, { reason: String(err) });
  report.errors.push(e.toInfo());
}

function run<T>(report: DccReport, step: StepName, fn: () => T): T | undefined {
  try {
    const value = fn();
    report.steps[step] = true;
    return value;
  } catch (err) {
    fail(report, step, err);
    return undefined;
  }
}

const TRANSPORT_STEPS = ['prefix', 'base45', 'zlib', 'cose'] as const;

/**
 * The transport stages of the first reading of a pasted text that passes them all (pastedHc1.ts:
 * the text as given first). When none does, the failure reported is the text as given's, or a
 * reading's that got further (the code inside a web address, one cut short before its "…").
 */
function decodeTransport(report: DccReport, text: string): { sign1: Sign1; claims: CwtClaims } | null {
  let best: { attempt: DccReport; depth: number } | null = null;
  for (const reading of hc1Readings(text)) {
    const attempt = emptyReport();
    const decoded = transportOnce(attempt, reading.text);
    const depth = TRANSPORT_STEPS.filter((s) => attempt.steps[s] === true).length;
    if (decoded !== null || best === null || (reading.reportable && depth > best.depth)) best = { attempt, depth };
    if (decoded !== null) {
      Object.assign(report.steps, best.attempt.steps);
      return decoded;
    }
  }
  for (const s of TRANSPORT_STEPS) report.steps[s] = best!.attempt.steps[s];
  report.errors.push(...best!.attempt.errors);
  return null;
}

/** The transport stages: each one's output is the next one's input, so the first failure ends it. */
function transportOnce(report: DccReport, text: string): { sign1: Sign1; claims: CwtClaims } | null {
  const body = run(report, 'prefix', () => stripHc1Prefix(text));
  if (body === undefined) return null;
  const compressed = run(report, 'base45', () => base45Decode(body));
  if (compressed === undefined) return null;
  const cose = run(report, 'zlib', () => inflateHc1(compressed));
  if (cose === undefined) return null;
  return run(report, 'cose', () => {
    const sign1 = decodeSign1(cose);
    return { sign1, claims: decodeCwtClaims(sign1.payload) };
  }) ?? null;
}

// WebCrypto binds a key to one algorithm at import: keep the imported key per trust entry and
// alg, so that scanning many codes against one trust list imports each DSC key once.
const verifyKeys = new WeakMap<TrustEntry, Map<Hc1Alg, CryptoKey | null>>();

async function verifyKeyFor(entry: TrustEntry, alg: Hc1Alg): Promise<CryptoKey | null> {
  const source = entry.publicKey ?? entry.certificate?.publicKey.spki;
  if (!source) return null;
  let byAlg = verifyKeys.get(entry);
  if (!byAlg) verifyKeys.set(entry, (byAlg = new Map()));
  if (!byAlg.has(alg)) {
    const scheme = schemeForAlg(alg);
    byAlg.set(alg, source instanceof Uint8Array ? await importSpki(source, scheme) : await importVerifyKey(source, scheme));
  }
  return byAlg.get(alg) ?? null;
}

/** The trusted DSC whose key verifies the signature; `unusable`: no candidate's key could even be used with `alg`. */
async function findSigner(sign1: Sign1, alg: Hc1Alg, candidates: readonly TrustEntry[]): Promise<{ signer: TrustEntry | null; unusable: boolean }> {
  let usable = 0;
  for (const entry of candidates) {
    // hcert spec §3.3.1: kids are truncated hashes and may collide, so try every DSC with it.
    const key = await verifyKeyFor(entry, alg);
    if (key) usable++;
    if (key && (await verifySign1(sign1, key))) return { signer: entry, unusable: false };
  }
  return { signer: null, unusable: usable === 0 };
}

/** "an EC P-384 key", "an RSA 2048 bit key": what a DSC holds, as far as it says. */
function keyOf(entries: readonly TrustEntry[]): { vi: string; en: string } {
  const k = entries[0]?.certificate?.publicKey;
  if (!k?.type) return { vi: 'khóa của DSC', en: 'the DSC key' };
  const what = k.type === 'EC' ? `EC ${k.curve ?? ''}`.trim() : k.type === 'RSA' ? `RSA ${k.bits ?? ''} bit`.trim() : k.type;
  // The article goes by sound: "an EC", "an RSA" (said letter by letter, both start with a vowel sound).
  return { vi: `khóa ${what}`, en: `${/^(EC|RSA)\b/.test(what) ? 'an' : 'a'} ${what} key` };
}

/** No kid: absent, or there in a form that is no key identifier (hcert §3.3.1: a byte string). */
function kidAbsentOrNotBytes(sign1: Sign1): StationError {
  const value = sign1.protectedHeader.get(COSE_HEADER.kid) ?? sign1.unprotectedHeader.get(COSE_HEADER.kid);
  if (value === undefined) return dccError('KID_MISSING');
  if (typeof value === 'string') {
    const shown = JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
    return dccError('KID_INVALID', { vi: `kid là chuỗi văn bản ${shown}, không phải chuỗi byte`, en: `the kid is a text string ${shown}, not bytes` });
  }
  return dccError('KID_INVALID', { vi: 'kid không phải chuỗi byte', en: 'the kid is not a byte string' });
}

/**
 * Decodes and checks an HC1 string step by step (DESIGN §10) and never throws: every failure is
 * a step set to false plus an error with a stable code. After the transport stages, the
 * remaining checks all run, so that a report says everything wrong with a certificate at once.
 */
export async function verifyHc1(text: string, opts: VerifyOptions): Promise<DccReport> {
  const report = emptyReport();
  const decoded = decodeTransport(report, text);
  if (!decoded) return finishReport(report);
  const { sign1, claims } = decoded;
  report.claims = { iss: claims.iss, iat: claims.iat, exp: claims.exp };
  // What the report carries is JSON (it goes over the RPC and into the CLI's output); what JSON
  // could not hold is a schema finding below.
  const notJson: NotJson[] = [];
  report.payload = jsonSafe(claims.payload, notJson);

  // ES256 or PS256 only (hc1Alg.ts); a refused alg is still named in the report.
  const algResult = hc1AlgOf(sign1);
  report.alg = algResult.name;
  const alg = algResult.ok ? algResult.alg : null;
  if (!algResult.ok) fail(report, 'cose', algResult.error);

  const kid = kidOf(sign1);
  report.kid = kid ? bytesToHex(kid) : null;
  let candidates: TrustEntry[] = [];
  if (!kid) fail(report, 'kid', kidAbsentOrNotBytes(sign1));
  else if (opts.trust === null) report.steps.kid = true;
  else {
    candidates = opts.trust.filter((t) => equalBytes(t.kid, kid));
    if (candidates.length > 0) report.steps.kid = true;
    else fail(report, 'kid', dccError('KID_UNKNOWN', { vi: `kid ${report.kid}`, en: `kid ${report.kid}` }));
  }

  let signer: TrustEntry | null = null;
  if (opts.trust !== null && candidates.length > 0 && alg !== null) {
    const found = await findSigner(sign1, alg, candidates);
    signer = found.signer;
    if (signer) report.steps.signature = true;
    else if (found.unusable) {
      const key = keyOf(candidates);
      fail(report, 'signature', dccError('KEY_ALG_MISMATCH', { vi: `${report.alg} với ${key.vi}`, en: `${report.alg} with ${key.en}` }));
    } else fail(report, 'signature', dccError('SIGNATURE_INVALID'));
  }

  if (opts.trust !== null) {
    const expiry = checkCwtValidity(claims, opts.at, signer?.certificate);
    if (expiry) fail(report, 'expiry', expiry);
    else report.steps.expiry = true;

    if (signer?.certificate) {
      const bad = keyUsageViolations(signer.certificate.extKeyUsage, dccTypesOf(claims.payload));
      if (bad.length === 0) report.steps.keyUsage = true;
      else {
        const names = (lang: 'vi' | 'en') => bad.map((t) => `${DCC_TYPE_NAMES[t][lang]} (${t})`).join(', ');
        fail(report, 'keyUsage', dccError('KEY_USAGE_MISMATCH', { vi: `chứng nhận ${names('vi')}`, en: `a ${names('en')} certificate` }, { types: bad }));
      }
    }
  }

  const all = [
    ...notJson.map((n): DccFinding => ({ path: n.path, code: 'SCHEMA_INVALID', severity: 'error', message_vi: `${n.path}: không phải giá trị JSON (${n.what.vi})`, message_en: `${n.path}: not a JSON value (${n.what.en})` })),
    ...validateDccPayload(report.payload),
  ];
  const findings = all.filter((f) => f.severity === 'error');
  const listed = (f: DccFinding) => ({ code: f.code, message: `${f.message_vi} / ${f.message_en}`, message_vi: f.message_vi, message_en: f.message_en, path: f.path });
  report.warnings.push(...all.filter((f) => f.severity === 'warning').slice(0, MAX_LISTED_FINDINGS).map(listed));
  report.steps.schema = findings.length === 0;
  // A payload of a thousand broken entries says so without a thousand lines (the report is a reply).
  report.errors.push(...findings.slice(0, MAX_LISTED_FINDINGS).map(listed));
  const more = findings.length - MAX_LISTED_FINDINGS;
  if (more > 0) {
    const vi = `… và ${more} lỗi khác về nội dung không được liệt kê`;
    const en = `… and ${more} more content problems not listed`;
    report.errors.push({ code: 'SCHEMA_INVALID', message: `${vi} / ${en}`, message_vi: vi, message_en: en, path: '' });
  }
  return finishReport(report);
}

/** `verifyHc1` without a trust list: what `station dcc decode` reports. */
export function decodeHc1Report(text: string): Promise<DccReport> {
  return verifyHc1(text, { trust: null, at: new Date(0) });
}
