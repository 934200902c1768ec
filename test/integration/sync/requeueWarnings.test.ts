// A confirm covers the warnings a clerk saw, not the rows that had none, and not warnings found
// later. An import confirmed with "import the rows with warnings too" stores the confirm only on
// the rows that had a warning; a refused batch put back in the queue keeps a record's confirm for
// the warnings it had, and a warning found since (here: a look-alike person entered after the
// signature) makes the correction a draft for a clerk to see, not a ready record signed unseen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordInput } from '../../../electron/core/store/storeTypes.js';
import { generateRecords } from '../../fixtures/records.js';
import { createFacilityCert } from '../platform/facilityFixture.js';
import { softwareSigner } from './softwareSigner.js';
import { FACILITY, openSyncWorld, type SyncWorld } from './syncWorld.js';

const DAY = 86400_000;
const SHORT_LOT = 'A1';

describe('warnings confirmed on an import, and a refused batch put back', () => {
  let w: SyncWorld;
  const ids = { clean: '', warned: '', warnedThenMore: '', cleanThenWarned: '' };
  let people: RecordInput[];

  beforeAll(async () => {
    w = await openSyncWorld({ seed: 31 });
    // The first dose of eight people with a phone (the look-alike rule compares it).
    const firsts = new Map<string, RecordInput>();
    for (const r of generateRecords(200, { seed: 31, facilityCode: FACILITY.code })) {
      if (r.dose.doseNumber === 1 && r.person.phone && !firsts.has(r.person.idNumber!)) firsts.set(r.person.idNumber!, { person: { ...r.person }, dose: { ...r.dose } });
    }
    people = [...firsts.values()].slice(0, 8);
    expect(people).toHaveLength(8);
    const rows: RecordInput[] = [
      people[0]!,
      { ...people[1]!, dose: { ...people[1]!.dose, lot: SHORT_LOT } },
      { ...people[2]!, dose: { ...people[2]!.dose, lot: SHORT_LOT } },
      people[3]!,
    ];
    const made = w.station.store.createRecords(rows, { source: 'import', confirmWarnings: true });
    expect(made.created).toBe(4);
    const [clean, warned, warnedThenMore, cleanThenWarned] = made.outcomes.map((o) => (o.outcome === 'created' ? o.id : ''));
    Object.assign(ids, { clean, warned, warnedThenMore, cleanThenWarned });
  });
  afterAll(() => w.close());

  it('stores the confirm only on the imported rows that had a warning', () => {
    const stored = (id: string) => w.station.store.getRecord(id);
    expect(stored(ids.clean)).toMatchObject({ record: { state: 'ready' }, findings: [], warningsConfirmed: false });
    expect(stored(ids.cleanThenWarned)).toMatchObject({ record: { state: 'ready' }, warningsConfirmed: false });
    expect(stored(ids.warned)).toMatchObject({ record: { state: 'ready' }, findings: [expect.objectContaining({ code: 'LOT_TOO_SHORT' })], warningsConfirmed: true });
    // The form's single create follows the same rule.
    const one = w.station.store.createRecord({ ...people[4]!, dose: { ...people[4]!.dose } }, { source: 'form', confirmWarnings: true });
    expect(stored(one.record.id)).toMatchObject({ record: { state: 'ready' }, findings: [], warningsConfirmed: false });
  });

  it('a correction put back after a refusal keeps the warnings confirmed before; a new one waits for a clerk', async () => {
    const expired = softwareSigner(
      await createFacilityCert(w.pki.ca, FACILITY.taxCode, { notBefore: new Date(Date.now() - 400 * DAY), notAfter: new Date(Date.now() - 60 * DAY) }),
    );
    const refused = await w.sign(4, expired);
    expect(await w.client.call('sync.run', {})).toMatchObject({ rejected: 4 });
    // After the signature: a person with another id number but the same name, birth date and
    // phone as two of the signed people (DUPLICATE_PERSON_LIKELY when their records are checked).
    for (const [i, look] of [[2, 5], [3, 6]] as const) {
      const p = people[i]!.person;
      const alike = w.station.store.createRecord(
        { person: { ...people[look]!.person, fullName: p.fullName, familyName: p.familyName, givenName: p.givenName, dob: p.dob, phone: p.phone }, dose: { ...people[look]!.dose } },
        { source: 'form', confirmWarnings: true },
      );
      expect(alike.findings.map((f) => f.code)).toContain('DUPLICATE_PERSON_LIKELY');
    }

    const r = await w.client.call('batches.requeue', { id: refused });
    expect(r).toMatchObject({ requeued: 4, ready: 2 });
    const stored = (id: string) => w.station.store.getRecord(w.station.store.db.prepare('SELECT id FROM dose_records WHERE supersedes = ?').pluck().get(id) as string);
    const next = (id: string) => stored(id).record;
    expect(stored(ids.clean)).toMatchObject({ record: { state: 'ready' }, warningsConfirmed: false });
    expect(stored(ids.warned)).toMatchObject({ record: { state: 'ready' }, warningsConfirmed: true });
    const codes = (id: string) => next(id).findings.map((f) => f.code).sort();
    expect(next(ids.warnedThenMore).state).toBe('draft');
    expect(codes(ids.warnedThenMore)).toEqual(['DUPLICATE_PERSON_LIKELY', 'LOT_TOO_SHORT']);
    expect(next(ids.cleanThenWarned).state).toBe('draft');
    expect(codes(ids.cleanThenWarned)).toEqual(['DUPLICATE_PERSON_LIKELY']);
    expect(w.station.store.verifyAudit().ok).toBe(true);
  });
});
