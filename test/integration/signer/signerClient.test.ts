// The signer host as the app runs it: a separate process the core forks, talks to over IPC,
// and restarts when a vendor driver hangs or crashes. Against SoftHSM, faults from the fault port.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_FACILITY, createSoftHsmToken, type SoftHsmToken } from '../../fixtures/softhsm.js';
import { forkedClient } from './forkedHost.js';
import { toBeSigned, verifiesWithCertificate } from './inProcessHost.js';

const facility = TEST_FACILITY;
const PIN = 'Pin#271828';
let token: SoftHsmToken;
let work: string;
beforeAll(async () => {
  token = await createSoftHsmToken({ pin: PIN, keys: [{ type: 'EC' }] });
  work = mkdtempSync(join(tmpdir(), 'station-signer-'));
});
afterAll(() => {
  token.cleanup();
  rmSync(work, { recursive: true, force: true });
});

describe('SignerClient with a forked signer host', () => {
  it('signs in another process and keeps the PIN out of every log of both processes', async () => {
    const logFile = join(work, 'calls.jsonl');
    const { client, logger } = forkedClient(token, { faults: { logFile }, hostOptions: { logLevel: 'debug' } });
    try {
      const wrong = await client.sign({ pin: 'Wrong#314159', toBeSigned: toBeSigned(), facility }).catch((e: unknown) => e);
      expect(wrong).toMatchObject({ code: 'PIN_INCORRECT' });
      const data = toBeSigned();
      const r = await client.sign({ pin: PIN, toBeSigned: data, facility });
      expect(r.alg).toBe(-7);
      expect(verifiesWithCertificate(r, data)).toBe(true);
      const status = await client.status();
      expect(status.pid).not.toBe(process.pid);
      expect(status.session).toMatchObject({ tokenSerial: token.serial, loggedIn: true });
    } finally {
      await client.close();
    }
    const everything = JSON.stringify(logger.lines) + readFileSync(logFile, 'utf8');
    expect(logger.lines.some((l) => l.message.startsWith('signer host:'))).toBe(true); // the host's lines were captured
    expect(readFileSync(logFile, 'utf8')).toContain('"C_Login"');
    expect(everything).not.toContain(PIN);
    expect(everything).not.toContain('271828');
    expect(everything).not.toContain('Wrong#314159');
  });

  it('a driver call that hangs: SIGNER_HUNG, the host is killed and restarted, the next call works', async () => {
    const { client, events } = forkedClient(token, {
      faults: { hangMs: 30_000, faults: [{ method: 'C_Sign', action: 'hang', onceFile: join(work, 'hang.once') }] },
      timeouts: { sign: 3000 },
    });
    try {
      const first = (await client.status()).pid;
      const err = await client.sign({ pin: PIN, toBeSigned: toBeSigned(), facility }).catch((e: unknown) => e);
      expect(err).toMatchObject({
        code: 'SIGNER_HUNG',
        messageVi: 'Trình điều khiển token không phản hồi và đã được khởi động lại. Hãy đăng nhập lại',
        messageEn: 'The token driver stopped responding and was restarted: log in again',
      });
      expect(events).toContainEqual({ type: 'signer.hung', method: 'sign' });
      expect(client.loggedIn).toBe(false);
      const data = toBeSigned('after the hang');
      const r = await client.sign({ pin: PIN, toBeSigned: data, facility });
      expect(verifiesWithCertificate(r, data)).toBe(true);
      expect((await client.status()).pid).not.toBe(first);
    } finally {
      await client.close();
    }
  });

  it('a driver that kills its process mid-call: SIGNER_CRASHED, restarted, the next call works', async () => {
    const { client, events } = forkedClient(token, {
      faults: { faults: [{ method: 'C_Sign', action: 'exit', onceFile: join(work, 'exit.once') }] },
    });
    try {
      const err = await client.sign({ pin: PIN, toBeSigned: toBeSigned(), facility }).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'SIGNER_CRASHED', messageEn: 'The token driver crashed and was restarted: log in again' });
      expect(events).toContainEqual({ type: 'signer.crashed', code: 70, signal: null });
      const data = toBeSigned('after the crash');
      expect(verifiesWithCertificate(await client.sign({ pin: PIN, toBeSigned: data, facility }), data)).toBe(true);
    } finally {
      await client.close();
    }
  });

  it('reports hot-plug events from the host’s slot polling', async () => {
    const { client, waitFor } = forkedClient(token, {
      faults: { faults: [{ method: 'C_GetSlotList', afterCalls: 3, action: 'remove' }] },
      hostOptions: { pollIntervalMs: 100 },
    });
    try {
      await client.listTokens({ facility });
      const removed = await waitFor((e) => e.type === 'token.removed');
      expect(removed).toEqual({ type: 'token.removed', data: { serial: token.serial, label: token.label } });
    } finally {
      await client.close();
    }
  });
});
