// `station sign --pin-stdin` typed at a terminal (security probe, session 18): the PIN was read
// like a pipe, so the terminal echoed it in clear and kept it in the scrollback, with no prompt
// and a wait for Ctrl+D. It is now read after a prompt on stderr with the echo off, up to Enter.
// The real terminal is util-linux `script` (a pseudo-terminal); pipes keep their behaviour.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../../electron/cli/context.js';
import { readSecret, type SecretInput } from '../../../electron/cli/readSecret.js';

const root = resolve(import.meta.dirname, '../../..');
const bin = join(root, 'bin/station.mjs');
const built = existsSync(join(root, 'dist/electron/cli/main.js'));
const hasScript = process.platform !== 'win32' && spawnSync('script', ['--version']).status === 0;
const PIN = '73915024';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'station-pin-tty-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!built || !hasScript)('station sign --pin-stdin at a terminal', () => {
  it('prompts on the terminal and never shows the PIN typed', async () => {
    const child = spawn('script', ['-qec', `${process.execPath} ${bin} --data-dir ${dir} sign --pin-stdin`, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let screen = '';
    child.stdout.on('data', (d: Buffer) => (screen += d.toString('utf8')));
    // Typed once the prompt is there, as a person would (keys typed before it are the terminal's);
    // an old build shows none, so the PIN goes after 20 s anyway, then Ctrl+D, which it waited for.
    await new Promise<void>((done) => {
      const started = Date.now();
      const poll = setInterval(() => {
        if (!screen.includes('Token PIN: ') && Date.now() - started < 20_000) return;
        clearInterval(poll);
        done();
      }, 50);
    });
    child.stdin.write(`${PIN}\r`);
    setTimeout(() => child.stdin.write('\u0004'), 1000);
    const code = await new Promise<number | null>((done) => child.on('exit', done));
    child.stdin.end();
    // The station has no facility set: refused after the PIN was read, which is all this needs.
    expect(screen).toContain('FACILITY_NOT_SET');
    expect(code).toBe(1);
    expect(screen).toContain('Mã PIN của token / Token PIN: ');
    expect(screen).not.toContain(PIN);
  });
});

/** A terminal stand-in: raw mode recorded, keys delivered as the terminal would in raw mode. */
function fakeTerminal(keys: string[]) {
  const events = new EventEmitter();
  const raw: boolean[] = [];
  const input: SecretInput = {
    isTTY: true,
    setRawMode: (on: boolean) => raw.push(on),
    on: (e, l) => events.on(e, l),
    off: (e, l) => events.off(e, l),
    resume: () => queueMicrotask(() => keys.forEach((k) => events.emit('data', k))),
    pause: () => undefined,
    async *[Symbol.asyncIterator]() {},
  };
  let written = '';
  return { input, raw, output: { write: (t: string) => (written += t) }, written: () => written };
}

describe('readSecret', () => {
  it('at a terminal: raw mode on then off, backspace honoured, Enter ends, only the prompt written', async () => {
    const t = fakeTerminal(['7', '3', '9', '\u007f', '1', '5', '\r', 'x']);
    expect(await readSecret(t.input, t.output, 'PIN: ')).toBe('7315');
    expect(t.raw).toEqual([true, false]);
    expect(t.written()).toBe('PIN: \n');
  });

  it('at a terminal: a pasted PIN and its line ending in one chunk', async () => {
    const t = fakeTerminal([`${PIN}\r\n`]);
    expect(await readSecret(t.input, t.output, 'PIN: ')).toBe(PIN);
  });

  it('at a terminal: Ctrl+C cancels with a usage error and leaves raw mode', async () => {
    const t = fakeTerminal(['1', '2', '\u0003']);
    await expect(readSecret(t.input, t.output, 'PIN: ')).rejects.toBeInstanceOf(UsageError);
    expect(t.raw).toEqual([true, false]);
  });

  it('from a pipe: what was sent, less one final line ending, and no prompt', async () => {
    let written = '';
    const pipe = { on: () => undefined, off: () => undefined, resume: () => undefined, pause: () => undefined, async *[Symbol.asyncIterator]() { yield Buffer.from(`${PIN}\r\n`); } } as SecretInput;
    expect(await readSecret(pipe, { write: (t: string) => (written += t) }, 'PIN: ')).toBe(PIN);
    expect(written).toBe('');
  });
});
