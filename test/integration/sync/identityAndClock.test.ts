// Step 1 (DESIGN §1): people checked against the population database in the batch form, the
// status and when stored per person with an audit entry; offline is deferred, not failed.
// And the PC clock (DESIGN §6): a station clock off by more than five minutes is said in
// sync.status; nothing in the queue depends on it — a batch the platform thinks is dated in
// its future is kept and retried, never failed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSyncWorld, type SyncWorld } from './syncWorld.js';

describe('identity checks', () => {
  let w: SyncWorld;
  beforeAll(async () => {
    w = await openSyncWorld({ records: 12, seed: 31 });
  });
  afterAll(() => w.close());

  it('verifies, flags mismatches, reports not found, and stores status + time per person with an audit entry', async () => {
    const people = w.station.store.db.prepare('SELECT id, id_type AS idType, id_number AS idNumber, full_name AS fullName, dob, sex FROM people ORDER BY seq').all() as
      { id: string; idType: string; idNumber: string; fullName: string; dob: string; sex: string }[];
    expect(people.length).toBeGreaterThanOrEqual(3);
    const [same, renamed] = people;
    const population = [
      { idType: same!.idType, idNumber: same!.idNumber, fullName: same!.fullName, dob: same!.dob, sex: same!.sex },
      { idType: renamed!.idType, idNumber: renamed!.idNumber, fullName: 'Lê Thị Khác', dob: renamed!.dob, sex: renamed!.sex },
    ];
    const put = await fetch(`${w.platform.url}/v1/_sim/population`, {
      method: 'PUT', headers: { authorization: `Bearer ${w.platform.adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify(population),
    });
    expect(put.status).toBe(200);

    const r = await w.client.call('identity.verify', {});
    expect(r).toEqual({ checked: people.length, verified: 1, mismatch: 1, notFound: people.length - 2, deferred: false });
    expect(w.station.store.getPerson(same!.id)).toMatchObject({ identityStatus: 'verified' });
    expect(w.station.store.getPerson(renamed!.id)).toMatchObject({ identityStatus: 'mismatch' });
    expect(w.station.store.getPerson(people[2]!.id)).toMatchObject({ identityStatus: 'not_found' });
    expect(w.station.store.getPerson(same!.id)!.identityCheckedAt).not.toBeNull();
    const audit = w.station.store.listAudit({ limit: 100 }).filter((e) => e.action === 'person.identity');
    expect(audit).toHaveLength(people.length);
    expect(audit.find((e) => e.entityId === renamed!.id)!.details).toMatchObject({ status: 'mismatch', mismatches: 'fullName' });

    // Only the unverified are asked by default: nothing left now.
    expect(await w.client.call('identity.verify', {})).toMatchObject({ checked: 0, deferred: false });
    // A chosen person is asked again.
    expect(await w.client.call('identity.verify', { personIds: [same!.id] })).toMatchObject({ checked: 1, verified: 1 });
  });

  it('offline: deferred, nobody marked', async () => {
    const id = (w.station.store.db.prepare('SELECT id FROM people LIMIT 1').get() as { id: string }).id;
    w.station.store.db.prepare("UPDATE people SET identity_status = 'unverified' WHERE id = ?").run(id);
    w.station.store.setSetting('platform.url', 'http://127.0.0.1:9/');
    try {
      expect(await w.client.call('identity.verify', {})).toEqual({ checked: 0, verified: 0, mismatch: 0, notFound: 0, deferred: true });
      expect(w.station.store.getPerson(id)!.identityStatus).toBe('unverified');
    } finally {
      w.station.store.setSetting('platform.url', w.platform.url);
    }
  });
});

describe('a PC clock ten minutes ahead', () => {
  let w: SyncWorld;
  let platformShift = 0;
  const stationOffset = 10 * 60_000;
  beforeAll(async () => {
    w = await openSyncWorld({
      records: 6,
      seed: 32,
      ports: { actor: 'user:test', now: () => new Date(Date.now() + stationOffset), randomBytes: (n) => globalThis.crypto.getRandomValues(new Uint8Array(n)) },
      platform: { clock: () => new Date(Date.now() + platformShift) },
      sync: { maxInRunRetries: 0 },
    });
  });
  afterAll(() => w.close());

  it('is reported in sync.status; the batch it dated in the platform’s future is kept and retried, not failed', async () => {
    const batch = await w.sign();
    const r = await w.client.call('sync.run', {});
    expect(r.status.clockSkewSeconds).toBeGreaterThan(590);
    expect(r.status.clockWarning).toMatchObject({ code: 'CLOCK_SKEW' });
    expect(r.status.clockWarning!.message_en).toMatch(/10 minutes ahead/);
    expect(r.status.lastError?.code).toBe('BATCH_CREATED_IN_FUTURE');
    expect(w.station.signing.batches.get(batch)).toMatchObject({ state: 'signed', lastError: { code: 'BATCH_CREATED_IN_FUTURE' } });
    expect((await w.client.call('sync.status', {})).clockWarning?.code).toBe('CLOCK_SKEW');

    // Six minutes later at the platform the batch is no longer in its future: it goes through.
    platformShift = 6 * 60_000;
    const later = await w.client.call('sync.run', {});
    expect(later).toMatchObject({ uploadedBatches: 1, accepted: 6, status: { clockWarning: null, lastError: null } });
    expect(w.station.signing.batches.get(batch).state).toBe('submitted');
  });
});
