/** X.509 v1–v3 certificate parsing (RFC 5280 §4.1) into the fields the station and verifier use. */
import { bytesToHex } from '../crypto/bytes.js';
import { StationError, isStationError } from '../errors.js';
import {
  TAG,
  children,
  decodeBitString,
  decodeBoolean,
  decodeInteger,
  decodeOid,
  decodeTime,
  derInvalid,
  expectTag,
  readSingle,
  type Tlv,
} from './der.js';
import { parseName, type DistinguishedName } from './distinguishedName.js';
import { KEY_USAGE_BITS, OID } from './oids.js';

export type { DistinguishedName, DnAttribute } from './distinguishedName.js';

export interface CertificatePublicKey {
  type: 'EC' | 'RSA' | 'OTHER';
  curve?: 'P-256' | 'P-384' | 'P-521';
  /** Curve size for EC, modulus length for RSA, key bit-string length otherwise. */
  bits: number;
  /** SubjectPublicKeyInfo DER (what WebCrypto imports as 'spki'). */
  spki: Uint8Array;
  /** The SPKI algorithm OID. */
  algorithm: string;
  /**
   * What an OTHER key is, said to the signer refused it ("Ed25519", "EC secp256k1"; the OID when
   * it has no name here).
   */
  name?: string;
}

export interface CertificateExtension {
  oid: string;
  critical: boolean;
  value: Uint8Array;
}

export interface Certificate {
  der: Uint8Array;
  tbsBytes: Uint8Array;
  /** 1 or 3 (X.509 v1 / v3). */
  version: number;
  /** Lower-case hex of the INTEGER content octets, without a leading sign byte 00. */
  serialNumber: string;
  issuer: DistinguishedName;
  subject: DistinguishedName;
  /** DER of the issuer and subject Names: chain building compares these bytes (RFC 5280 §7.1). */
  issuerDer: Uint8Array;
  subjectDer: Uint8Array;
  notBefore: Date;
  notAfter: Date;
  publicKey: CertificatePublicKey;
  keyUsage: string[] | null;
  extKeyUsage: string[] | null;
  isCa: boolean;
  pathLength: number | null;
  subjectKeyId: Uint8Array | null;
  authorityKeyId: Uint8Array | null;
  extensions: CertificateExtension[];
  signatureAlgorithm: string;
  /** DER of the AlgorithmIdentifier parameters (RSASSA-PSS params), or null when absent/NULL. */
  signatureAlgorithmParams: Uint8Array | null;
  signature: Uint8Array;
}

function certInvalid(cause: unknown): StationError {
  const details = isStationError(cause) ? { cause: cause.toInfo() } : undefined;
  return new StationError('CERT_INVALID', 'Chứng thư số không hợp lệ', 'Invalid X.509 certificate', details);
}

function algorithmIdentifier(tlv: Tlv | undefined, what: string): { oid: string; params: Uint8Array | null } {
  const [oid, params] = children(expectTag(tlv, TAG.SEQUENCE, what));
  return {
    oid: decodeOid(expectTag(oid, TAG.OID, what).value),
    params: params === undefined || params.tag === TAG.NULL ? null : params.raw,
  };
}

const CURVES: Record<string, 'P-256' | 'P-384' | 'P-521'> = { [OID.p256]: 'P-256', [OID.p384]: 'P-384', [OID.p521]: 'P-521' };
const CURVE_BITS = { 'P-256': 256, 'P-384': 384, 'P-521': 521 } as const;
/** Curves and key algorithms the station cannot sign with, by name, for the refusal. */
const OTHER_CURVES: Record<string, string> = {
  '1.3.132.0.10': 'secp256k1',
  '1.3.36.3.3.2.8.1.1.7': 'brainpoolP256r1',
  '1.3.36.3.3.2.8.1.1.11': 'brainpoolP384r1',
  '1.3.36.3.3.2.8.1.1.13': 'brainpoolP512r1',
  '1.2.643.2.2.35.1': 'GOST CryptoPro-A',
};
const OTHER_KEYS: Record<string, string> = {
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
  '1.2.840.10040.4.1': 'DSA',
  '1.2.643.7.1.1.1.1': 'GOST R 34.10-2012',
};

