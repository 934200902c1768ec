// The desktop app's log files: size-based rotation keeping a few files, and the last guard
// against secrets and long personal text reaching a file.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { redactFields, rotatingFileLogger } from '../../electron/main/rotatingLog.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'station-logs-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('rotatingFileLogger', () => {
  it('writes JSON lines with time, level and message', () => {
    const log = rotatingFileLogger({ dir, name: 'main', now: () => new Date('2024-05-01T08:00:00Z') });
    log.log('info', 'core: ready', { pid: 12 });
    log.log('debug', 'not written at info level');
    const lines = readFileSync(join(dir, 'main.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([{ pid: 12, at: '2024-05-01T08:00:00.000Z', level: 'info', message: 'core: ready' }]);
  });

  it('rotates by size and keeps only the configured number of old files', () => {
    const log = rotatingFileLogger({ dir, name: 'core', maxBytes: 1000, keep: 2 });
    for (let i = 0; i < 200; i++) log.log('info', 'batch signed', { batch: `b-${i}`, count: i });
    expect(readdirSync(dir).sort()).toEqual(['core.1.log', 'core.2.log', 'core.log']);
    for (const f of readdirSync(dir)) expect(statSync(join(dir, f)).size).toBeLessThanOrEqual(1000);
    // The newest line is in the current file, the oldest kept ones in core.2.log.
    expect(readFileSync(join(dir, 'core.log'), 'utf8')).toContain('"batch":"b-199"');
    expect(readFileSync(join(dir, 'core.2.log'), 'utf8')).not.toContain('"batch":"b-0"');
  });

  it('continues an existing file after a restart and rotates it when full', () => {
    rotatingFileLogger({ dir, name: 'main', maxBytes: 300 }).log('info', 'x'.repeat(200));
    const again = rotatingFileLogger({ dir, name: 'main', maxBytes: 300 });
    again.log('info', 'y'.repeat(200));
    expect(existsSync(join(dir, 'main.1.log'))).toBe(true);
    expect(readFileSync(join(dir, 'main.log'), 'utf8')).toContain('yyyy');
  });

  it('never writes a PIN, a key or a password, at any depth', () => {
    const log = rotatingFileLogger({ dir, name: 'core' });
    log.log('warn', 'sign failed', { pin: '123456', platformKey: 'k-secret', 'platform.key': 'k2', params: { PIN: '654321', password: 'p' }, apiKey: 'a', authorization: 'Bearer t' });
    const text = readFileSync(join(dir, 'core.log'), 'utf8');
    for (const secret of ['123456', 'k-secret', 'k2', '654321', '"p"', 'Bearer t']) expect(text).not.toContain(secret);
    expect(JSON.parse(text)).toMatchObject({ pin: '[redacted]', params: { PIN: '[redacted]', password: '[redacted]' } });
  });

  it('keeps ids, codes and counts', () => {
    expect(redactFields({ tokenSerial: 'A1B2', code: 'PIN_INCORRECT', recordId: '0190f', count: 3, keyType: 'EC' })).toEqual({
      tokenSerial: 'A1B2',
      code: 'PIN_INCORRECT',
      recordId: '0190f',
      count: 3,
      keyType: 'EC',
    });
  });

  it('cuts long strings and deep objects', () => {
    const out = redactFields({ message: 'a'.repeat(5000), deep: { a: { b: { c: { d: { e: 1 } } } } } }) as { message: string; deep: unknown };
    expect(out.message.length).toBeLessThan(320);
    expect(JSON.stringify(out.deep)).toContain('[nested]');
  });
});
