// Main's process wiring (DESIGN §2) with fake utility processes: the core is forked on the data
// directory, renderer and signer ports are created and handed to both ends, lifecycle messages
// are relayed, a crashed core restarts (a crash loop stops), and quitting closes the core first.
import type { ForkOptions, MessagePortMain, UtilityProcess } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { ProcessSupervisor, type SupervisorDeps } from '../../electron/main/processSupervisor.js';
import { FakePort, FakeUtilityProcess, fakeChannel } from './fakes.js';

function setup(overrides: Partial<SupervisorDeps> = {}) {
  const forks: FakeUtilityProcess[] = [];
  const channels: { port1: FakePort; port2: FakePort }[] = [];
  const logs: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  const deps: SupervisorDeps = {
    fork: (modulePath: string, args: string[], options: ForkOptions) => {
      const child = new FakeUtilityProcess(modulePath, args, options as Record<string, unknown>);
      forks.push(child);
      return child as unknown as UtilityProcess;
    },
    channel: () => {
      const c = fakeChannel();
      channels.push(c);
      return c as unknown as { port1: MessagePortMain; port2: MessagePortMain };
    },
    log: (level, message, fields) => logs.push(fields === undefined ? { level, message } : { level, message, fields }),
    entries: { core: '/app/dist/electron/main/coreProcess.js', signer: '/app/dist/electron/main/signerProcess.js' },
    dataDir: '/data/station',
    env: { SOFTHSM2_CONF: '/demo/softhsm2.conf' },
    onCoreRestarted: vi.fn(),
    onCoreFailed: vi.fn(),
    ...overrides,
  };
  const supervisor = new ProcessSupervisor(deps);
  return { supervisor, forks, channels, logs, deps };
}

