// A ready record whose signed form the platform's schema refuses (stored by an older build that
// let a long phone through, or a facility code set before the settings rule) made the platform
// refuse the whole batch, every record in it, and "put back" signed it again into the next one
// (session 26). Signing now holds it back: draft, with a SIGNED_RECORD_INVALID finding naming the
// field, its length and the limit, audited; the rest of the batch is signed.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StationError } from '../../../shared/errors.js';
import { openStation } from '../../../electron/core/station.js';
import { systemStorePorts } from '../../../electron/core/store/ports.js';
import type { StationCore } from '../../../electron/core/station.js';
import { setSettingChecked } from '../../../electron/core/settingsRules.js';
import { softwareStations } from './softwareStation.js';

const stations = softwareStations();
/** 40 characters: what an older build stored from a cell of three numbers and a note. */
const OLD_PHONE = '0912345678/0987654321/0243812345/nhà';

function ready(station: StationCore): string[] {
  return station.store.listRecords({ state: 'ready', limit: 1000 }).items.map((i) => i.record.id);
}

/** The record's person given `phone` as an older build stored it: no rule of this one ran on it. */
function storedByOlderBuild(station: StationCore, id: string, phone: string): void {
  station.store.db.prepare('UPDATE people SET phone = ? WHERE id = (SELECT person_id FROM dose_records WHERE id = ?)').run(phone, id);
}

function recordsOfPerson(station: StationCore, id: string): string[] {
  return station.store.db.prepare(`SELECT id FROM dose_records WHERE person_id = (SELECT person_id FROM dose_records WHERE id = ?) AND state = 'ready'`).pluck().all(id) as string[];
}

