// `npm run demo`, driven exactly as a user would after reading its output, with nothing typed
// but the PIN it prints: the script (scripts/demo.mjs --no-open --json) prepares the demo folder,
// starts the platform simulator and `station serve`; this test connects to the printed URL the
// way the page does (WebSocket, Origin, per-launch secret), lists the demo records, signs them
// with the printed PIN (sign.batch) and syncs (sync.run): records signed, accepted by the
// platform and their certificates pulled back. Then Ctrl+C stops everything, and a second run
// re-uses the folder with the work kept.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RpcClient, type RpcTransport } from '../../../shared/rpc/client.js';

const root = resolve(import.meta.dirname, '../../..');

interface DemoLine {
  url: string;
  pin: string;
  facility: { code: string; name: string; taxCode: string };
  platformUrl: string;
  dataDir: string;
  demoDir: string;
  samples: string[];
  reused: boolean;
}

interface RunningDemo {
  child: ChildProcess;
  line: DemoLine;
  stderr: string[];
}

/** `underShell`: started as npm starts it, by a `sh -c` that stays its parent (`child` is then the shell). */
function startDemo(dir: string, extra: string[] = [], { underShell = false } = {}): Promise<RunningDemo> {
  const args = [join(root, 'scripts/demo.mjs'), '--no-setup', '--no-open', '--json', '--dir', dir, ...extra];
  const quoted = [process.execPath, ...args].map((a) => `'${a}'`).join(' ');
  // `; exit $?` keeps the shell from exec-ing node in its place, as npm's `sh -c` does not either.
  const child = underShell
    ? spawn('sh', ['-c', `${quoted}; exit $?`], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (l) => stderr.push(l));
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo did not print its URL in time:\n${stderr.join('\n')}`)), 40_000);
    createInterface({ input: child.stdout! }).once('line', (l) => {
      clearTimeout(timer);
      resolvePromise({ child, line: JSON.parse(l) as DemoLine, stderr });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`demo exited with ${code}:\n${stderr.join('\n')}`));
    });
  });
}

/** What the page does: `/rpc` on its own origin, the secret from the URL fragment as a subprotocol. */
function connect(url: string): Promise<{ client: RpcClient; socket: WebSocket }> {
  const u = new URL(url);
  const secret = new URLSearchParams(u.hash.slice(1)).get('secret');
  const socket = new WebSocket(`ws://${u.host}/rpc`, ['station.rpc.v1', `secret.${secret}`], { origin: u.origin });
  return new Promise((resolvePromise, reject) => {
    socket.once('error', reject);
    socket.once('open', () => {
      const transport: RpcTransport = {
        send: (m) => socket.send(JSON.stringify(m)),
        onMessage(receive) {
          const on = (data: Buffer) => receive(JSON.parse(data.toString()));
          socket.on('message', on);
          return () => socket.off('message', on);
        },
        onClose: (closed) => socket.on('close', closed),
      };
      resolvePromise({ client: new RpcClient(transport, { timeoutMs: 30_000 }), socket });
    });
  });
}

/** Ctrl+C: resolves with the exit code. */
function interrupt(demo: RunningDemo): Promise<number | null> {
  return new Promise((resolvePromise) => {
    demo.child.once('exit', (code) => resolvePromise(code));
    demo.child.kill('SIGINT');
  });
}

/** Whether `url` stops answering within `ms` (a closed port refuses at once). */
async function goneWithin(url: string, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const answered = await fetch(url, { signal: AbortSignal.timeout(1000) }).then(
      () => true,
      () => false,
    );
    if (!answered) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

let dir: string;
let demo: RunningDemo;
let client: RpcClient;
let socket: WebSocket;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'station-demo-'));
  demo = await startDemo(dir, ['--fresh']);
  ({ client, socket } = await connect(demo.line.url));
}, 60_000);

