/** Deterministic CBOR (RFC 8949 §4.2.1) for signing, and a strict decoder for untrusted input. */
export { cborToJson } from './cborToJson.js';
export { decodeCbor, type DecodeOptions } from './decodeCbor.js';
export { encodeCanonical } from './encodeCanonical.js';
export { CborSimple, Tagged } from './tagged.js';
