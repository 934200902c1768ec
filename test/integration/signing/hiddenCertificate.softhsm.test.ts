// Tokens that keep their certificate private (CKA_PRIVATE) until login: the listing made before the
// PIN shows no certificate, so the station logs in once with the PIN, lists the token on that
// login, checks the certificate found and signs the first batch on the same login (one C_Login).
// Real SoftHSM2 tokens; the host runs in process through the fault port only to count calls.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { StationError, type ErrorInfo } from '../../../shared/errors.js';
import type { SignerMethod, SignerParams, SignerResult } from '../../../shared/signer/index.js';
import type { TokenSigner } from '../../../electron/core/signing/signingPorts.js';
import { openStation, type StationCore } from '../../../electron/core/station.js';
import { systemStorePorts } from '../../../electron/core/store/ports.js';
import { generateRecords } from '../../fixtures/records.js';
import { TEST_FACILITY, createSoftHsmToken, type SoftHsmToken } from '../../fixtures/softhsm.js';
import { startInProcessHost, toBeSigned, verifiesWithCertificate, type HostHarness } from '../signer/inProcessHost.js';

let hidden: SoftHsmToken;
let hiddenOther: SoftHsmToken;
let shown: SoftHsmToken;
beforeAll(async () => {
  // One after another: SoftHSM is initialised once per process at a time.
  hidden = await createSoftHsmToken({ label: 'Hidden cert token', keys: [{ type: 'EC', certificate: { private: true } }] });
  hiddenOther = await createSoftHsmToken({ label: 'Hidden other facility', keys: [{ type: 'EC', certificate: { private: true, variant: 'otherFacility' } }] });
  shown = await createSoftHsmToken({ label: 'Shown other facility', keys: [{ type: 'EC', certificate: { variant: 'otherFacility' } }] });
});
afterAll(() => {
  for (const t of [hidden, hiddenOther, shown]) t?.cleanup();
});

const open: { host?: HostHarness; station?: StationCore; dir?: string }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) {
    await o.station?.close();
    o.host?.close();
    if (o.dir) rmSync(o.dir, { recursive: true, force: true });
  }
});

const fingerprintOf = (t: SoftHsmToken) => createHash('sha256').update(t.keys[0]!.certificate!.der).digest('hex');
const logins = (h: HostHarness) => h.calls.filter((c) => c.method === 'C_Login').length;

function hostFor(token: SoftHsmToken): HostHarness {
  const host = startInProcessHost(token, { faults: {} });
  open.push({ host });
  return host;
}

/** The core's signer port over the in-process host, failures as the StationErrors the client throws. */
function portOf(h: HostHarness): TokenSigner {
  let id = 1;
  const call = async <K extends SignerMethod>(method: K, params: SignerParams<K>): Promise<SignerResult<K>> => {
    const reply = await h.host.handle({ id: id++, method, params });
    if (reply.ok) return reply.result as SignerResult<K>;
    const e = reply.error as ErrorInfo;
    throw new StationError(e.code, e.message_vi, e.message_en, e.details);
  };
  return { listTokens: (p) => call('tokens.list', p ?? {}), sign: (p) => call('sign', p), logIn: (p) => call('session.login', p) };
}

function stationWith(token: SoftHsmToken, records: number, wrap: (port: TokenSigner) => TokenSigner = (p) => p): { station: StationCore; host: HostHarness } {
  const host = startInProcessHost(token, { faults: {} });
  const dir = mkdtempSync(join(tmpdir(), 'station-hidden-cert-'));
  const station = openStation({ dataDir: dir, ports: systemStorePorts('user:signer'), signing: { signer: wrap(portOf(host)) } });
  open.push({ host, station, dir });
  station.store.setSetting('facility.code', '79001');
  station.store.setSetting('facility.taxCode', TEST_FACILITY.taxCode);
  station.store.setSetting('facility.name', TEST_FACILITY.name);
  const created = station.store.createRecords(generateRecords(records, { seed: 5, facilityCode: '79001' }), { source: 'import', confirmWarnings: true });
  expect(created.created).toBe(records);
  return { station, host };
}

async function refusal(p: Promise<unknown>): Promise<StationError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(StationError);
  return e as StationError;
}

describe('the signer host with a certificate hidden until login', () => {
  it('lists no certificate before login and says why, then the certificate on session.login', async () => {
    const h = hostFor(hidden);
    const before = await h.ok('tokens.list', { facility: TEST_FACILITY });
    expect(before.tokens).toHaveLength(1);
    expect(before.tokens[0]).toMatchObject({ loggedIn: false, certificates: [] });
    expect(before.tokens[0]!.warnings.map((w) => w.code)).toContain('CERT_AFTER_LOGIN');
    expect(logins(h)).toBe(0);

    const { token } = await h.ok('session.login', { tokenSerial: hidden.serial, pin: hidden.pin, facility: TEST_FACILITY });
    expect(token.loggedIn).toBe(true);
    expect(token.certificates.map((c) => [c.fingerprint, c.usable, c.hasPrivateKey])).toEqual([[fingerprintOf(hidden), true, true]]);
    expect(token.warnings.map((w) => w.code)).not.toContain('CERT_AFTER_LOGIN');
    expect(logins(h)).toBe(1);

    // The next signature without a PIN is made on that login.
    const signed = await h.ok('sign', { tokenSerial: hidden.serial, certFingerprint: fingerprintOf(hidden), facility: TEST_FACILITY, toBeSigned: toBeSigned('after login') });
    expect(verifiesWithCertificate(signed, toBeSigned('after login'))).toBe(true);
    expect(logins(h)).toBe(1);
  });

  it('a wrong PIN on session.login is one C_Login and PIN_INCORRECT; nothing stays logged in', async () => {
    const h = hostFor(hidden);
    await h.ok('tokens.list', {});
    const e = await h.fail('session.login', { tokenSerial: hidden.serial, pin: '000000' });
    expect(e.code).toBe('PIN_INCORRECT');
    expect(logins(h)).toBe(1);
    expect((await h.ok('status', {})).session).toBeNull();
    // The PIN never reaches the log.
    expect(JSON.stringify(h.logger.lines)).not.toContain('000000');
  });
});

