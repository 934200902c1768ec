export { MerkleTree, inclusionProof, merkleRoot, merkleRootSync } from './merkleTree.js';
export { verifyInclusion, verifyInclusionSync } from './verifyInclusion.js';
export {
  HASH_SIZE,
  leafHash,
  leafHashSync,
  nodeHash,
  nodeHashSync,
  webCryptoSha256,
  type Sha256Port,
  type SyncSha256Port,
} from './sha256Port.js';
