/** Keys and signatures of certificates through WebCrypto (RFC 5280 §4.1.1.3, RFC 4055, RFC 5758). */
import { schemeForAlg } from '../cose/coseAlgorithms.js';
import type { CoseAlg } from '../cose/sign1.js';
import { ecdsaDerToRaw } from '../crypto/ecdsaSignature.js';
import {
  CURVE_SIZE,
  importVerifyKey,
  verifyWithScheme,
  type HashName,
  type SignatureScheme,
} from '../crypto/verifySignature.js';
import { StationError } from '../errors.js';
import type { Certificate } from './certificate.js';
import { TAG, children, decodeInteger, decodeOid, readSingle } from './der.js';
import { nullValue, oid, seq } from './derWriter.js';
import { OID } from './oids.js';

/**
 * The SubjectPublicKeyInfo WebCrypto can import for `scheme`, or null when the key may not be used
 * with it. WebCrypto reads RSA keys only as rsaEncryption. A key published as id-RSASSA-PSS (RFC
 * 4055 §1.2: it signs with RSASSA-PSS only, as some countries' document signers do) holds the
 * same RSAPublicKey, so for an RSA-PSS scheme it is wrapped as rsaEncryption, when its parameters
 * (if any) name the scheme's hash; for any other scheme it is null. Other keys are as they are.
 */
export function spkiForScheme(spki: Uint8Array, scheme: SignatureScheme): Uint8Array | null {
  let algorithm: Uint8Array;
  let params: Uint8Array | null;
  let key: Uint8Array;
  try {
    const [alg, bits] = children(readSingle(spki));
    const [id, p] = children(alg!);
    if (id?.tag !== TAG.OID || bits?.tag !== TAG.BIT_STRING) return spki;
    algorithm = id.value;
    params = p === undefined || p.tag === TAG.NULL ? null : p.raw;
    key = bits.raw;
  } catch {
    return spki;
  }
  if (decodeOid(algorithm) !== OID.rsassaPss) return spki;
  if (scheme.name !== 'RSA-PSS') return null;
  if (params !== null) {
    let restricted: SignatureScheme | null;
    try {
      restricted = pssScheme(params);
    } catch {
      return null;
    }
    if (restricted === null || restricted.hash !== scheme.hash) return null;
  }
  return seq(seq(oid(OID.rsaEncryption), nullValue()), key);
}

/** `importVerifyKey` of an SPKI, through spkiForScheme. */
export async function importSpki(spki: Uint8Array, scheme: SignatureScheme): Promise<CryptoKey | null> {
  const usable = spkiForScheme(spki, scheme);
  return usable === null ? null : importVerifyKey(usable, scheme);
}

/** The certificate's public key as a WebCrypto verify key for `alg` (CERT_KEY_MISMATCH if it cannot be). */
export async function importCertificateKey(cert: Certificate, alg: CoseAlg): Promise<CryptoKey> {
  const key = await importSpki(cert.publicKey.spki, schemeForAlg(alg));
  if (key === null) {
    throw new StationError(
      'CERT_KEY_MISMATCH',
      'Khóa công khai của chứng thư không dùng được cho thuật toán này',
      'The certificate public key cannot be used with this algorithm',
      { alg, keyType: cert.publicKey.type, curve: cert.publicKey.curve },
    );
  }
  return key;
}

const HASHES: Record<string, HashName> = { [OID.sha256]: 'SHA-256', [OID.sha384]: 'SHA-384', [OID.sha512]: 'SHA-512' };

/**
 * RSASSA-PSS-params (RFC 4055 §3.1). Only MGF1 with the same hash is supported (what WebCrypto
 * can check); the defaults (SHA-1) are refused.
 */
function pssScheme(params: Uint8Array | null): SignatureScheme | null {
  if (params === null) return null;
  let hash: HashName | undefined;
  let mgfHash: HashName | undefined;
  let saltLength = 20;
  for (const field of children(readSingle(params))) {
    const [inner] = children(field);
    if (inner === undefined) return null;
    if (field.tag === 0xa0) hash = HASHES[decodeOid(children(inner)[0]!.value)];
    else if (field.tag === 0xa1) {
      const [mgfOid, mgfParams] = children(inner);
      if (mgfOid === undefined || decodeOid(mgfOid.value) !== OID.mgf1 || mgfParams === undefined) return null;
      mgfHash = HASHES[decodeOid(children(mgfParams)[0]!.value)];
    } else if (field.tag === 0xa2 && inner.tag === TAG.INTEGER) saltLength = Number(decodeInteger(inner.value));
  }
  if (hash === undefined || mgfHash !== hash) return null;
  return { name: 'RSA-PSS', hash, saltLength };
}

function schemeFor(cert: Certificate, issuer: Certificate): SignatureScheme | null {
  const curve = issuer.publicKey.curve;
  switch (cert.signatureAlgorithm) {
    case OID.sha256WithRSA:
      return { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
    case OID.sha384WithRSA:
      return { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-384' };
    case OID.sha512WithRSA:
      return { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-512' };
    case OID.rsassaPss:
      return pssScheme(cert.signatureAlgorithmParams);
    case OID.ecdsaWithSHA256:
      return curve ? { name: 'ECDSA', hash: 'SHA-256', curve } : null;
    case OID.ecdsaWithSHA384:
      return curve ? { name: 'ECDSA', hash: 'SHA-384', curve } : null;
    case OID.ecdsaWithSHA512:
      return curve ? { name: 'ECDSA', hash: 'SHA-512', curve } : null;
    default:
      // sha1WithRSA and older: not accepted for a signature the station relies on.
      return null;
  }
}

/** True when `issuer`'s key signed `cert`. Unknown algorithms and malformed signatures give false. */
export async function verifyCertificateSignature(cert: Certificate, issuer: Certificate): Promise<boolean> {
  let scheme: SignatureScheme | null;
  try {
    scheme = schemeFor(cert, issuer);
  } catch {
    return false;
  }
  if (scheme === null) return false;
  const key = await importSpki(issuer.publicKey.spki, scheme);
  if (key === null) return false;
  let signature = cert.signature;
  if (scheme.name === 'ECDSA') {
    // X.509 carries ECDSA-Sig-Value DER (RFC 5758 §3.2); WebCrypto wants raw r‖s.
    try {
      signature = ecdsaDerToRaw(signature, CURVE_SIZE[scheme.curve]);
    } catch {
      return false;
    }
  }
  return verifyWithScheme(key, scheme, signature, cert.tbsBytes);
}
