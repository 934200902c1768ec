// A signer host that keeps dying (a native module built for another Electron ABI kills every host
// at startup) is restarted with a growing delay and then left down until the next call, instead
// of being respawned in a tight loop. A call that completes shows the host works again.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryLogger } from '../../../electron/core/logger.js';
import { forkSignerHost } from '../../../electron/core/signer-client/hostProcess.js';
import type { RestartPolicy } from '../../../electron/core/signer-client/restartPolicy.js';
import { SignerClient, type SignerClientEvent } from '../../../electron/core/signer-client/signerClient.js';
import { FakeHost, status, type Request } from './fakeSignerHost.js';

const answer = (req: Request, host: FakeHost) => host.reply(req, status(host.pid));
const diesAtStart = (h: FakeHost) => h.die(1);

/** Host n (0-based) starts with `startOf(n)`; spawn times are read from the (fake) clock. */
function setup(startOf: (n: number) => ((h: FakeHost) => void) | undefined, restart?: Partial<RestartPolicy>) {
  const t0 = Date.now();
  const hosts: FakeHost[] = [];
  const spawnedAt: number[] = [];
  const events: SignerClientEvent[] = [];
  const logger = memoryLogger();
  const client = new SignerClient({
    spawn: () => {
      spawnedAt.push(Date.now() - t0);
      const h = new FakeHost(answer, startOf(hosts.length));
      hosts.push(h);
      return h;
    },
    logger,
    timeouts: { default: 1000 },
    ...(restart ? { restart } : {}),
  });
  client.on((e) => events.push(e));
  const count = (type: SignerClientEvent['type']) => events.filter((e) => e.type === type).length;
  return { client, hosts, spawnedAt, events, logger, count, t0 };
}

// Only timeouts and the clock are fake: the fake host's starts, deaths and replies run on real
// setImmediate, so that each restart lands exactly on its delay.
const fakeClock = () => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
const flush = async () => {
  for (let i = 0; i < 6; i++) await new Promise((r) => setImmediate(r));
};

/** Runs a call and what the hosts do right away; resolves to its result or its error. */
async function callAndSettle<T>(call: () => Promise<T>): Promise<T | unknown> {
  const settled = call().catch((e: unknown) => e);
  await flush();
  return settled;
}

/** Moves the fake clock from timer to timer, letting hosts start and die, until none is pending. */
async function runAll(limitMs = 10 * 60_000): Promise<void> {
  const end = Date.now() + limitMs;
  await flush();
  while (vi.getTimerCount() > 0 && Date.now() < end) {
    await vi.advanceTimersToNextTimerAsync();
    await flush();
  }
}