function integerBits(value: Uint8Array): number {
  let i = 0;
  while (i < value.length - 1 && value[i] === 0) i++;
  const first = value[i] ?? 0;
  return (value.length - i - 1) * 8 + (first === 0 ? 0 : 32 - Math.clz32(first));
}

function parsePublicKey(spki: Tlv): CertificatePublicKey {
  const [alg, key] = children(expectTag(spki, TAG.SEQUENCE, 'SubjectPublicKeyInfo'));
  const { oid, params } = algorithmIdentifier(alg, 'SubjectPublicKeyInfo algorithm');
  const bits = decodeBitString(expectTag(key, TAG.BIT_STRING, 'subjectPublicKey').value);
  if (oid === OID.ecPublicKey) {
    const curveOid = params ? decodeOid(expectTag(readSingle(params), TAG.OID, 'EC curve').value) : '';
    const curve = CURVES[curveOid];
    if (curve) return { type: 'EC', curve, bits: CURVE_BITS[curve], spki: spki.raw, algorithm: oid };
    const name = `EC ${OTHER_CURVES[curveOid] ?? (curveOid || 'explicit curve')}`;
    return { type: 'OTHER', bits: bits.bytes.length * 8 - bits.unusedBits, spki: spki.raw, algorithm: oid, name };
  } else if (oid === OID.rsaEncryption || oid === OID.rsassaPss) {
    const [modulus] = children(expectTag(readSingle(bits.bytes), TAG.SEQUENCE, 'RSAPublicKey'));
    const n = expectTag(modulus, TAG.INTEGER, 'RSA modulus').value;
    return { type: 'RSA', bits: integerBits(n), spki: spki.raw, algorithm: oid };
  }
  return { type: 'OTHER', bits: bits.bytes.length * 8 - bits.unusedBits, spki: spki.raw, algorithm: oid, name: OTHER_KEYS[oid] ?? oid };
}

function parseKeyUsage(value: Uint8Array): string[] {
  const { bytes } = decodeBitString(expectTag(readSingle(value), TAG.BIT_STRING, 'KeyUsage').value);
  const names: string[] = [];
  KEY_USAGE_BITS.forEach((name, bit) => {
    const byte = bytes[bit >> 3] ?? 0;
    if (byte & (0x80 >> (bit & 7))) names.push(name);
  });
  return names;
}

function parseExtensions(explicit: Tlv): CertificateExtension[] {
  const [seq] = children(explicit);
  return children(expectTag(seq, TAG.SEQUENCE, 'Extensions')).map((ext) => {
    const parts = children(expectTag(ext, TAG.SEQUENCE, 'Extension'));
    const oid = decodeOid(expectTag(parts[0], TAG.OID, 'extnID').value);
    const critical = parts.length === 3 ? decodeBoolean(expectTag(parts[1], TAG.BOOLEAN, 'critical').value) : false;
    const value = expectTag(parts[parts.length - 1], TAG.OCTET_STRING, 'extnValue').value;
    return { oid, critical, value };
  });
}

function serialHex(value: Uint8Array): string {
  const unsigned = value.length > 1 && value[0] === 0 ? value.subarray(1) : value;
  return bytesToHex(unsigned);
}

