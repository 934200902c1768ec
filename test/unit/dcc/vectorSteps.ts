// The EU test-vector steps (vectors README, "Meaning of the EXPECTEDRESULTS keys"), each computed
// with the station's own pipeline functions. Used by vectors.test.ts.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { cborToJson, decodeCbor } from '../../../shared/cbor/cbor.js';
import { decodeSign1, kidFromCertificate, kidOf, verifySign1 } from '../../../shared/cose/index.js';
import { base64ToBytes, bytesToHex, equalBytes, hexToBytes } from '../../../shared/crypto/bytes.js';
import { base45Decode } from '../../../shared/dcc/base45.js';
import { dccTypesOf, isPlainObject } from '../../../shared/dcc/dccFinding.js';
import { checkCwtValidity } from '../../../shared/dcc/expiry.js';
import { hc1AlgOf } from '../../../shared/dcc/hc1Alg.js';
import { decodeCwtClaims, inflateHc1, stripHc1Prefix } from '../../../shared/dcc/hc1.js';
import { keyUsageViolations } from '../../../shared/dcc/keyUsage.js';
import { validateDccPayload } from '../../../shared/dcc/schema.js';
import { readQrFromRgba } from '../../../shared/qr/decode.js';
import { qrToPng } from '../../../shared/qr/encode.js';
import { parseCertificate } from '../../../shared/x509/certificate.js';
import { decodeImage } from '../../../electron/core/image/decodeImage.js';

export const FLAGS = [
  'PICTUREDECODE',
  'UNPREFIX',
  'B45DECODE',
  'COMPRESSION',
  'VERIFY',
  'DECODE',
  'VALIDJSON',
  'SCHEMAVALIDATION',
  'EXPIRATIONCHECK',
  'KEYUSAGE',
  'VALIDOBJECT',
] as const;
export type Flag = (typeof FLAGS)[number];

export interface Vector {
  JSON?: unknown;
  CBOR?: string;
  COSE?: string;
  COMPRESSED?: string;
  BASE45?: string;
  PREFIX?: string;
  '2DCODE'?: string;
  TESTCTX: { CERTIFICATE?: string; VALIDATIONCLOCK?: string; SCHEMA?: string; DESCRIPTION?: string };
  EXPECTEDRESULTS: Record<string, boolean>;
}

export interface Check {
  /** e.g. `PICTUREDECODE` or `PICTUREDECODE(png/001-NL-test.png)` when a file has two images. */
  label: string;
  flag: Flag;
  expected: boolean;
  actual: boolean;
}

/** Decoding a PNG takes most of the run: each distinct image is decoded once. */
const qrCache = new Map<string, string | null>();
function qrText(png: Uint8Array): string | null {
  const key = bytesToHex(png.subarray(0, 64)) + png.length + bytesToHex(png.subarray(png.length - 64));
  if (!qrCache.has(key)) {
    try {
      const img = decodeImage(png);
      qrCache.set(key, readQrFromRgba(img.data, img.width, img.height));
    } catch {
      qrCache.set(key, null);
    }
  }
  return qrCache.get(key)!;
}

function attempt<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

/** The PNG files beside a vector: `<country>/png/<name>.png` or `<country>/2DCode/png/<name>.png`. */
function pngFilesFor(file: string): string[] {
  const name = basename(file, '.json') + '.png';
  const codeDir = dirname(dirname(file));
  return [join(dirname(codeDir), 'png', name), join(codeDir, 'png', name)].filter((p) => existsSync(p));
}

/** VALIDATIONCLOCK values have no zone (e.g. 2021-05-30T13:38:49.822623): they are UTC. */
export function validationClock(text: string): Date {
  return new Date(/(Z|[+-]\d\d:?\d\d)$/.test(text) ? text : `${text}Z`);
}

function payloadFromCbor(hex: string): unknown {
  const value = cborToJson(decodeCbor(hexToBytes(hex)));
  // Some vectors hold the whole CWT claims map instead of the payload.
  if (isPlainObject(value) && isPlainObject(value['-260'])) return value['-260']['1'];
  return value;
}