describe('signing with a certificate hidden until login', () => {
  it('logs in once, finds the certificate and signs the first batch on that login', async () => {
    const { station, host } = stationWith(hidden, 6);
    const listed = await station.signing.listTokens();
    expect(listed.tokens[0]).toMatchObject({ certificates: [], certificatesAfterLogin: true });
    const result = await station.signing.sign({ pin: hidden.pin });
    expect(result).toMatchObject({ count: 6, certFingerprint: fingerprintOf(hidden) });
    expect(logins(host)).toBe(1);
    expect(station.store.countByState()).toMatchObject({ ready: 0, signed: 6 });
    // Now logged in, the screen's listing shows the certificate.
    const after = await station.signing.listTokens();
    expect(after.tokens[0]).toMatchObject({ certificatesAfterLogin: false, certificates: [{ fingerprint: fingerprintOf(hidden), usable: true }] });
  });

  it('several batches: the first on the listing’s login, each later one logs in with the PIN as usual', async () => {
    const { station, host } = stationWith(hidden, 5);
    const result = await station.signing.sign({ pin: hidden.pin, batchSize: 2 });
    expect(result.batches.map((b) => b.count)).toEqual([2, 2, 1]);
    expect(logins(host)).toBe(3);
  });

  it('takes a certificate chosen by a fingerprint it cannot see before login (a prefix, as copied)', async () => {
    const { station, host } = stationWith(hidden, 2);
    const copied = fingerprintOf(hidden).slice(0, 12).toUpperCase().replace(/(..)(?!$)/g, '$1:');
    const result = await station.signing.sign({ pin: hidden.pin, tokenSerial: hidden.serial, certFingerprint: copied });
    expect(result.certFingerprint).toBe(fingerprintOf(hidden));
    expect(logins(host)).toBe(1);
  });

  it('a hidden certificate of another facility is refused after the login, naming why; nothing is signed', async () => {
    const { station, host } = stationWith(hiddenOther, 3);
    const e = await refusal(station.signing.sign({ pin: hiddenOther.pin }));
    expect(e.code).toBe('SIGN_NO_USABLE_CERTIFICATE');
    expect((e.details as { problems: { code: string }[] }).problems.map((p) => p.code)).toContain('CERT_OTHER_FACILITY');
    expect(logins(host)).toBe(1);
    expect(station.store.countByState()).toMatchObject({ ready: 3, signed: 0 });
  });

  it('a wrong PIN is PIN_INCORRECT after one C_Login, and every record stays ready', async () => {
    const { station, host } = stationWith(hidden, 3);
    const e = await refusal(station.signing.sign({ pin: '999999' }));
    expect(e.code).toBe('PIN_INCORRECT');
    expect(logins(host)).toBe(1);
    expect(station.store.countByState()).toMatchObject({ ready: 3, signed: 0 });
  });

  it('a token that shows only unusable certificates is still refused before any PIN is sent', async () => {
    const { station, host } = stationWith(shown, 2);
    const e = await refusal(station.signing.sign({ pin: shown.pin }));
    expect(e.code).toBe('SIGN_NO_USABLE_CERTIFICATE');
    expect(logins(host)).toBe(0);
    const listed = await station.signing.listTokens();
    expect(listed.tokens[0]!.certificatesAfterLogin).toBe(false);
  });

  it('beside another token showing only another facility’s certificate, the token hiding its own is the one used', async () => {
    // A second token in the listing (SoftHSM serves one token folder per process here): it shows
    // a certificate of another facility and cannot sign; the hidden certificate can.
    const other = (await portOf(hostFor(shown)).listTokens({ facility: TEST_FACILITY })).tokens[0]!;
    open.pop()!.host!.close();
    expect(other.certificates[0]).toMatchObject({ usable: false });
    const withOther = (p: TokenSigner): TokenSigner => ({ ...p, listTokens: async (q) => {
      const listed = await p.listTokens(q);
      return { ...listed, tokens: [{ ...other, serial: 'OTHER-TOKEN' }, ...listed.tokens] };
    } });
    const { station, host } = stationWith(hidden, 2, withOther);
    const result = await station.signing.sign({ pin: hidden.pin });
    expect(result.certFingerprint).toBe(fingerprintOf(hidden));
    expect(logins(host)).toBe(1);
  });

  it('a PIN longer than PKCS#11 takes is PIN_LENGTH before the token is asked anything', async () => {
    const { station, host } = stationWith(hidden, 1);
    const e = await refusal(station.signing.sign({ pin: '1'.repeat(256) }));
    expect(e.code).toBe('PIN_LENGTH');
    expect(e.messageEn).toContain('255');
    expect(host.calls).toEqual([]);
  });

  it('a fingerprint that is not hex, or too short to choose, is refused in both languages', async () => {
    const { station, host } = stationWith(hidden, 1);
    for (const bad of ['abc', 'not-a-fingerprint', 'g'.repeat(64)]) {
      const e = await refusal(station.signing.sign({ pin: hidden.pin, certFingerprint: bad }));
      expect(e.code).toBe('SIGN_CERT_FINGERPRINT_INVALID');
      expect(e.messageVi).not.toBe(e.messageEn);
    }
    expect(logins(host)).toBe(0);
  });
});