function parse(der: Uint8Array): Certificate {
  const cert = expectTag(readSingle(der), TAG.SEQUENCE, 'Certificate');
  const [tbs, sigAlg, sigValue] = children(cert);
  const tbsTlv = expectTag(tbs, TAG.SEQUENCE, 'TBSCertificate');
  const tbsFields = children(tbsTlv);
  let i = 0;
  let version = 1;
  if (tbsFields[0]?.tag === 0xa0) {
    const [v] = children(tbsFields[0]);
    version = Number(decodeInteger(expectTag(v, TAG.INTEGER, 'version').value)) + 1;
    i = 1;
  }
  const serial = expectTag(tbsFields[i++], TAG.INTEGER, 'serialNumber');
  const innerAlg = algorithmIdentifier(tbsFields[i++], 'signature');
  const issuerTlv = expectTag(tbsFields[i++], TAG.SEQUENCE, 'issuer');
  const issuer = parseName(issuerTlv);
  const [nb, na] = children(expectTag(tbsFields[i++], TAG.SEQUENCE, 'validity'));
  if (nb === undefined || na === undefined) throw derInvalid('validity needs two times');
  const subjectTlv = expectTag(tbsFields[i++], TAG.SEQUENCE, 'subject');
  const subject = parseName(subjectTlv);
  const publicKey = parsePublicKey(expectTag(tbsFields[i++], TAG.SEQUENCE, 'subjectPublicKeyInfo'));
  const extensionsTlv = tbsFields.slice(i).find((f) => f.tag === 0xa3);
  const extensions = extensionsTlv ? parseExtensions(extensionsTlv) : [];

  const outerAlg = algorithmIdentifier(sigAlg, 'signatureAlgorithm');
  // RFC 5280 §4.1.1.2: the outer algorithm MUST equal the signed one, or an attacker could swap it.
  if (outerAlg.oid !== innerAlg.oid) throw derInvalid('signatureAlgorithm differs from tbs signature');
  const signature = decodeBitString(expectTag(sigValue, TAG.BIT_STRING, 'signatureValue').value).bytes;

  const ext = (oid: string) => extensions.find((e) => e.oid === oid)?.value;
  const ku = ext(OID.keyUsage);
  const eku = ext(OID.extKeyUsage);
  const bc = ext(OID.basicConstraints);
  let isCa = false;
  let pathLength: number | null = null;
  if (bc) {
    for (const f of children(expectTag(readSingle(bc), TAG.SEQUENCE, 'BasicConstraints'))) {
      if (f.tag === TAG.BOOLEAN) isCa = decodeBoolean(f.value);
      else if (f.tag === TAG.INTEGER) pathLength = Number(decodeInteger(f.value));
    }
  }
  const ski = ext(OID.subjectKeyIdentifier);
  const aki = ext(OID.authorityKeyIdentifier);
  const akiKeyId = aki ? children(expectTag(readSingle(aki), TAG.SEQUENCE, 'AuthorityKeyIdentifier')).find((f) => f.tag === 0x80) : undefined;

  return {
    der,
    tbsBytes: tbsTlv.raw,
    version,
    serialNumber: serialHex(serial.value),
    issuer,
    subject,
    issuerDer: issuerTlv.raw,
    subjectDer: subjectTlv.raw,
    notBefore: decodeTime(nb),
    notAfter: decodeTime(na),
    publicKey,
    keyUsage: ku ? parseKeyUsage(ku) : null,
    extKeyUsage: eku
      ? children(expectTag(readSingle(eku), TAG.SEQUENCE, 'ExtKeyUsage')).map((o) => decodeOid(expectTag(o, TAG.OID, 'KeyPurposeId').value))
      : null,
    isCa,
    pathLength,
    subjectKeyId: ski ? expectTag(readSingle(ski), TAG.OCTET_STRING, 'SubjectKeyIdentifier').value.slice() : null,
    authorityKeyId: akiKeyId ? akiKeyId.value.slice() : null,
    extensions,
    signatureAlgorithm: outerAlg.oid,
    signatureAlgorithmParams: outerAlg.params,
    signature,
  };
}

/** Parses DER; every failure is CERT_INVALID with the DER reason in details.cause. */
export function parseCertificate(der: Uint8Array): Certificate {
  if (!(der instanceof Uint8Array)) throw certInvalid(undefined);
  // A copy: the caller may reuse its buffer, and a Node Buffer's slice() would be a view.
  const own = new Uint8Array(der);
  try {
    return parse(own);
  } catch (e) {
    throw certInvalid(e);
  }
}

/** RFC 5280 §4.1.2.5: valid from notBefore through notAfter, both inclusive. */
export function isValidAt(cert: Pick<Certificate, 'notBefore' | 'notAfter'>, at: Date): boolean {
  const t = at.getTime();
  return t >= cert.notBefore.getTime() && t <= cert.notAfter.getTime();
}

