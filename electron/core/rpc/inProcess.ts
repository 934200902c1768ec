/**
 * The in-process transport: the client and the dispatcher in one Node process (the CLI, tests).
 * Messages go through JSON so that what works here works on the wire.
 */
import type { RpcTransport } from '../../../shared/rpc/client.js';
import type { CallContext, Dispatcher } from './dispatcher.js';

export function inProcessTransport(dispatcher: Dispatcher): RpcTransport {
  let receiver: ((message: unknown) => void) | null = null;
  const deliver = (message: unknown) => {
    const copy: unknown = JSON.parse(JSON.stringify(message));
    queueMicrotask(() => receiver?.(copy));
  };
  const ctx: CallContext = { emit: (event, data) => deliver({ event, data }) };
  return {
    send(message) {
      const wire: unknown = JSON.parse(JSON.stringify(message));
      void dispatcher.handle(wire, ctx).then(deliver);
    },
    onMessage(receive) {
      receiver = receive;
      return () => {
        receiver = null;
      };
    },
  };
}
