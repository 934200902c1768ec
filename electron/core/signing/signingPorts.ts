/** What signing needs of the signer host: the two calls of SignerClient it uses (a port, for tests). */
import type { SignerParams, SignerResult } from '../../../shared/signer/index.js';

export interface TokenSigner {
  listTokens(params?: SignerParams<'tokens.list'>): Promise<SignerResult<'tokens.list'>>;
  sign(params: SignerParams<'sign'>): Promise<SignerResult<'sign'>>;
}