describe('SignerClient restarts after crashes (fake clock)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a host that dies at every start: restarted at once, then after 250, 500, 1000 ms, then left down after 5 crashes', async () => {
    fakeClock();
    const { client, spawnedAt, events, logger, count } = setup(() => diesAtStart);

    const first = await callAndSettle(() => client.status());
    expect(first).toMatchObject({ code: 'SIGNER_UNAVAILABLE' });
    await runAll();

    expect(spawnedAt).toEqual([0, 0, 250, 750, 1750]);
    expect(count('signer.crashed')).toBe(5);
    expect(events.filter((e) => e.type === 'signer.unavailable')).toEqual([
      {
        type: 'signer.unavailable',
        crashes: 5,
        error: {
          code: 'SIGNER_UNAVAILABLE',
          message_vi: expect.stringContaining('dừng 5 lần liên tiếp'),
          message_en: expect.stringContaining('stopped 5 times in a row'),
        },
      },
    ]);
    expect(logger.lines.filter((l) => l.message === 'signer host exited')).toHaveLength(5);
    expect(logger.lines.filter((l) => l.message === 'signer host restarts stopped')).toHaveLength(1);
  });

  it('once left down, the next call starts the host again, one attempt, and says why it failed', async () => {
    fakeClock();
    const { client, spawnedAt, count } = setup(() => diesAtStart);
    await callAndSettle(() => client.status());
    await runAll();
    expect(spawnedAt).toHaveLength(5);

    const again = await callAndSettle(() => client.status());
    expect(again).toMatchObject({
      code: 'SIGNER_UNAVAILABLE',
      messageVi: expect.stringContaining('thao tác tiếp theo sẽ thử lại một lần'),
      messageEn: expect.stringContaining('your next action tries once more'),
      details: { crashes: 6, restarts: 'stopped' },
    });
    await runAll();
    expect(spawnedAt).toHaveLength(6);
    expect(count('signer.unavailable')).toBe(2);
  });

  it('the delay doubles up to 30 s', async () => {
    fakeClock();
    const { client, spawnedAt } = setup(() => diesAtStart, { maxCrashes: 12 });
    await callAndSettle(() => client.status());
    await runAll();
    const gaps = spawnedAt.slice(1).map((t, i) => t - spawnedAt[i]!);
    expect(gaps).toEqual([0, 250, 500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('a host that starts, says it is ready, then dies with no call completed still counts as a crash', async () => {
    fakeClock();
    const readyThenDie = (h: FakeHost) => {
      h.push({ event: 'host.ready', data: { pid: h.pid } });
      setTimeout(() => h.die(null, 'SIGSEGV'), 10);
    };
    const { client, spawnedAt, count } = setup(() => readyThenDie);
    await callAndSettle(() => client.status());
    await runAll();
    expect(spawnedAt).toHaveLength(5);
    expect(count('signer.unavailable')).toBe(1);
  });

  it('a completed call resets the count: the next crash is restarted at once and five more are needed to stop', async () => {
    fakeClock();
    // Hosts 0-3 die at start, host 4 works, hosts 5+ die at start again.
    const { client, hosts, spawnedAt, count, t0 } = setup((n) => (n === 4 ? undefined : diesAtStart));
    await callAndSettle(() => client.status());
    await runAll();
    expect(spawnedAt).toEqual([0, 0, 250, 750, 1750]);
    expect(count('signer.unavailable')).toBe(0);

    expect(await callAndSettle(() => client.status())).toMatchObject({ pid: hosts[4]!.pid });
    const before = spawnedAt.length;
    const diedAt = Date.now() - t0;
    hosts[4]!.die(70);
    await runAll();
    // Crash 1 (host 4) restarts at once, crashes 2-4 after 250, 500, 1000 ms, crash 5 stops.
    expect(spawnedAt.slice(before).map((t) => t - diedAt)).toEqual([0, 250, 750, 1750]);
    expect(count('signer.unavailable')).toBe(1);
  });

  it('a call during the backoff starts the host at once and the pending restart is dropped', async () => {
    fakeClock();
    // Hosts 0 and 1 die at start: the third start is due 250 ms later.
    const { client, hosts, spawnedAt } = setup((n) => (n < 2 ? diesAtStart : undefined));
    await callAndSettle(() => client.status());
    await vi.advanceTimersByTimeAsync(100);
    expect(spawnedAt).toEqual([0, 0]);

    expect(await callAndSettle(() => client.status())).toMatchObject({ pid: hosts[2]!.pid });
    expect(spawnedAt).toEqual([0, 0, 100]);
    await runAll();
    expect(spawnedAt).toHaveLength(3);
  });

  it('when restarts stop on a crash mid-call, the call gets SIGNER_UNAVAILABLE (not "restarted") and the session ends', async () => {
    fakeClock();
    const signResult = { signature: new Uint8Array(64), alg: -7, mechanism: 'CKM_ECDSA', certificateDer: new Uint8Array(3), certificateChain: [], certFingerprint: 'ab'.repeat(32), tokenSerial: 'S1' };
    let signs = 0;
    const hosts: FakeHost[] = [];
    const events: SignerClientEvent[] = [];
    const client = new SignerClient({
      spawn: () => {
        const h = new FakeHost((req, host) => (req.method === 'sign' && ++signs === 2 ? host.die(70) : host.reply(req, signResult)));
        hosts.push(h);
        return h;
      },
      restart: { maxCrashes: 1 },
    });
    client.on((e) => events.push(e));
    await callAndSettle(() => client.sign({ pin: '123456', toBeSigned: new Uint8Array([1]) }));
    expect(client.loggedIn).toBe(true);

    const err = await callAndSettle(() => client.sign({ toBeSigned: new Uint8Array([2]) }));
    expect(err).toMatchObject({ code: 'SIGNER_UNAVAILABLE', messageEn: expect.stringContaining('no longer restarted automatically') });
    expect(events).toContainEqual({ type: 'session.ended', data: { tokenSerial: null, reason: 'SIGNER_CRASHED' } });
    expect(client.loggedIn).toBe(false);
    await runAll();
    expect(hosts).toHaveLength(1);
  });

  it('close() drops a pending restart', async () => {
    fakeClock();
    const { client, spawnedAt } = setup(() => diesAtStart);
    await callAndSettle(() => client.status());
    expect(spawnedAt).toEqual([0, 0]); // the third start is pending (250 ms)
    await client.close();
    await runAll();
    expect(spawnedAt).toHaveLength(2);
  });
});

describe('SignerClient restarts after crashes (forked host process)', () => {
  it('a host process that exits at startup is spawned maxCrashes times, then only once per call', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'station-crash-at-start-'));
    const entry = join(dir, 'crash-at-start.mjs');
    // What an ABI mismatch looks like from the core: the process dies before saying it is ready.
    writeFileSync(entry, "process.stderr.write('Error: NODE_MODULE_VERSION mismatch\\n');\nprocess.exit(1);\n");
    const inner = forkSignerHost({ entry });
    let spawns = 0;
    const events: SignerClientEvent[] = [];
    const client = new SignerClient({
      spawn: () => {
        spawns++;
        return inner();
      },
      restart: { firstDelayMs: 20, maxDelayMs: 40, maxCrashes: 4 },
    });
    const stopped = new Promise<void>((resolve) => client.on((e) => (e.type === 'signer.unavailable' ? resolve() : undefined)));
    client.on((e) => events.push(e));
    try {
      await expect(client.status()).rejects.toMatchObject({ code: 'SIGNER_UNAVAILABLE' });
      await stopped;
      await new Promise((r) => setTimeout(r, 400));
      expect(spawns).toBe(4);
      expect(events.filter((e) => e.type === 'signer.crashed')).toHaveLength(4);
      expect(events).toContainEqual({ type: 'signer.crashed', code: 1, signal: null });

      await expect(client.status()).rejects.toMatchObject({ code: 'SIGNER_UNAVAILABLE', details: { crashes: 5 } });
      await new Promise((r) => setTimeout(r, 400));
      expect(spawns).toBe(5);
    } finally {
      await client.close(500);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