describe('ProcessSupervisor', () => {
  it('forks the core on the data directory with the environment it was given', () => {
    const { supervisor, forks } = setup();
    supervisor.start();
    expect(forks).toHaveLength(1);
    expect(forks[0]!.modulePath).toBe('/app/dist/electron/main/coreProcess.js');
    expect(forks[0]!.args).toEqual(['--data-dir=/data/station']);
    expect(forks[0]!.options).toMatchObject({ serviceName: 'Station core', stdio: ['ignore', 'ignore', 'pipe'], env: { SOFTHSM2_CONF: '/demo/softhsm2.conf' } });
    supervisor.start();
    expect(forks).toHaveLength(1);
  });

  it('keeps what the core prints on stderr before its own log exists', async () => {
    const { supervisor, forks, logs } = setup();
    supervisor.start();
    forks[0]!.stderr.write('Error: The module better_sqlite3.node was compiled against NODE_MODULE_VERSION 115\n');
    await new Promise((r) => setImmediate(r));
    expect(logs).toContainEqual({ level: 'error', message: 'core: stderr', fields: { line: expect.stringContaining('NODE_MODULE_VERSION 115') } });
  });

  it('queues what it has for the core until the core is ready, then sends it in order', () => {
    const { supervisor, forks, channels } = setup();
    supervisor.start();
    const core = forks[0]!;
    const delivered: FakePort[] = [];
    supervisor.connectRenderer(7, (port) => delivered.push(port as unknown as FakePort));
    expect(core.posted).toEqual([]);
    expect(delivered).toEqual([channels[0]!.port2]);
    core.say({ type: 'core.ready' });
    expect(core.posted).toEqual([{ message: { type: 'rpc.connect', connection: 1 }, ports: [channels[0]!.port1] }]);
  });

  it('gives each page one connection: a new request closes the page’s previous one', () => {
    const { supervisor, forks, channels } = setup();
    supervisor.start();
    const core = forks[0]!;
    core.say({ type: 'core.ready' });
    supervisor.connectRenderer(7, () => {});
    supervisor.connectRenderer(7, () => {});
    supervisor.connectRenderer(8, () => {});
    supervisor.disconnectRenderer(8);
    expect(core.messages()).toEqual([
      { type: 'rpc.connect', connection: 1 },
      { type: 'rpc.close', connection: 1 },
      { type: 'rpc.connect', connection: 2 },
      { type: 'rpc.connect', connection: 3 },
      { type: 'rpc.close', connection: 3 },
    ]);
    // The renderer end never goes to the core; the core end never to the renderer.
    expect(core.posted.flatMap((p) => p.ports)).toEqual([channels[0]!.port1, channels[1]!.port1, channels[2]!.port1]);
  });

  it('starts a signer host when the core asks and connects the two by a port of their own', () => {
    const { supervisor, forks, channels } = setup();
    supervisor.start();
    const core = forks[0]!;
    core.say({ type: 'core.ready' });
    core.say({ type: 'signer.spawn', id: 1 });
    const signer = forks[1]!;
    expect(signer.modulePath).toBe('/app/dist/electron/main/signerProcess.js');
    expect(signer.options).toMatchObject({ stdio: ['ignore', 'ignore', 'pipe'], env: { SOFTHSM2_CONF: '/demo/softhsm2.conf' } });
    expect(core.posted).toEqual([]);
    signer.emit('spawn');
    const [channel] = channels;
    expect(signer.posted).toEqual([{ message: { type: 'signer.connect' }, ports: [channel!.port1] }]);
    expect(core.posted).toEqual([{ message: { type: 'signer.spawned', id: 1, pid: signer.pid }, ports: [channel!.port2] }]);
  });

  it('forwards the signer host’s log lines and its exit to the core, and kills it when asked', async () => {
    const { supervisor, forks } = setup();
    supervisor.start();
    const core = forks[0]!;
    core.say({ type: 'core.ready' });
    core.say({ type: 'signer.spawn', id: 3 });
    const signer = forks[1]!;
    signer.emit('spawn');
    signer.stderr.write('{"level":"info","message":"module loaded"}\n');
    await new Promise((r) => setImmediate(r));
    core.say({ type: 'signer.kill', id: 3 });
    expect(signer.killed).toBe(true);
    signer.exit(9);
    expect(core.messages().slice(1)).toEqual([
      { type: 'signer.log', id: 3, line: '{"level":"info","message":"module loaded"}' },
      { type: 'signer.exit', id: 3, code: 9 },
    ]);
  });

  it('ignores messages from the core that are not in the protocol', () => {
    const { supervisor, forks, logs } = setup();
    supervisor.start();
    forks[0]!.say({ type: 'signer.spawn', id: -1 });
    forks[0]!.say('hello');
    expect(forks).toHaveLength(1);
    expect(logs.filter((l) => l.message === 'core: unknown message')).toHaveLength(2);
  });

  it('restarts a core that died, kills its signer hosts and asks the windows to reconnect', () => {
    const { supervisor, forks, deps } = setup();
    supervisor.start();
    const first = forks[0]!;
    first.say({ type: 'core.ready' });
    first.say({ type: 'signer.spawn', id: 1 });
    first.exit(1);
    expect(forks[1]!.killed).toBe(true);
    expect(forks[2]!.modulePath).toBe(deps.entries.core);
    expect(deps.onCoreRestarted).toHaveBeenCalledTimes(1);
  });

  it('gives up after too many crashes in a minute and says why', () => {
    let t = 0;
    const { supervisor, forks, deps } = setup({ now: () => (t += 1000), maxRestartsPerMinute: 2 });
    supervisor.start();
    for (let i = 0; i < 3; i++) forks[forks.length - 1]!.exit(1);
    expect(forks).toHaveLength(3);
    expect(deps.onCoreFailed).toHaveBeenCalledWith(expect.objectContaining({ code: 'CORE_CRASH_LOOP' }));
  });

  it('reports a core that cannot open the data and does not restart it', () => {
    const { supervisor, forks, deps } = setup();
    supervisor.start();
    forks[0]!.say({ type: 'core.failed', code: 'DB_TOO_NEW', message_vi: 'mới hơn', message_en: 'newer' });
    forks[0]!.exit(1);
    expect(deps.onCoreFailed).toHaveBeenCalledWith({ code: 'DB_TOO_NEW', message_vi: 'mới hơn', message_en: 'newer' });
    expect(forks).toHaveLength(1);
  });

  it('stops by asking the core to shut down and waiting for it; no restart after that', async () => {
    const { supervisor, forks, deps } = setup();
    supervisor.start();
    const core = forks[0]!;
    core.say({ type: 'core.ready' });
    const stopped = supervisor.stop(1000);
    expect(core.messages()).toEqual([{ type: 'shutdown' }]);
    core.exit(0);
    await stopped;
    expect(core.killed).toBe(false);
    expect(forks).toHaveLength(1);
    expect(deps.onCoreRestarted).not.toHaveBeenCalled();
  });

  it('kills a core that does not stop in time', async () => {
    const { supervisor, forks } = setup();
    supervisor.start();
    const core = forks[0]!;
    const stopped = supervisor.stop(20);
    await new Promise((r) => setTimeout(r, 60));
    expect(core.killed).toBe(true);
    core.exit(1);
    await stopped;
  });
});
