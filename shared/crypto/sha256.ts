import { asBufferSource } from './bytes.js';

/** WebCrypto SHA-256 (globalThis.crypto exists in Node ≥ 19 and in every browser). */
export async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', asBufferSource(bytes)));
}
