/**
 * The hash behind the Merkle tree is a port: WebCrypto by default (works in the renderer), a
 * synchronous one (node:crypto in the core) when a batch has 100k records, because one awaited
 * `crypto.subtle.digest` per node costs far more than the hash itself.
 */
import { asBufferSource } from '../crypto/bytes.js';

export interface SyncSha256Port {
  sha256(data: Uint8Array): Uint8Array;
}

export interface Sha256Port {
  sha256(data: Uint8Array): Uint8Array | Promise<Uint8Array>;
}

export const webCryptoSha256: Sha256Port = {
  async sha256(data) {
    return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', asBufferSource(data)));
  },
};

/** RFC 9162 §2.1.1: domain separation between leaves and interior nodes (second-preimage defence). */
export const LEAF_PREFIX = 0x00;
export const NODE_PREFIX = 0x01;
export const HASH_SIZE = 32;

export function leafInput(data: Uint8Array): Uint8Array {
  const input = new Uint8Array(data.length + 1);
  input[0] = LEAF_PREFIX;
  input.set(data, 1);
  return input;
}

export function nodeInput(left: Uint8Array, right: Uint8Array): Uint8Array {
  const input = new Uint8Array(1 + left.length + right.length);
  input[0] = NODE_PREFIX;
  input.set(left, 1);
  input.set(right, 1 + left.length);
  return input;
}

/** SHA-256(0x00 ‖ data). */
export async function leafHash(data: Uint8Array, port: Sha256Port = webCryptoSha256): Promise<Uint8Array> {
  return port.sha256(leafInput(data));
}

export function leafHashSync(data: Uint8Array, port: SyncSha256Port): Uint8Array {
  return port.sha256(leafInput(data));
}

/** SHA-256(0x01 ‖ left ‖ right). */
export async function nodeHash(left: Uint8Array, right: Uint8Array, port: Sha256Port = webCryptoSha256): Promise<Uint8Array> {
  return port.sha256(nodeInput(left, right));
}

export function nodeHashSync(left: Uint8Array, right: Uint8Array, port: SyncSha256Port): Uint8Array {
  return port.sha256(nodeInput(left, right));
}
