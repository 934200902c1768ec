/** COSE_Sign1 (RFC 9052) for EU DCC and the station's signed batch manifests. */
export { PSS_SALT_LENGTH, algName, isCoseAlg, schemeForAlg } from './coseAlgorithms.js';
export {
  COSE_ALG,
  COSE_HEADER,
  COSE_SIGN1_TAG,
  CWT_TAG,
  algOf,
  decodeSign1,
  kidOf,
  sigStructure,
  x5chainOf,
  type CoseAlg,
  type CoseInvalidReason,
  type Sign1,
} from './sign1.js';
export { signSign1, webCryptoSigner, type CoseSigner, type SignSign1Options } from './signSign1.js';
export { kidFromCertificate, verifySign1, verifySign1Detailed, type VerifyFailure, type VerifyOutcome } from './verifySign1.js';
