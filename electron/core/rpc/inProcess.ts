/**
 * The in-process transport: the client and the dispatcher in one Node process (the CLI, tests).
 * Messages go through JSON so that what works here works on the wire. Given the station's event
 * hub, the connection also receives station-wide events while a receiver is attached.
 */
import type { RpcTransport } from '../../../shared/rpc/client.js';
import { wireText } from '../../../shared/rpc/protocol.js';
import type { CallContext, Dispatcher } from './dispatcher.js';
import type { EventHub } from './eventHub.js';

export interface InProcessTransport extends RpcTransport {
  /** Ends the connection: no more replies or station events reach the client. */
  close(): void;
}

export function inProcessTransport(dispatcher: Dispatcher, events?: Pick<EventHub, 'subscribe'>): InProcessTransport {
  let receiver: ((message: unknown) => void) | null = null;
  let unsubscribe: (() => void) | null = null;
  const deliver = (message: unknown) => {
    // Through the wire's own writer: what cannot be sent there is not sent here either.
    const text = wireText(message);
    if (text === null) return;
    const copy: unknown = JSON.parse(text);
    queueMicrotask(() => receiver?.(copy));
  };
  const ctx: CallContext = { emit: (event, data) => deliver({ event, data }) };
  const detach = () => {
    receiver = null;
    unsubscribe?.();
    unsubscribe = null;
  };
  return {
    send(message) {
      const wire: unknown = JSON.parse(JSON.stringify(message));
      void dispatcher.handle(wire, ctx).then(deliver);
    },
    onMessage(receive) {
      receiver = receive;
      unsubscribe ??= events?.subscribe(ctx.emit) ?? null;
      return detach;
    },
    close: detach,
  };
}