afterAll(async () => {
  socket?.close();
  if (demo && demo.child.exitCode === null) await interrupt(demo);
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run demo', () => {
  it('prints where to open the station, the PIN and the facility', () => {
    expect(demo.line.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#secret=[A-Za-z0-9_-]{20,}$/);
    expect(demo.line.pin).toMatch(/^\d{4,16}$/);
    expect(demo.line.facility).toEqual({ code: '79001', name: 'Trung tâm Y tế Quận Một', taxCode: '0301234567' });
    expect(demo.line.reused).toBe(false);
  });

  it('has the station configured for the demo facility and platform', async () => {
    expect((await client.call('settings.get', { key: 'facility.code' })).value).toBe('79001');
    expect((await client.call('settings.get', { key: 'platform.url' })).value).toBe(demo.line.platformUrl);
    expect((await client.call('sync.status', {})).platformUrl).toBe(demo.line.platformUrl);
  });

  it('lists a few dozen records ready to sign and a few that need attention', async () => {
    const ready = await client.call('records.list', { state: 'ready', limit: 200 });
    const drafts = await client.call('records.list', { state: 'draft', limit: 200 });
    expect(ready.total).toBeGreaterThanOrEqual(30);
    expect(drafts.total).toBe(3);
    const found = new Set<string>();
    for (const { record } of drafts.items) for (const f of (await client.call('records.get', { id: record.id })).record.findings) found.add(f.code);
    expect(found).toEqual(new Set(['DOSE_INTERVAL_TOO_SHORT', 'LOT_PLACEHOLDER', 'CCCD_YEAR_MISMATCH']));
  });

  // Probe 19: the import screen had nothing to be tried on, and the fixtures' files were not shipped.
  it('leaves a clinic xlsx and csv to try the import on, the xlsx with one row to fix', async () => {
    const preview = (path: string) =>
      client.call('import.preview', { file: { name: basename(path), base64: readFileSync(path).toString('base64') } });
    const [xlsx, csv] = demo.line.samples;
    expect(xlsx).toMatch(/\.xlsx$/);
    const fromXlsx = await preview(xlsx!);
    expect(fromXlsx).toMatchObject({ rows: 12, errors: 1, duplicates: 0 });
    expect(fromXlsx.findings.filter((f) => f.severity === 'error')).toMatchObject([{ row: 8, code: 'IMPORT_DATE_IMPOSSIBLE' }]);
    expect(csv).toMatch(/\.csv$/);
    expect(await preview(csv!)).toMatchObject({ rows: 8, errors: 0, duplicates: 0 });
  });

  it('shows the demo token with a certificate usable for the facility', async () => {
    const { tokens } = await client.call('token.list', {});
    expect(tokens).toHaveLength(1);
    expect(tokens[0]!.certificates[0]).toMatchObject({ usable: true, whyNot: [] });
    expect(tokens[0]!.certificates[0]!.subject).toContain('MST:0301234567');
  });

  it('signs every ready record with the printed PIN', async () => {
    const ready = (await client.call('records.list', { state: 'ready', limit: 200 })).total;
    const signed = await client.call('sign.batch', { pin: demo.line.pin });
    expect(signed).toMatchObject({ count: ready, alg: 'ES256' });
    expect((await client.call('records.list', { state: 'ready', limit: 1 })).total).toBe(0);
  });

  it('syncs: the platform accepts every signed record and the certificates come back', async () => {
    const signed = (await client.call('records.list', { state: 'signed', limit: 200 })).total;
    const result = await client.call('sync.run', {});
    expect(result).toMatchObject({ uploadedBatches: 1, accepted: signed, rejected: 0, duplicates: 0 });
    expect(result.certificates).toBeGreaterThan(0);
    const counts = await client.call('records.counts', {});
    expect((counts.accepted ?? 0) + (counts.issued ?? 0)).toBe(signed);
    expect(counts.issued).toBe(result.certificates);
    const certificates = await client.call('certificates.list', { limit: 100 });
    expect(certificates.total).toBe(result.certificates);
    expect(certificates.items[0]!.uvci).toMatch(/^URN:UVCI:01:VN:/);
  });

  it('stops cleanly on Ctrl+C: the station and the platform simulator are gone', async () => {
    socket.close();
    expect(await interrupt(demo)).toBe(0);
    await expect(fetch(`${demo.line.platformUrl}/v1/time`)).rejects.toThrow();
    await expect(fetch(new URL(demo.line.url).origin)).rejects.toThrow();
  });

  it('re-uses the demo folder on the next run, with the work done kept', async () => {
    const again = await startDemo(dir);
    try {
      expect(again.line.reused).toBe(true);
      expect(again.line.pin).toBe(demo.line.pin);
      const second = await connect(again.line.url);
      try {
        const counts = await second.client.call('records.counts', {});
        expect(counts.ready ?? 0).toBe(0);
        expect(counts.issued).toBeGreaterThan(0);
        // The platform was restarted on a new port; the station follows it.
        expect((await second.client.call('settings.get', { key: 'platform.url' })).value).toBe(again.line.platformUrl);
        const sync = await second.client.call('sync.run', {});
        expect(sync).toMatchObject({ uploadedBatches: 0, rejected: 0 });
      } finally {
        second.socket.close();
      }
    } finally {
      expect(await interrupt(again)).toBe(0);
    }
  });

  // Probe 19: a demo killed with SIGKILL left its `station serve` running on the data folder and
  // its port, and the next demo started a second station beside it.
  it('killed with SIGKILL, takes its station with it; the next run starts on the same folder', async () => {
    const killed = await startDemo(dir);
    const exited = new Promise((r) => killed.child.once('exit', r));
    killed.child.kill('SIGKILL');
    await exited;
    expect(await goneWithin(new URL(killed.line.url).origin, 10_000)).toBe(true);
    const next = await startDemo(dir);
    try {
      expect(next.line.reused).toBe(true);
      const { client: c, socket: s } = await connect(next.line.url);
      expect((await c.call('settings.get', { key: 'platform.url' })).value).toBe(next.line.platformUrl);
      s.close();
    } finally {
      expect(await interrupt(next)).toBe(0);
    }
  });

  // Probe 19: `kill <npm's pid>` ended npm and its `sh -c`, not the demo under them, which went
  // on serving the station and the simulator with nobody left to stop it.
  it('stops when the process that started it is gone (a `kill` of npm)', async () => {
    const underShell = await startDemo(dir, [], { underShell: true });
    underShell.child.kill('SIGTERM');
    expect(await goneWithin(new URL(underShell.line.url).origin, 10_000)).toBe(true);
    expect(await goneWithin(`${underShell.line.platformUrl}/v1/time`, 5_000)).toBe(true);
  });

  // Probe 19: a second demo on the folder of a running one pointed the shared station at its own
  // simulator; the first one's window then synced to a simulator that went away with the second.
  it('refuses to start beside a demo running on the same folder, which keeps its simulator', async () => {
    const first = await startDemo(dir);
    try {
      const second = spawn(process.execPath, [join(root, 'scripts/demo.mjs'), '--no-setup', '--no-open', '--json', '--dir', dir], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
      let said = '';
      second.stderr!.on('data', (b: Buffer) => (said += b.toString()));
      const code = await new Promise((r) => second.once('exit', r));
      expect(code).toBe(2);
      expect(said).toContain(`Another demo is running on ${dir} (process ${first.child.pid})`);
      expect(said).toContain('Một bản trình diễn khác đang chạy');
      const { client: c, socket: s } = await connect(first.line.url);
      expect((await c.call('settings.get', { key: 'platform.url' })).value).toBe(first.line.platformUrl);
      s.close();
    } finally {
      expect(await interrupt(first)).toBe(0);
    }
  });
});
