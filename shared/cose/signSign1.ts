/** Producing COSE_Sign1 (RFC 9052 §4.4) with any signer: WebCrypto key, PKCS#11 token, HSM. */
import { encodeCanonical } from '../cbor/encodeCanonical.js';
import { Tagged } from '../cbor/tagged.js';
import { asBufferSource } from '../crypto/bytes.js';
import { StationError } from '../errors.js';
import { PSS_SALT_LENGTH, isCoseAlg } from './coseAlgorithms.js';
import { COSE_ALG, COSE_HEADER, COSE_SIGN1_TAG, sigStructure, type CoseAlg } from './sign1.js';

export interface CoseSigner {
  alg: CoseAlg;
  /** Signs the Sig_structure bytes (the signer hashes). ES256 returns raw r‖s (64 bytes). */
  sign(toBeSigned: Uint8Array): Promise<Uint8Array>;
}

export interface SignSign1Options {
  protectedHeader: Map<number, unknown>;
  unprotectedHeader?: Map<number, unknown>;
  payload: Uint8Array;
  signer: CoseSigner;
  externalAad?: Uint8Array;
  /** Wrap in tag 18 (default true). */
  tag?: boolean;
}

/**
 * The protected header is encoded deterministically; `alg` is added from the signer when the
 * caller left it out, and a different `alg` than the signer's is refused (COSE_ALG_MISMATCH).
 */
export async function signSign1(opts: SignSign1Options): Promise<Uint8Array> {
  const { signer } = opts;
  if (!isCoseAlg(signer.alg)) {
    throw new StationError('COSE_ALG_UNSUPPORTED', 'Thuật toán ký không được hỗ trợ', 'Unsupported signing algorithm', {
      alg: signer.alg,
    });
  }
  const header = new Map(opts.protectedHeader);
  const declared = header.get(COSE_HEADER.alg);
  if (declared === undefined) header.set(COSE_HEADER.alg, signer.alg);
  else if (declared !== signer.alg) {
    throw new StationError(
      'COSE_ALG_MISMATCH',
      'Thuật toán trong phần đầu khác với thuật toán của khóa ký',
      'The header algorithm differs from the signing key algorithm',
      { header: declared, signer: signer.alg },
    );
  }
  // RFC 9052 §3: an empty protected header is a zero-length byte string, not an encoded {}.
  const protectedBytes = header.size === 0 ? new Uint8Array(0) : encodeCanonical(header);
  const toBeSigned = sigStructure({ protectedBytes, payload: opts.payload }, opts.externalAad);
  const signature = await signer.sign(toBeSigned);
  if (signer.alg === COSE_ALG.ES256 && signature.length !== 64) {
    throw new StationError(
      'COSE_SIGNATURE_FORMAT',
      'Chữ ký ES256 phải là r‖s 64 byte (không phải DER)',
      'An ES256 signature must be raw r‖s of 64 bytes (not DER)',
      { length: signature.length },
    );
  }
  const array = [protectedBytes, opts.unprotectedHeader ?? new Map(), opts.payload, signature];
  return encodeCanonical(opts.tag === false ? array : new Tagged(COSE_SIGN1_TAG, array));
}

/** A signer over a WebCrypto private key (tests, the platform simulator's DSC). */
export function webCryptoSigner(privateKey: CryptoKey, alg: CoseAlg): CoseSigner {
  const params: AlgorithmIdentifier | EcdsaParams | RsaPssParams =
    alg === COSE_ALG.ES256
      ? { name: 'ECDSA', hash: 'SHA-256' }
      : alg === COSE_ALG.PS256
        ? { name: 'RSA-PSS', saltLength: PSS_SALT_LENGTH }
        : { name: 'RSASSA-PKCS1-v1_5' };
  return {
    alg,
    // WebCrypto ECDSA already returns raw r‖s (IEEE P1363), which is what COSE wants.
    sign: async (data) => new Uint8Array(await globalThis.crypto.subtle.sign(params, privateKey, asBufferSource(data))),
  };
}
