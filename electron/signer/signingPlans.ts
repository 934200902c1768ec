/**
 * Which PKCS#11 mechanism makes which COSE signature, chosen at run time from the key and the
 * token's mechanism list (DESIGN §5). Tried in order; a plan the token refuses falls through to
 * the next. RS256 only when no PS256 path works: EU DCC verifiers accept both, but PS256 is the
 * one RFC 8230 recommends.
 */
import type { Mechanism } from 'pkcs11js';
import { ecdsaDerToRaw } from '../../shared/crypto/index.js';
import { emsaPssEncode, sha256DigestInfo, sha256Node } from './emsaPss.js';
import { P } from './pkcs11Port.js';

export type CoseAlg = -7 | -37 | -257;

export interface SigningPlan {
  alg: CoseAlg;
  /** The mechanism's name for logs and the result (e.g. CKM_RSA_X_509+EMSA-PSS). */
  name: string;
  mechanismType: number;
  mechanism: Mechanism;
  input(toBeSigned: Uint8Array): Buffer;
  output(signature: Buffer): Uint8Array;
  outputLength: number;
}

export interface PlanKey {
  type: 'EC' | 'RSA' | 'OTHER';
  bits: number;
  curve?: string | undefined;
}

const PSS_PARAMS = { type: P.CK_PARAMS_RSA_PSS, hashAlg: P.CKM_SHA256, mgf: P.CKG_MGF1_SHA256, saltLen: 32 };

function leftPad(sig: Buffer, k: number): Uint8Array {
  if (sig.length >= k) return new Uint8Array(sig);
  const out = new Uint8Array(k);
  out.set(sig, k - sig.length);
  return out;
}

/** PKCS#11 §2.3.1 says CKM_ECDSA returns r‖s; a few drivers return DER anyway. */
function ecdsaRaw(sig: Buffer): Uint8Array {
  if (sig.length !== 64 && sig[0] === 0x30) return ecdsaDerToRaw(new Uint8Array(sig), 32);
  return new Uint8Array(sig);
}

/** `mechanisms` null: the token would not list them; try every plan and let it refuse. */
export function signingPlans(key: PlanKey, mechanisms: ReadonlySet<number> | null): SigningPlan[] {
  const offered = (m: number) => mechanisms === null || mechanisms.has(m);
  const plans: SigningPlan[] = [];
  if (key.type === 'EC' && key.curve === 'P-256') {
    plans.push({
      alg: -7,
      name: 'CKM_ECDSA',
      mechanismType: P.CKM_ECDSA,
      // SoftHSM 2.6 and many tokens lack CKM_ECDSA_SHA256: hash here, sign the digest.
      mechanism: { mechanism: P.CKM_ECDSA },
      input: (tbs) => Buffer.from(sha256Node(tbs)),
      output: ecdsaRaw,
      outputLength: 132,
    });
  }
  if (key.type === 'RSA') {
    const k = Math.ceil(key.bits / 8);
    const rsa = (alg: CoseAlg, name: string, type: number, mechanism: Mechanism, input: (tbs: Uint8Array) => Uint8Array) =>
      plans.push({ alg, name, mechanismType: type, mechanism, input: (tbs) => Buffer.from(input(tbs)), output: (s) => leftPad(s, k), outputLength: k });
    rsa(-37, 'CKM_SHA256_RSA_PKCS_PSS', P.CKM_SHA256_RSA_PKCS_PSS, { mechanism: P.CKM_SHA256_RSA_PKCS_PSS, parameter: PSS_PARAMS }, (tbs) => tbs);
    rsa(-37, 'CKM_RSA_PKCS_PSS', P.CKM_RSA_PKCS_PSS, { mechanism: P.CKM_RSA_PKCS_PSS, parameter: PSS_PARAMS }, (tbs) => sha256Node(tbs));
    rsa(-37, 'CKM_RSA_X_509+EMSA-PSS', P.CKM_RSA_X_509, { mechanism: P.CKM_RSA_X_509 }, (tbs) => emsaPssEncode(sha256Node(tbs), key.bits));
    rsa(-257, 'CKM_SHA256_RSA_PKCS', P.CKM_SHA256_RSA_PKCS, { mechanism: P.CKM_SHA256_RSA_PKCS }, (tbs) => tbs);
    rsa(-257, 'CKM_RSA_PKCS+DigestInfo', P.CKM_RSA_PKCS, { mechanism: P.CKM_RSA_PKCS }, (tbs) => sha256DigestInfo(sha256Node(tbs)));
  }
  return plans.filter((p) => offered(p.mechanismType));
}
