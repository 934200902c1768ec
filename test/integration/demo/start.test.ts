// `npm start` without Electron installed: `station serve` on the data folder it is given, no demo
// data in it, stopped by SIGTERM; and how the scripts decide whether Electron can run here.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'station-start-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm start', () => {
  it('serves the station on its own, empty data and stops on SIGTERM', async () => {
    const dataDir = join(dir, 'data');
    const child = spawn(process.execPath, [join(root, 'scripts/start.mjs'), '--no-setup', '--data-dir', dataDir], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const url = await new Promise<string>((done, fail) => {
      const timer = setTimeout(() => fail(new Error('no URL')), 20_000);
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const m = /(http:\/\/127\.0\.0\.1:\d+\/#secret=\S+)/.exec(line);
        if (m) {
          clearTimeout(timer);
          done(m[1]!);
        }
      });
    });
    const u = new URL(url);
    const socket = new WebSocket(`ws://${u.host}/rpc`, ['station.rpc.v1', `secret.${u.hash.slice('#secret='.length)}`], { origin: u.origin });
    const reply = await new Promise<unknown>((done, fail) => {
      socket.once('error', fail);
      socket.once('open', () => socket.send(JSON.stringify({ id: 1, method: 'records.counts', params: {} })));
      socket.once('message', (data: Buffer) => done(JSON.parse(data.toString())));
    });
    socket.close();
    expect(reply).toMatchObject({ id: 1, ok: true });
    const counts = (reply as { result: Record<string, number> }).result;
    expect(Object.values(counts).every((n) => n === 0)).toBe(true);
    const code = await new Promise((done) => {
      child.once('exit', done);
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
  });
});

describe('Electron detection', () => {
  it('finds Electron only when its binary is installed and there is a display', async () => {
    const { electronBinary } = (await import(join(root, 'scripts/bootstrap.mjs'))) as { electronBinary(env: Record<string, string | undefined>): string | null };
    // Here, as on the project's machines, the binary was never downloaded.
    expect(electronBinary({ DISPLAY: ':0' })).toBeNull();
    const dist = join(dir, 'electron-dist');
    mkdirSync(dist);
    writeFileSync(join(dist, 'electron'), '');
    expect(electronBinary({ ELECTRON_OVERRIDE_DIST_PATH: dist, DISPLAY: ':0' })).toBe(join(dist, 'electron'));
    if (process.platform === 'linux') expect(electronBinary({ ELECTRON_OVERRIDE_DIST_PATH: dist })).toBeNull();
  });
});
