/**
 * What the signer utility process does (signerProcess.ts is its entry): waits for main to hand
 * it the port to the core, then answers each request on that port with one reply and pushes the
 * host's events — the same protocol as electron/signer/main.ts speaks over `child_process.fork`,
 * but on a MessagePort, so the PIN goes core → signer without passing through main. When the
 * core's end closes (the core exited or dropped this host), the module is finalised and the
 * process leaves: a token is never left logged in by an orphan.
 */
import type { RpcReply } from '../../shared/rpc/protocol.js';
import type { Logger } from '../core/logger.js';
import type { SignerHostOptions } from '../signer/signerHost.js';
import { MainToSigner, type ParentPortLike } from './processMessages.js';

export interface SignerHostLike {
  handle(message: unknown): Promise<RpcReply>;
  shutdown(): void;
}

export interface SignerProcessOptions {
  parent: ParentPortLike;
  logger: Logger;
  createHost(emit: SignerHostOptions['emit']): SignerHostLike;
  exit(code: number): void;
  pid?: number;
}

/** Time for the last reply to leave before the process exits. */
const EXIT_GRACE_MS = 50;

export function runSignerProcess(opts: SignerProcessOptions): void {
  let connected = false;
  opts.parent.on('message', (e) => {
    const port = e.ports[0];
    if (connected || port === undefined || !MainToSigner.safeParse(e.data).success) {
      opts.logger.log('warn', 'signer process: unexpected message from main', {});
      for (const p of e.ports) p.close();
      return;
    }
    connected = true;
    let leaving = false;
    const leave = (host: SignerHostLike) => {
      if (leaving) return;
      leaving = true;
      host.shutdown();
      setTimeout(() => opts.exit(0), EXIT_GRACE_MS);
    };
    const host = opts.createHost((event, data) => port.postMessage({ event, data }));
    port.on('message', (m) => {
      const method = typeof m.data === 'object' && m.data !== null ? (m.data as { method?: unknown }).method : undefined;
      void host.handle(m.data).then((reply) => {
        port.postMessage(reply);
        if (reply.ok && method === 'host.shutdown') leave(host);
      });
    });
    port.on('close', () => leave(host));
    port.start();
    port.postMessage({ event: 'host.ready', data: { pid: opts.pid ?? process.pid } });
  });
}
