/**
 * One WebSocket client of the browser host: each text message is JSON-parsed and handed to the
 * core's dispatcher (which validates it against the contract); the reply and the call's events go
 * back on the same socket, and so do the station's events (hot-plug, signer restarts, sync) for as
long as the socket is open. Binary frames and unparseable text get RPC_BAD_MESSAGE.
 */
import type { WebSocket } from 'ws';
import type { Logger } from '../core/logger.js';
import type { CallContext, Dispatcher } from '../core/rpc/dispatcher.js';
import type { EventHub } from '../core/rpc/eventHub.js';
import { RPC_ERRORS, wireText, type RpcReply } from '../../shared/rpc/protocol.js';

function badMessage(): RpcReply {
  const e = RPC_ERRORS.BAD_MESSAGE;
  return { id: null, ok: false, error: { code: e.code, message: `${e.vi} / ${e.en}`, message_vi: e.vi, message_en: e.en } };
}

export function serveRpcConnection(socket: WebSocket, dispatcher: Dispatcher, logger: Logger, events?: Pick<EventHub, 'subscribe'>): void {
  const send = (message: unknown) => {
    if (socket.readyState !== socket.OPEN) return;
    const text = wireText(message);
    if (text === null) logger.log('error', 'host: event could not be written', { code: RPC_ERRORS.REPLY_UNSENDABLE.code });
    else socket.send(text);
  };
  const ctx: CallContext = { emit: (event, data) => send({ event, data }) };
  const unsubscribe = events?.subscribe(ctx.emit);
  socket.on('close', () => unsubscribe?.());
  socket.on('message', (data, isBinary) => {
    if (isBinary) {
      send(badMessage());
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(data.toString());
    } catch {
      logger.log('warn', 'host: message is not JSON', { code: RPC_ERRORS.BAD_MESSAGE.code });
      send(badMessage());
      return;
    }
    dispatcher.handle(parsed, ctx).then(send, (err: unknown) => {
      // The dispatcher answers every failure itself; this is a bug guard, never personal data.
      logger.log('error', 'host: dispatcher threw', { error: err instanceof Error ? err.name : 'unknown' });
    });
  });
  socket.on('error', (err) => logger.log('warn', 'host: socket error', { error: err.message }));
}
