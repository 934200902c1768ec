// The core's SignerClient against a scripted host process: serialised calls, time limits,
// restart after a hang or a crash, replies validated against the shared protocol.
import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../../../electron/core/logger.js';
import { SignerClient, type SignerClientEvent } from '../../../electron/core/signer-client/signerClient.js';
import { FakeHost, status, type Request } from './fakeSignerHost.js';

const signResult = { signature: new Uint8Array(64), alg: -7, mechanism: 'CKM_ECDSA', certificateDer: new Uint8Array(3), certificateChain: [], certFingerprint: 'ab'.repeat(32), tokenSerial: 'S1' };

function setup(script: (req: Request, host: FakeHost) => void, timeouts = { default: 1000 }) {
  const hosts: FakeHost[] = [];
  const events: SignerClientEvent[] = [];
  const logger = memoryLogger();
  const client = new SignerClient({
    spawn: () => {
      const h = new FakeHost(script);
      hosts.push(h);
      return h;
    },
    logger,
    timeouts,
  });
  client.on((e) => events.push(e));
  return { client, hosts, events, logger };
}

describe('SignerClient', () => {
  it('starts the host on first use, waits for it to be ready, and sends one call at a time in order', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const { client, hosts } = setup((req, host) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setTimeout(() => {
        inFlight--;
        host.reply(req, status(host.pid));
      }, 5);
    });
    expect(hosts).toHaveLength(0);
    const results = await Promise.all([client.status(), client.status(), client.status()]);
    expect(results.map((r) => r.pid)).toEqual([hosts[0]!.pid, hosts[0]!.pid, hosts[0]!.pid]);
    expect(maxInFlight).toBe(1);
    expect(hosts[0]!.received.map((r) => r.id)).toEqual([1, 2, 3]);
  });

  it('a call that blocks past its limit: SIGNER_HUNG, host killed and restarted, logged out, next call works', async () => {
    const { client, hosts, events } = setup((req, host) => {
      if (req.method === 'sign' && host === hosts[0]) return; // never answers
      host.reply(req, req.method === 'sign' ? signResult : status(host.pid));
    });
    const err = await client.sign({ pin: '123456', toBeSigned: new Uint8Array([1]) }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'SIGNER_HUNG', messageEn: expect.stringContaining('stopped responding'), messageVi: expect.stringContaining('không phản hồi') });
    expect(hosts[0]!.killed).toBe(true);
    expect(events).toContainEqual({ type: 'signer.hung', method: 'sign' });
    expect(hosts).toHaveLength(2);
    expect((await client.status()).pid).toBe(hosts[1]!.pid);
    expect(client.loggedIn).toBe(false);
  });

  it('a host that exits mid-call: SIGNER_CRASHED, restarted, and a logged-in session is reported ended', async () => {
    const { client, hosts, events } = setup((req, host) => {
      if (req.method === 'sign' && host === hosts[0] && host.received.filter((r) => r.method === 'sign').length === 2) host.die(70);
      else host.reply(req, req.method === 'sign' ? signResult : status(host.pid));
    });
    await client.sign({ pin: '123456', toBeSigned: new Uint8Array([1]) });
    expect(client.loggedIn).toBe(true);
    const err = await client.sign({ toBeSigned: new Uint8Array([2]) }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'SIGNER_CRASHED', messageEn: expect.stringContaining('crashed and was restarted') });
    expect(events).toContainEqual({ type: 'signer.crashed', code: 70, signal: null });
    expect(events).toContainEqual({ type: 'session.ended', data: { tokenSerial: null, reason: 'SIGNER_CRASHED' } });
    expect(client.loggedIn).toBe(false);
    expect((await client.status()).pid).toBe(hosts[1]!.pid);
  });

  it('passes the host’s coded errors through with both messages', async () => {
    const { client } = setup((req, host) =>
      host.push({ id: req.id, ok: false, error: { code: 'TOKEN_LOCKED', message: 'vi / en', message_vi: 'Token đã bị khóa PIN', message_en: 'The token PIN is locked' } }),
    );
    await expect(client.sign({ pin: '1234', toBeSigned: new Uint8Array([1]) })).rejects.toMatchObject({
      code: 'TOKEN_LOCKED',
      messageVi: 'Token đã bị khóa PIN',
      messageEn: 'The token PIN is locked',
    });
  });

  it('refuses a reply that does not match the protocol', async () => {
    const { client } = setup((req, host) => host.reply(req, { signature: 'not bytes' }));
    await expect(client.sign({ pin: '1234', toBeSigned: new Uint8Array([1]) })).rejects.toMatchObject({ code: 'SIGNER_BAD_REPLY' });
  });

  it('forwards host events and host log lines; never logs the PIN it sends', async () => {
    const { client, events, logger, hosts } = setup((req, host) => {
      host.writeLog(JSON.stringify({ level: 'info', message: 'signer call', method: req.method }));
      host.push({ event: 'token.removed', data: { serial: 'S1', label: 'Token' } });
      host.reply(req, signResult);
    });
    await client.sign({ pin: 'PIN-31337', toBeSigned: new Uint8Array([1]) });
    expect(hosts[0]!.received[0]!.params.pin).toBe('PIN-31337');
    expect(events).toContainEqual({ type: 'token.removed', data: { serial: 'S1', label: 'Token' } });
    expect(logger.lines).toContainEqual({ level: 'info', message: 'signer host: signer call', fields: { method: 'sign' } });
    expect(JSON.stringify(logger.lines)).not.toContain('PIN-31337');
  });

  it('reports SIGNER_UNAVAILABLE when the host never says it is ready', async () => {
    const client = new SignerClient({
      spawn: () => {
        const h = new FakeHost(() => undefined);
        h.push = () => undefined; // swallows host.ready too
        return h;
      },
      timeouts: { ready: 100 },
    });
    await expect(client.status()).rejects.toMatchObject({ code: 'SIGNER_UNAVAILABLE' });
  });

  it('close() asks the host to shut down and refuses later calls', async () => {
    const { client, hosts } = setup((req, host) => {
      host.reply(req, req.method === 'host.shutdown' ? { ok: true } : status(host.pid));
      if (req.method === 'host.shutdown') setImmediate(() => host.die(0));
    });
    await client.status();
    await client.close();
    expect(hosts[0]!.received.map((r) => r.method)).toEqual(['status', 'host.shutdown']);
    expect(hosts).toHaveLength(1); // a clean exit is not a crash: no restart
    await expect(client.status()).rejects.toMatchObject({ code: 'SIGNER_UNAVAILABLE' });
  });
});
