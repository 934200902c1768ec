/**
 * Parses one message into the host against the shared signer protocol and turns the handler's
 * outcome into one reply. Bad input gets SIGNER_BAD_REQUEST naming paths and issue codes only:
 * the values are never echoed or logged, since a rejected `sign` may carry a PIN.
 */
import { StationError } from '../../shared/errors.js';
import { RpcRequest, type RpcReply } from '../../shared/rpc/protocol.js';
import { signerError, signerMethods, type SignerMethod } from '../../shared/signer/index.js';
import type { Logger } from '../core/logger.js';

export type SignerHandler = (method: SignerMethod, params: unknown) => Promise<unknown>;

const fail = (id: RpcReply['id'], error: StationError): RpcReply => ({ id, ok: false, error: error.toInfo() });

export async function handleSignerRequest(message: unknown, handler: SignerHandler, logger: Logger, now: () => number): Promise<RpcReply> {
  const envelope = RpcRequest.safeParse(message);
  if (!envelope.success) return fail(null, signerError('SIGNER_BAD_REQUEST', { reason: 'envelope' }));
  const { id, method } = envelope.data;
  if (!Object.hasOwn(signerMethods, method)) return fail(id, signerError('SIGNER_BAD_REQUEST', { reason: 'unknown method', method }));
  const parsed = signerMethods[method as SignerMethod].params.safeParse(envelope.data.params ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code }));
    return fail(id, signerError('SIGNER_BAD_REQUEST', { method, issues }));
  }
  const started = now();
  try {
    const result = await handler(method as SignerMethod, parsed.data);
    logger.log('info', 'signer call', { id, method, ok: true, ms: now() - started });
    return { id, ok: true, result };
  } catch (err) {
    const error = err instanceof StationError ? err : signerError('SIGNER_INTERNAL', { message: err instanceof Error ? err.message : String(err) });
    logger.log('warn', 'signer call', { id, method, ok: false, code: error.code, ms: now() - started });
    return fail(id, error);
  }
}
