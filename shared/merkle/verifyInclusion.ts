/**
 * RFC 9162 §2.1.3.2: verify an inclusion proof (audit path) for a leaf hash against a root.
 * Bad input of any shape answers false, never throws: the platform and a verifier feed it
 * whatever arrived over the wire.
 */
import { equalBytes } from '../crypto/bytes.js';
import { HASH_SIZE, nodeInput, webCryptoSha256, type Sha256Port, type SyncSha256Port } from './sha256Port.js';

/**
 * The algorithm as a generator: it yields each node input to hash and receives the digest, so
 * the sync and async drivers below share one implementation of the spec's steps.
 */
function* steps(leafHash: Uint8Array, index: number, treeSize: number, proof: readonly Uint8Array[], root: Uint8Array): Generator<Uint8Array, boolean, Uint8Array> {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(treeSize) || index < 0 || index >= treeSize) return false;
  if (!(leafHash instanceof Uint8Array) || !(root instanceof Uint8Array) || leafHash.length !== HASH_SIZE || root.length !== HASH_SIZE) return false;
  if (!Array.isArray(proof) || proof.some((p) => !(p instanceof Uint8Array) || p.length !== HASH_SIZE)) return false;
  let fn = index;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = yield nodeInput(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = yield nodeInput(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equalBytes(r, root);
}

export async function verifyInclusion(
  leafHash: Uint8Array,
  index: number,
  treeSize: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
  port: Sha256Port = webCryptoSha256,
): Promise<boolean> {
  const it = steps(leafHash, index, treeSize, proof, root);
  let step = it.next();
  while (!step.done) step = it.next(await port.sha256(step.value));
  return step.value;
}

export function verifyInclusionSync(
  leafHash: Uint8Array,
  index: number,
  treeSize: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
  port: SyncSha256Port,
): boolean {
  const it = steps(leafHash, index, treeSize, proof, root);
  let step = it.next();
  while (!step.done) step = it.next(port.sha256(step.value));
  return step.value;
}