export async function evaluateVector(file: string, v: Vector): Promise<Check[]> {
  const want = v.EXPECTEDRESULTS;
  const checks: Check[] = [];
  const add = (flag: Flag, actual: boolean, label: string = flag) => {
    const expected = want[`EXPECTED${flag}`];
    if (typeof expected === 'boolean') checks.push({ label, flag, expected, actual });
  };
  const has = (flag: Flag) => typeof want[`EXPECTED${flag}`] === 'boolean';

  if (has('PICTUREDECODE')) {
    if (v['2DCODE'] !== undefined) add('PICTUREDECODE', qrText(base64ToBytes(v['2DCODE'])) === v.PREFIX, 'PICTUREDECODE(2DCODE)');
    const pngs = pngFilesFor(file);
    for (const png of pngs) {
      add('PICTUREDECODE', qrText(new Uint8Array(readFileSync(png))) === v.PREFIX, `PICTUREDECODE(${basename(dirname(png))}/${basename(png)})`);
    }
    // common/B1 carries the flag but no image (vectors README): render PREFIX with the station's
    // own QR writer and read that picture back instead.
    if (v['2DCODE'] === undefined && pngs.length === 0 && v.PREFIX !== undefined) {
      add('PICTUREDECODE', qrText(qrToPng(v.PREFIX)) === v.PREFIX, 'PICTUREDECODE(rendered PREFIX)');
    }
  }

  const body = v.PREFIX === undefined ? undefined : attempt(() => stripHc1Prefix(v.PREFIX!));
  add('UNPREFIX', body !== undefined && (v.BASE45 === undefined || body === v.BASE45));

  const b45 = v.BASE45 ?? body;
  const compressed = b45 === undefined ? undefined : attempt(() => base45Decode(b45));
  add('B45DECODE', compressed !== undefined && (v.COMPRESSED === undefined || bytesToHex(compressed) === v.COMPRESSED.toLowerCase()));

  const zipped = v.COMPRESSED !== undefined ? hexToBytes(v.COMPRESSED) : compressed;
  const inflated = zipped === undefined ? undefined : attempt(() => inflateHc1(zipped));
  add('COMPRESSION', inflated !== undefined && (v.COSE === undefined || bytesToHex(inflated) === v.COSE.toLowerCase()));

  const cose = v.COSE !== undefined ? hexToBytes(v.COSE) : inflated;
  const sign1 = cose === undefined ? undefined : attempt(() => decodeSign1(cose));
  const claims = sign1 === undefined ? undefined : attempt(() => decodeCwtClaims(sign1.payload));
  const certDer = v.TESTCTX.CERTIFICATE ? base64ToBytes(v.TESTCTX.CERTIFICATE) : undefined;
  const cert = certDer === undefined ? undefined : attempt(() => parseCertificate(certDer));

  if (has('VERIFY')) {
    const kid = sign1 ? kidOf(sign1) : null;
    let ok = false;
    // The HC1 algorithm rule (ES256/PS256, protected header first) as verifyHc1 applies it.
    if (sign1 && kid && certDer && cert && hc1AlgOf(sign1).ok) {
      ok = equalBytes(kid, await kidFromCertificate(certDer)) && (await verifySign1(sign1, cert.publicKey.spki));
    }
    add('VERIFY', ok);
  }

  add('DECODE', claims !== undefined && (v.JSON === undefined || isDeepStrictEqual(claims.payload, v.JSON)));

  if (has('VALIDJSON')) {
    const fromCbor = v.CBOR === undefined ? undefined : attempt(() => payloadFromCbor(v.CBOR!));
    add('VALIDJSON', fromCbor !== undefined && isDeepStrictEqual(fromCbor, v.JSON));
  }

  const payload = v.JSON ?? (v.CBOR !== undefined ? attempt(() => payloadFromCbor(v.CBOR!)) : undefined) ?? claims?.payload;
  // Warnings (a newer test device) leave the schema step passed, as in verifyHc1.
  add('SCHEMAVALIDATION', payload !== undefined && validateDccPayload(payload).every((f) => f.severity === 'warning'));
  // VALIDOBJECT (issuer side, "the DCC object is valid"): the JSON is a DCC object — ver, nam,
  // dob and exactly one non-empty v/t/r group of entries. Patterns, ranges and value sets are the
  // SCHEMAVALIDATION step's, whose NL expectations the vectors README calls unreliable.
  add('VALIDOBJECT', v.JSON !== undefined && isDccObject(v.JSON));

  if (has('EXPIRATIONCHECK')) {
    const clock = v.TESTCTX.VALIDATIONCLOCK;
    add('EXPIRATIONCHECK', claims !== undefined && clock !== undefined && checkCwtValidity(claims, validationClock(clock), cert) === null);
  }
  if (has('KEYUSAGE')) {
    const types = dccTypesOf(claims?.payload ?? payload);
    add('KEYUSAGE', cert !== undefined && types.length > 0 && keyUsageViolations(cert.extKeyUsage, types).length === 0);
  }
  return checks;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The structure of a DCC payload, without the schema's patterns, ranges and value sets. */
export function isDccObject(json: unknown): boolean {
  if (!isObject(json) || typeof json.ver !== 'string' || typeof json.dob !== 'string') return false;
  if (!isObject(json.nam) || typeof json.nam.fnt !== 'string') return false;
  const groups = (['v', 't', 'r'] as const).filter((k) => json[k] !== undefined);
  if (groups.length !== 1) return false;
  const entries = json[groups[0]!];
  return Array.isArray(entries) && entries.length > 0 && entries.every(isObject);
}
