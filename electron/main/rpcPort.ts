/**
 * One renderer's RPC connection inside the core utility process: each message on the port is a
 * request for the core's dispatcher (which validates it against the contract); the reply and the
 * call's events go back on the same port as structured clones, and so do the station's events
 * (hot-plug, signer restarts, sync) until the port closes. The MessagePort twin of
 * electron/host/rpcConnection.ts.
 */
import { RPC_ERRORS, type RpcReply } from '../../shared/rpc/protocol.js';
import type { Logger } from '../core/logger.js';
import type { CallContext, Dispatcher } from '../core/rpc/dispatcher.js';
import type { EventHub } from '../core/rpc/eventHub.js';
import type { PortLike } from './processMessages.js';

function internalError(id: RpcReply['id']): RpcReply {
  const e = RPC_ERRORS.INTERNAL;
  return { id, ok: false, error: { code: e.code, message: `${e.vi} / ${e.en}`, message_vi: e.vi, message_en: e.en } };
}

export interface RpcPortConnection {
  /** Closes the port; no more replies or station events go out on it. */
  close(): void;
}

export function serveRpcPort(
  port: PortLike,
  dispatcher: Dispatcher,
  logger: Logger,
  onClose: () => void = () => {},
  events?: Pick<EventHub, 'subscribe'>,
): RpcPortConnection {
  let open = true;
  const post = (message: unknown, id: RpcReply['id'] | undefined) => {
    if (!open) return;
    try {
      port.postMessage(message);
    } catch (err) {
      // Something not structured-cloneable in a reply is a bug; the caller still gets an answer.
      logger.log('error', 'rpc port: reply not cloneable', { error: err instanceof Error ? err.name : 'unknown' });
      if (id !== undefined) port.postMessage(internalError(id));
    }
  };
  const ctx: CallContext = { emit: (event, data) => post({ event, data }, undefined) };
  const unsubscribe = events?.subscribe(ctx.emit);
  const end = () => {
    if (!open) return;
    open = false;
    unsubscribe?.();
    onClose();
  };
  port.on('message', (e) => {
    dispatcher.handle(e.data, ctx).then(
      (reply) => post(reply, reply.id),
      (err: unknown) => logger.log('error', 'rpc port: dispatcher threw', { error: err instanceof Error ? err.name : 'unknown' }),
    );
  });
  port.on('close', end);
  port.start();
  return {
    close() {
      // Ended here, not only when Electron reports the close: its 'close' event is documented for
      // the remote end going away, and a replaced connection must stop receiving station events.
      end();
      port.close();
    },
  };
}
