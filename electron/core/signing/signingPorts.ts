/** What signing needs of the signer host: the calls of SignerClient it uses (a port, for tests). */
import type { SignerParams, SignerResult } from '../../../shared/signer/index.js';

export interface TokenSigner {
  listTokens(params?: SignerParams<'tokens.list'>): Promise<SignerResult<'tokens.list'>>;
  sign(params: SignerParams<'sign'>): Promise<SignerResult<'sign'>>;
  /** Only for a token that shows no certificate before login (signBatch's hidden certificates). */
  logIn(params: SignerParams<'session.login'>): Promise<SignerResult<'session.login'>>;
}