describe('signing holds back a record the platform would refuse', () => {
  it('signs the rest, and the record held back is a draft saying which field, how long, and the limit', async () => {
    const { station } = stations.open(30, { seed: 26, prefix: 'station-held-back-' });
    const all = ready(station);
    const bad = all[7]!;
    storedByOlderBuild(station, bad, OLD_PHONE);
    const ofPerson = recordsOfPerson(station, bad);
    const result = await station.signing.sign({});
    expect(result.count).toBe(all.length - ofPerson.length);
    expect(result.heldBack.map((h) => [h.id, h.code, h.field]).sort()).toEqual(ofPerson.map((id) => [id, 'SIGNED_RECORD_INVALID', 'phone']).sort());
    const held = station.store.getRecord(bad);
    expect(held.record.state).toBe('draft');
    const finding = held.record.findings.find((f) => f.code === 'SIGNED_RECORD_INVALID')!;
    expect(finding).toMatchObject({ severity: 'error', field: 'phone' });
    expect(finding.message_vi).toContain(`dài ${OLD_PHONE.length} ký tự, quá 32`);
    expect(finding.message_en).toContain(`${OLD_PHONE.length} characters long, past the 32`);
    expect(held.history.at(-1)).toMatchObject({ action: 'record.unready', details: { from: 'ready', to: 'draft', heldBack: 'SIGNED_RECORD_INVALID', fields: ['phone'] } });
    expect(station.store.verifyAudit().ok).toBe(true);
    // Every record of the batch signed is one the platform's reader takes.
    const [batch] = station.signing.batches.list({ limit: 5, offset: 0 }).items;
    expect(batch!.count).toBe(result.count);
    for (const id of all.filter((id) => !ofPerson.includes(id))) expect(station.store.getRecord(id).record.state).toBe('signed');
    // Corrected, it validates and is signed in the next batch.
    const fixed = station.store.updateRecord(bad, { person: { phone: '0912345678' } }, { confirmWarnings: true });
    expect(fixed.record.state).toBe('ready');
    expect(fixed.findings.map((f) => f.code)).not.toContain('SIGNED_RECORD_INVALID');
    const again = await station.signing.sign({});
    expect(again.heldBack).toEqual([]);
    expect(station.store.getRecord(bad).record.state).toBe('signed');
  });

  it('chosen records: the held-back one is left out, the others signed; a facility code past 40 is said too', async () => {
    const { station } = stations.open(12, { seed: 27, prefix: 'station-held-back-' });
    const all = ready(station);
    const [a, b, c] = all;
    station.store.db.prepare('UPDATE dose_records SET facility_code = ? WHERE id = ?').run('F'.repeat(41), b);
    const result = await station.signing.sign({ recordIds: [a!, b!, c!] });
    expect(result.count).toBe(2);
    expect(result.heldBack).toMatchObject([{ id: b, code: 'SIGNED_RECORD_INVALID', field: 'facility' }]);
    expect(result.heldBack[0]!.message_en).toContain('facility code is 41 characters long, past the 40');
    expect(station.store.getRecord(a!).record.state).toBe('signed');
    expect(station.store.getRecord(b!).record.state).toBe('draft');
  });

  it('a record held back for its facility code stays a draft after an edit, until the setting is corrected', async () => {
    // An older build stored the setting past 40 (before the settings rule) and stamped records with it.
    const LONG = 'SO-Y-TE-TP-HO-CHI-MINH.TRUNG-TAM-Y-TE-QUAN-1';
    const { station } = stations.open(3, { seed: 31, prefix: 'station-held-back-' });
    const [a, b] = ready(station);
    station.store.db.prepare('UPDATE dose_records SET facility_code = ? WHERE id = ?').run(LONG, b);
    const first = await station.signing.sign({ recordIds: [a!, b!] });
    expect(first.heldBack.map((h) => [h.id, h.field])).toEqual([[b, 'facility']]);
    // Before session 27 any edit made it ready again, and each signing held it back again.
    const edited = station.store.updateRecord(b!, { dose: { lot: 'FF9999' } }, { confirmWarnings: true });
    expect(edited.record.state).toBe('draft');
    const finding = edited.findings.find((f) => f.code === 'FACILITY_CODE_TOO_LONG')!;
    expect(finding).toMatchObject({ severity: 'error', field: 'facility' });
    expect(finding.message_vi).toContain(`dài ${LONG.length} ký tự, quá 40`);
    expect(finding.message_en).toContain(`is ${LONG.length} characters long, past the 40`);
    expect(finding.message_en).toContain('Settings');
    // A new record under that setting is a draft with the error from the start.
    station.store.setSetting('facility.code', LONG);
    const created = station.store.createRecord({
      person: { idType: 'CCCD', idNumber: '079090001234', fullName: 'Nguyễn Văn An', dob: '1990-05-17', sex: 'M', nationality: 'VN', phone: null },
      dose: { vaccine: 'PFIZER', lot: 'FF1234', doseNumber: 1, vaccinationDate: '2021-08-15' },
    }, { source: 'form', confirmWarnings: true });
    expect(created.record.state).toBe('draft');
    expect(created.findings.map((f) => f.code)).toContain('FACILITY_CODE_TOO_LONG');
    // The setting is refused past 40 ...
    expect(() => setSettingChecked(station.store, 'facility.code', `${LONG}X`)).toThrow(expect.objectContaining({ code: 'SETTING_INVALID' }));
    // ... and once corrected, the records stamped with the old code follow it, validated again.
    setSettingChecked(station.store, 'facility.code', '79001');
    for (const id of [b!, created.record.id]) {
      const r = station.store.getRecord(id).record;
      expect([r.state, r.facilityCode, r.findings.map((f) => f.field)]).toEqual(['ready', '79001', []]);
    }
    const again = await station.signing.sign({});
    expect(again.heldBack).toEqual([]);
    expect(station.store.getRecord(b!).record.state).toBe('signed');
    expect(station.store.verifyAudit().ok).toBe(true);
  });

  it('records saved before the facility code was first set take it when it is set (an empty code is past no rule but the platform\'s)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'station-held-back-'));
    const station = openStation({ dataDir: dir, ports: systemStorePorts('user:clerk') });
    try {
      // A clinic that imports its list before it opens Settings: the records are stamped with no code.
      const saved = station.store.createRecord({
        person: { idType: 'CCCD', idNumber: '079090001234', fullName: 'Nguyễn Văn An', dob: '1990-05-17', sex: 'M', nationality: 'VN', phone: null },
        dose: { vaccine: 'PFIZER', lot: 'FF1234', doseNumber: 1, vaccinationDate: '2021-08-15' },
      }, { source: 'form', confirmWarnings: true });
      expect(saved.record.facilityCode).toBe('');
      setSettingChecked(station.store, 'facility.code', '79001');
      // Left empty, signing held it back at every run, and no edit could give it a code.
      expect(station.store.getRecord(saved.record.id).record).toMatchObject({ facilityCode: '79001', state: 'ready' });
      expect(station.store.listAudit({ limit: 50 }).map((e) => e.action)).toContain('records.facility');
    } finally {
      station.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('nothing left to sign: SIGN_NOTHING_READY says the records were held back and why', async () => {
    const { station } = stations.open(3, { seed: 28, prefix: 'station-held-back-' });
    for (const id of ready(station)) storedByOlderBuild(station, id, OLD_PHONE);
    const err = await station.signing.sign({}).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(StationError);
    expect((err as StationError).code).toBe('SIGN_NOTHING_READY');
    expect((err as StationError).messageEn).toMatch(/3 record\(s\) were put back to draft .* phone is 36 characters long/);
    expect(station.store.countByState()).toMatchObject({ draft: 3, signed: 0 });
    expect(station.signing.batches.list({ limit: 5, offset: 0 }).total).toBe(0);
  });

  it('several batches: a record held back in a later one does not shift what the next batches read', async () => {
    const { station } = stations.open(35, { seed: 30, prefix: 'station-held-back-' });
    const all = ready(station);
    const bad = [all[12]!, all[27]!];
    for (const id of bad) storedByOlderBuild(station, id, OLD_PHONE);
    const out = new Set(bad.flatMap((id) => recordsOfPerson(station, id)));
    const result = await station.signing.sign({ batchSize: 10 });
    expect(result.count).toBe(all.length - out.size);
    expect(result.batches.reduce((n, b) => n + b.count, 0)).toBe(result.count);
    expect(new Set(result.heldBack.map((h) => h.id))).toEqual(out);
    expect(station.store.countByState()).toMatchObject({ ready: 0, signed: result.count, draft: out.size });
  });

  it('a batch with no such record is signed as before, none held back', async () => {
    const { station } = stations.open(20, { seed: 29, prefix: 'station-held-back-' });
    const result = await station.signing.sign({});
    expect([result.count, result.heldBack]).toEqual([20, []]);
  });
});
