// `station serve` as facility IT runs it (DESIGN §10): one JSON line with the URL, the page and
// the RPC reachable at that URL, a clean stop on SIGTERM; usage errors exit 2.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';

const ROOT = resolve(import.meta.dirname, '../../..');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'station-serve-'));
  if (!existsSync(join(ROOT, 'dist/electron/cli/commands/serve.js'))) spawnSync('npx', ['--no-install', 'tsc', '-b'], { cwd: ROOT, stdio: 'ignore' });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('station serve', () => {
  it('prints {url} as one JSON line, serves the RPC there, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/station.mjs'), 'serve', '--json', '--data-dir', join(dir, 'data')], { cwd: ROOT });
    const firstLine = await new Promise<string>((done, fail) => {
      createInterface({ input: child.stdout }).once('line', done);
      child.once('exit', (code) => fail(new Error(`exited ${code}`)));
    });
    const { url } = JSON.parse(firstLine) as { url: string };
    const parsed = new URL(url);
    expect(parsed.hostname).toBe('127.0.0.1');
    expect(Number(parsed.port)).toBeGreaterThan(0);
    const secret = parsed.hash.replace(/^#secret=/, '');

    const socket = new WebSocket(`ws://127.0.0.1:${parsed.port}/rpc`, ['station.rpc.v1', `secret.${secret}`], { origin: parsed.origin });
    await new Promise((done, fail) => {
      socket.once('open', done);
      socket.once('error', fail);
    });
    const reply = new Promise<any>((done) => socket.once('message', (d: Buffer) => done(JSON.parse(d.toString()))));
    socket.send(JSON.stringify({ id: 1, method: 'records.counts', params: {} }));
    expect(await reply).toMatchObject({ id: 1, ok: true });

    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('refuses a bad --port with exit 2', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/station.mjs'), 'serve', '--port', 'abc', '--json', '--data-dir', join(dir, 'data')], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(JSON.parse(r.stdout).errors[0].code).toBe('USAGE');
  });
});
