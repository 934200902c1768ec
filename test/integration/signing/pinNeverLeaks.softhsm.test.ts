// The PIN rules of DESIGN §5, checked end to end the way a page uses them (security probe,
// session 18): `sign.batch` over the browser host's WebSocket, the real forked signer host, a
// SoftHSM token behind OpenSC's pkcs11-spy (which records every PKCS#11 call the host makes).
// A wrong PIN costs exactly one C_Login, each action the user takes is one login, and neither the
// right PIN nor a wrong one is found in the logs, the replies and events, or the database files.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamLogger } from '../../../electron/core/logger.js';
import { openStation, type StationCore } from '../../../electron/core/station.js';
import { startBrowserHost, type BrowserHost } from '../../../electron/host/startBrowserHost.js';
import { generateRecords } from '../../fixtures/records.js';
import { TEST_FACILITY, createSoftHsmToken, type SoftHsmToken } from '../../fixtures/softhsm.js';

const SPY = '/usr/lib/x86_64-linux-gnu/pkcs11-spy.so';
const GOOD = '73915024';
const WRONG = '48261357';

let token: SoftHsmToken;
let dir: string;
let dataDir: string;
let core: StationCore;
let host: BrowserHost;
let socket: WebSocket;
const logLines: string[] = [];
const wire: string[] = [];
const replies = new Map<number, (reply: { ok: boolean; error?: { code: string } }) => void>();
let nextId = 1;

function call(method: string, params: unknown): Promise<{ ok: boolean; error?: { code: string } }> {
  return new Promise((done) => {
    const id = nextId++;
    replies.set(id, done);
    socket.send(JSON.stringify({ id, method, params }));
  });
}
const logins = () => (existsSync(join(dir, 'spy.log')) ? (readFileSync(join(dir, 'spy.log'), 'latin1').match(/C_Login/g)?.length ?? 0) : 0);
const env = { ...process.env };

describe.skipIf(!existsSync(SPY))('the PIN over the browser host (SoftHSM behind pkcs11-spy)', () => {
  beforeAll(async () => {
    token = await createSoftHsmToken({ pin: GOOD, keys: [{ type: 'EC' }] });
    dir = mkdtempSync(join(tmpdir(), 'station-pin-leak-'));
    dataDir = join(dir, 'data');
    // The forked signer host inherits these: the spy loads SoftHSM and logs each call to spy.log.
    Object.assign(process.env, token.env, { PKCS11SPY: token.modulePath, PKCS11SPY_OUTPUT: join(dir, 'spy.log') });
    const logger = streamLogger((line) => logLines.push(line), 'debug');
    core = openStation({ dataDir, logger });
    for (const [k, v] of [['facility.code', '79001'], ['facility.taxCode', TEST_FACILITY.taxCode], ['facility.name', TEST_FACILITY.name], ['pkcs11.module', SPY]] as const) core.store.setSetting(k, v);
    core.store.createRecords(generateRecords(5, { seed: 7, facilityCode: '79001' }), { source: 'import', confirmWarnings: true });
    host = await startBrowserHost({ dataDir, core, logger });
    socket = new WebSocket(`ws://127.0.0.1:${host.port}/rpc`, ['station.rpc.v1', `secret.${host.url.split('#secret=')[1]}`], { origin: host.origin });
    socket.on('message', (data) => {
      const text = data.toString();
      wire.push(text);
      const m = JSON.parse(text) as { id?: number; ok: boolean; error?: { code: string } };
      if (typeof m.id === 'number') replies.get(m.id)?.(m);
    });
    await new Promise((done) => socket.on('open', done));
  });
  afterAll(async () => {
    socket?.close();
    await host?.close();
    await core?.close();
    for (const k of ['PKCS11SPY', 'PKCS11SPY_OUTPUT', 'SOFTHSM2_CONF']) if (env[k] === undefined) delete process.env[k];
    token?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a wrong PIN is PIN_INCORRECT after exactly one C_Login, and again one for the next try', async () => {
    expect((await call('token.list', {})).ok).toBe(true);
    const before = logins();
    expect(await call('sign.batch', { pin: WRONG })).toMatchObject({ ok: false, error: { code: 'PIN_INCORRECT' } });
    expect(logins() - before).toBe(1);
    expect(await call('sign.batch', { pin: WRONG })).toMatchObject({ ok: false, error: { code: 'PIN_INCORRECT' } });
    expect(logins() - before).toBe(2);
  });

  it('the right PIN signs with one C_Login per action', async () => {
    const before = logins();
    expect((await call('sign.batch', { pin: GOOD, limit: 2 })).ok).toBe(true);
    expect((await call('sign.batch', { pin: GOOD })).ok).toBe(true);
    expect(logins() - before).toBe(2);
  });

  it('neither PIN is in the logs, the replies and events, or the database files (WAL included)', () => {
    const places: Record<string, string> = { logs: logLines.join('\n'), wire: wire.join('\n') };
    for (const f of readdirSync(dataDir)) if (f.startsWith('station.db')) places[f] = readFileSync(join(dataDir, f)).toString('latin1');
    expect(Object.keys(places)).toEqual(expect.arrayContaining(['station.db', 'station.db-wal']));
    // The search finds a PIN where one is: the spy's own record of C_Login carries it.
    expect(readFileSync(join(dir, 'spy.log'), 'latin1')).toContain(GOOD);
    for (const [place, text] of Object.entries(places)) {
      for (const pin of [GOOD, WRONG]) {
        const found = text.includes(pin) || text.includes(Buffer.from(pin, 'utf16le').toString('latin1'));
        expect({ place, pin, found }).toEqual({ place, pin, found: false });
      }
    }
  });
});
