/**
 * Main's side of DESIGN §2 in Electron: starts the core as a utility process, starts signer
 * hosts when the core asks (a utility process cannot fork one itself), and wires MessagePorts —
 * renderer ↔ core, core ↔ signer — so main relays lifecycle only, never a request or a PIN.
 * A core that dies is restarted (a few times a minute at most) and the windows are told to
 * reconnect; a core that cannot open the data at all is reported once.
 */
import { createInterface } from 'node:readline';
import type { ForkOptions, MessagePortMain, UtilityProcess } from 'electron';
import { CoreToMain, type MainToCore } from './processMessages.js';

export interface SupervisorDeps {
  /** `utilityProcess.fork`. */
  fork(modulePath: string, args: string[], options: ForkOptions): UtilityProcess;
  /** `new MessageChannelMain()`. */
  channel(): { port1: MessagePortMain; port2: MessagePortMain };
  log(level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>): void;
  entries: { core: string; signer: string };
  dataDir: string;
  env: Record<string, string | undefined>;
  /** The core restarted: windows must ask for a new port. */
  onCoreRestarted(): void;
  /** The core cannot run (bad data folder, newer database, crash loop). */
  onCoreFailed(reason: { code: string; message_vi: string; message_en: string }): void;
  now?: () => number;
  /** Restarts allowed per minute before giving up (default 3). */
  maxRestartsPerMinute?: number;
}

interface RunningCore {
  process: UtilityProcess;
  ready: boolean;
  /** Everything for the core before it said ready, in order. */
  pending: { message: MainToCore; port: MessagePortMain | undefined }[];
  signers: Map<number, UtilityProcess>;
}

export class ProcessSupervisor {
  private core: RunningCore | null = null;
  private stopping = false;
  private failed = false;
  private nextConnection = 1;
  private restarts: number[] = [];
  private readonly connections = new Map<number, number>();

  constructor(private readonly deps: SupervisorDeps) {}

  start(): void {
    if (this.core || this.stopping || this.failed) return;
    const child = this.deps.fork(this.deps.entries.core, [`--data-dir=${this.deps.dataDir}`], {
      serviceName: 'Station core',
      stdio: ['ignore', 'ignore', 'pipe'],
      env: this.deps.env,
    });
    const running: RunningCore = { process: child, ready: false, pending: [], signers: new Map() };
    this.core = running;
    // The core logs to its own file; stderr only carries what happens before that logger exists
    // (a native module built for the wrong ABI, a missing file): keep it in main's log.
    if (child.stderr) createInterface({ input: child.stderr }).on('line', (line) => this.deps.log('error', 'core: stderr', { line }));
    child.on('message', (message: unknown) => this.fromCore(running, message));
    child.on('exit', (code: number) => this.coreExited(running, code));
    this.deps.log('info', 'core: starting', {});
  }

  /**
   * A fresh RPC connection for the page `owner` (a webContents id): one end goes to the core,
   * the other to `deliver` (webContents.postMessage). The page's previous connection is closed.
   */
  connectRenderer(owner: number, deliver: (port: MessagePortMain) => void): void {
    if (!this.core || this.stopping) return;
    this.disconnectRenderer(owner);
    const connection = this.nextConnection++;
    this.connections.set(owner, connection);
    const { port1, port2 } = this.deps.channel();
    this.toCore(this.core, { type: 'rpc.connect', connection }, port1);
    deliver(port2);
  }

  /** The page went away (closed or reloaded): its core end is closed too. */
  disconnectRenderer(owner: number): void {
    const connection = this.connections.get(owner);
    if (connection === undefined) return;
    this.connections.delete(owner);
    if (this.core) this.toCore(this.core, { type: 'rpc.close', connection });
  }

  /** Asks the core to close (signer finalised, database closed); kills it after `timeoutMs`. */
  async stop(timeoutMs = 5000): Promise<void> {
    this.stopping = true;
    const running = this.core;
    if (!running) return;
    const exited = new Promise<void>((done) => running.process.once('exit', () => done()));
    running.process.postMessage({ type: 'shutdown' } satisfies MainToCore);
    const timer = setTimeout(() => {
      this.deps.log('warn', 'core: did not stop in time, killed', { timeoutMs });
      running.process.kill();
    }, timeoutMs);
    await exited;
    clearTimeout(timer);
    for (const signer of running.signers.values()) signer.kill();
  }

  private toCore(running: RunningCore, message: MainToCore, port?: MessagePortMain): void {
    if (!running.ready) {
      running.pending.push({ message, port });
      return;
    }
    running.process.postMessage(message, port === undefined ? [] : [port]);
  }

  private fromCore(running: RunningCore, raw: unknown): void {
    const parsed = CoreToMain.safeParse(raw);
    if (!parsed.success) {
      this.deps.log('warn', 'core: unknown message', {});
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'core.ready':
        running.ready = true;
        this.deps.log('info', 'core: ready', { pid: running.process.pid ?? null });
        for (const { message: m, port } of running.pending.splice(0)) running.process.postMessage(m, port === undefined ? [] : [port]);
        break;
      case 'core.failed':
        this.failed = true;
        this.deps.log('error', 'core: cannot open the station', { code: message.code });
        this.deps.onCoreFailed({ code: message.code, message_vi: message.message_vi, message_en: message.message_en });
        break;
      case 'signer.spawn':
        this.spawnSigner(running, message.id);
        break;
      case 'signer.kill':
        running.signers.get(message.id)?.kill();
        break;
    }
  }

  private spawnSigner(running: RunningCore, id: number): void {
    const signer = this.deps.fork(this.deps.entries.signer, [], {
      serviceName: 'Station signer host',
      stdio: ['ignore', 'ignore', 'pipe'],
      env: this.deps.env,
    });
    running.signers.set(id, signer);
    if (signer.stderr) {
      createInterface({ input: signer.stderr }).on('line', (line) => this.toCore(running, { type: 'signer.log', id, line }));
    }
    signer.once('spawn', () => {
      const { port1, port2 } = this.deps.channel();
      signer.postMessage({ type: 'signer.connect' }, [port1]);
      this.toCore(running, { type: 'signer.spawned', id, pid: signer.pid ?? null }, port2);
      this.deps.log('info', 'signer host: started', { id, pid: signer.pid ?? null });
    });
    signer.once('exit', (code: number) => {
      running.signers.delete(id);
      this.deps.log(code === 0 ? 'info' : 'warn', 'signer host: exited', { id, code });
      if (this.core === running) this.toCore(running, { type: 'signer.exit', id, code });
    });
  }

  private coreExited(running: RunningCore, code: number): void {
    if (this.core !== running) return;
    this.core = null;
    this.connections.clear();
    for (const signer of running.signers.values()) signer.kill();
    if (this.stopping || this.failed) return;
    this.deps.log('error', 'core: exited unexpectedly', { code });
    const now = (this.deps.now ?? Date.now)();
    this.restarts = [...this.restarts.filter((t) => now - t < 60_000), now];
    if (this.restarts.length > (this.deps.maxRestartsPerMinute ?? 3)) {
      this.failed = true;
      this.deps.onCoreFailed({
        code: 'CORE_CRASH_LOOP',
        message_vi: 'Phần lõi của trạm dừng đột ngột nhiều lần; hãy khởi động lại máy hoặc gọi bộ phận hỗ trợ.',
        message_en: 'The station core stopped unexpectedly several times; restart the computer or call support.',
      });
      return;
    }
    this.start();
    this.deps.onCoreRestarted();
  }
}
