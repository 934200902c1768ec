/** Pure byte and WebCrypto helpers for shared/ (no Buffer, no node:crypto). */
export {
  asBufferSource,
  base64ToBytes,
  bytesToBase64,
  bytesToHex,
  compareBytes,
  concatBytes,
  equalBytes,
  hexToBytes,
} from './bytes.js';
export { ecdsaDerToRaw, ecdsaRawToDer } from './ecdsaSignature.js';
export { sha256 } from './sha256.js';
export {
  CURVE_SIZE,
  importVerifyKey,
  rsaModulusBits,
  verifyWithScheme,
  type HashName,
  type NamedCurve,
  type SignatureScheme,
} from './verifySignature.js';
