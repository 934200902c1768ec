/**
 * The core's `HostSpawner` inside Electron (runs in the core utility process). A utility process
 * cannot start another one, and `child_process.fork` needs ELECTRON_RUN_AS_NODE, which the
 * RunAsNode fuse turns off; so the core asks main to start the signer host as a utility process
 * and main hands back a MessagePort straight to it. Requests (and the PIN in `sign`) then go
 * core → signer on that port, never through main. Until the port arrives, sends are queued.
 */
import type { HostProcess, HostSpawner } from '../core/signer-client/hostProcess.js';
import type { MainToCore, ParentPortLike, PortLike } from './processMessages.js';

interface Child {
  pid: number | undefined;
  port: PortLike | null;
  queue: unknown[];
  exited: boolean;
  onMessage: ((message: unknown) => void)[];
  onExit: ((code: number | null, signal: string | null) => void)[];
  onLog: ((line: string) => void)[];
}

export interface UtilitySignerSpawner {
  spawn: HostSpawner;
  /** Feeds main's `signer.*` messages (with their transferred ports); false for other messages. */
  receive(message: MainToCore, ports: readonly PortLike[]): boolean;
  /** Signer hosts asked for and not yet exited. */
  readonly live: number;
}

export function utilitySignerSpawner(parent: ParentPortLike): UtilitySignerSpawner {
  let next = 1;
  const children = new Map<number, Child>();

  function spawn(): HostProcess {
    const id = next++;
    const child: Child = { pid: undefined, port: null, queue: [], exited: false, onMessage: [], onExit: [], onLog: [] };
    children.set(id, child);
    parent.postMessage({ type: 'signer.spawn', id });
    return {
      get pid() {
        return child.pid;
      },
      send(message) {
        if (child.exited) return;
        if (child.port) child.port.postMessage(message);
        else child.queue.push(message);
      },
      onMessage: (listener) => void child.onMessage.push(listener),
      onExit: (listener) => void child.onExit.push(listener),
      onLog: (listener) => void child.onLog.push(listener),
      kill() {
        if (!child.exited) parent.postMessage({ type: 'signer.kill', id });
      },
    };
  }

  function receive(message: MainToCore, ports: readonly PortLike[]): boolean {
    if (message.type !== 'signer.spawned' && message.type !== 'signer.log' && message.type !== 'signer.exit') return false;
    const child = children.get(message.id);
    if (child === undefined) {
      // A port for a host we no longer want (it was killed first): close it so the host leaves.
      for (const port of ports) port.close();
      return true;
    }
    if (message.type === 'signer.spawned') {
      const port = ports[0];
      if (port === undefined) return true;
      child.pid = message.pid ?? undefined;
      child.port = port;
      port.on('message', (e) => child.onMessage.forEach((l) => l(e.data)));
      port.start();
      for (const queued of child.queue.splice(0)) port.postMessage(queued);
    } else if (message.type === 'signer.log') {
      child.onLog.forEach((l) => l(message.line));
    } else {
      child.exited = true;
      children.delete(message.id);
      child.port?.close();
      child.onExit.forEach((l) => l(message.code, null));
    }
    return true;
  }

  return {
    spawn,
    receive,
    get live() {
      return children.size;
    },
  };
}
