import { readFileSync } from 'node:fs';
import path from 'node:path';
import base45 from 'base45';
import { decode } from 'cbor-x';
import { inflate } from 'pako';
import { describe, expect, it } from 'vitest';
import { issuedInfo } from '../../../electron/core/sync/certificateViews.js';
import { certificateFields } from '../../../shared/domain/certificateFields.js';
import { DCC_ISSUER, buildVaccinationPayload, latestDose, type DccPayload } from '../../../shared/domain/dccPayload.js';
import { splitName, transliterate } from '../../../shared/domain/names.js';
import type { DoseRecord, Person } from '../../../shared/domain/types.js';
import { checkUvci, makeUvci } from '../../../shared/domain/uvci.js';
import { LEGACY_VP_CODES } from '../../../shared/domain/vaccines.js';
import { StationError } from '../../../shared/errors.js';

const testdata = path.resolve(import.meta.dirname, '../../..', '../shared/testdata');

const person: Person = {
  id: 'p-1', idType: 'CCCD', idNumber: '001090012345', fullName: 'Nguyễn Văn An', familyName: 'Nguyễn', givenName: 'Văn An',
  fnt: 'NGUYEN', gnt: 'VAN<AN', dob: '1990-05-17', sex: 'M', nationality: 'VN', phone: '0912345678',
  identityStatus: 'verified', identityCheckedAt: '2022-01-01T00:00:00Z',
};

function doseRecord(id: string, vaccine: string, doseNumber: number, vaccinationDate: string, state: DoseRecord['state'] = 'ready'): DoseRecord {
  return {
    id, personId: 'p-1', vaccine, lot: 'ABV5300', doseNumber, vaccinationDate, facilityCode: '79001', createdAt: '2022-01-01T00:00:00Z',
    updatedAt: '2022-01-01T00:00:00Z', state, findings: [], supersedes: null, supersedeReason: null,
  };
}

const az1 = doseRecord('r-1', 'ASTRAZENECA', 1, '2021-07-15');
const az2 = doseRecord('r-2', 'ASTRAZENECA', 2, '2021-08-20');
const uvci = makeUvci('0190A3D4F2C47E5B8A6D');

describe('buildVaccinationPayload (DCC 1.3.0)', () => {
  it('builds the EU payload of the latest dose', () => {
    const payload = buildVaccinationPayload(person, az2, [az1, az2], uvci);
    expect(payload).toEqual<DccPayload>({
      ver: '1.3.0',
      nam: { fn: 'Nguyễn', fnt: 'NGUYEN', gn: 'Văn An', gnt: 'VAN<AN' },
      dob: '1990-05-17',
      v: [{
        tg: '840539006', vp: '29061000087103', mp: 'EU/1/21/1529', ma: 'ORG-100001699', dn: 2, sd: 2, dt: '2021-08-20', co: 'VN',
        is: 'Ministry of Health of Viet Nam', ci: uvci,
      }],
    });
    expect(payload).not.toHaveProperty('nationality');
  });

  it('Vero Cell is issued as Sinopharm Beijing', () => {
    const v = [doseRecord('r-1', 'VERO_CELL', 1, '2021-07-15'), doseRecord('r-2', 'VERO_CELL', 2, '2021-08-20')];
    const [entry] = buildVaccinationPayload(person, v[1]!, v, uvci).v;
    expect([entry.mp, entry.ma, entry.vp]).toEqual(['BBIBP-CorV', 'ORG-100020693', '1157024006']);
  });

  it('boosters are n/n, Janssen 1/1, mixed schedules complete', () => {
    const booster = doseRecord('r-3', 'PFIZER', 3, '2022-01-10');
    expect(buildVaccinationPayload(person, booster, [az1, az2, booster], uvci).v[0]).toMatchObject({ dn: 3, sd: 3, mp: 'EU/1/20/1528' });
    const j = doseRecord('r-9', 'JANSSEN', 1, '2021-09-01');
    expect(buildVaccinationPayload(person, j, [j], uvci).v[0]).toMatchObject({ dn: 1, sd: 1 });
    const pf2 = doseRecord('r-4', 'PFIZER', 2, '2021-08-20');
    expect(buildVaccinationPayload(person, pf2, [az1, pf2], uvci).v[0]).toMatchObject({ dn: 2, sd: 2, ma: 'ORG-100030215' });
  });

  it('derives the split and transliteration when the person has none', () => {
    const bare = { ...person, familyName: '', givenName: '', fnt: '', gnt: '', fullName: 'Đặng Thị Ngọc Hân' };
    expect(buildVaccinationPayload(bare, az2, [az1, az2], uvci).nam).toEqual({ fn: 'Đặng', fnt: 'DANG', gn: 'Thị Ngọc Hân', gnt: 'THI<NGOC<HAN' });
  });

  it('leaves gn/gnt out for a one-word name', () => {
    const mono = { ...person, fullName: 'Phương', familyName: '', givenName: '', fnt: '', gnt: '' };
    expect(buildVaccinationPayload(mono, az2, [az1, az2], uvci).nam).toEqual({ fn: 'Phương', fnt: 'PHUONG' });
  });

  it('superseded doses do not count', () => {
    const corrected = doseRecord('r-2b', 'ASTRAZENECA', 2, '2021-08-21');
    const payload = buildVaccinationPayload(person, corrected, [az1, { ...az2, state: 'superseded', vaccinationDate: '2021-09-30' }, corrected], uvci);
    expect(payload.v[0].dt).toBe('2021-08-21');
  });

  it.each<[string, () => unknown, string]>([
    ['primary series incomplete', () => buildVaccinationPayload(person, az1, [az1], uvci), 'DCC_NOT_ELIGIBLE'],
    ['not the latest dose', () => buildVaccinationPayload(person, az1, [az1, az2], uvci), 'DCC_NOT_LATEST_DOSE'],
    ['unknown vaccine', () => buildVaccinationPayload(person, { ...az2, vaccine: 'SINOVAC' }, [az1], uvci), 'VACCINE_UNKNOWN'],
    ['bad UVCI', () => buildVaccinationPayload(person, az2, [az1, az2], `${uvci.slice(0, -1)}${uvci.endsWith('A') ? 'B' : 'A'}`), 'UVCI_CHECKSUM_MISMATCH'],
  ])('refuses: %s', (_name, build, code) => {
    try {
      build();
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(StationError);
      expect((e as StationError).code).toBe(code);
    }
  });
});

describe('the Vietnamese production sample agrees with our rules', () => {
  const hc1 = readFileSync(path.join(testdata, 'dcc/vn/VAC_VN.hc1.txt'), 'utf8').trim();
  const cose = decode(inflate(base45.decode(hc1.slice(4)))) as { value: Uint8Array[] };
  const claims = decode(cose.value[2]!) as Record<string, Record<string, DccPayload>>;
  const sample = claims['-260']!['1']!;

  it('its names are our split and transliteration', () => {
    const full = `${sample.nam.fn} ${sample.nam.gn}`;
    expect(splitName(full)).toEqual({ familyName: sample.nam.fn, givenName: sample.nam.gn });
    expect(transliterate(sample.nam.fn!)).toBe(sample.nam.fnt);
    expect(transliterate(sample.nam.gn!)).toBe(sample.nam.gnt);
  });

  it('its UVCI is valid without a checksum and its vp is a legacy code we accept', () => {
    expect(checkUvci(sample.v[0].ci)).toEqual({ valid: true, code: 'UVCI_NO_CHECKSUM' });
    expect(LEGACY_VP_CODES).toContain(sample.v[0].vp);
  });

  it('our payload for the same person and dose matches it except issuer, codes we correct, and ci', () => {
    const p = { ...person, fullName: 'Nguyễn Bảo Duy', familyName: '', givenName: '', fnt: '', gnt: '', dob: sample.dob };
    const d1 = doseRecord('r-1', 'ASTRAZENECA', 1, '2021-02-18');
    const d2 = doseRecord('r-2', 'ASTRAZENECA', 2, sample.v[0].dt);
    const ours = buildVaccinationPayload(p, d2, [d1, d2], sample.v[0].ci);
    expect(ours.ver).toBe(sample.ver);
    expect(ours.nam).toEqual(sample.nam);
    expect(ours.dob).toBe(sample.dob);
    const { vp, ma, is, ...rest } = sample.v[0];
    expect(ours.v[0]).toMatchObject(rest);
    // The sample pairs mp AstraZeneca with ma BioNTech and a legacy vp: we issue the catalog's.
    expect([ours.v[0].vp, ours.v[0].ma, ours.v[0].is]).toEqual(['29061000087103', 'ORG-100001699', DCC_ISSUER]);
    expect([vp, ma, is]).not.toEqual([ours.v[0].vp, ours.v[0].ma, ours.v[0].is]);
  });
});

describe('certificateFields: the 11 fields of DESIGN §3', () => {
  it('lists exactly 11 fields in order, bilingual, dates dd/mm/yyyy', () => {
    const fields = certificateFields(person, [az1, az2], { uvci });
    expect(fields.map((f) => f.key)).toEqual([
      'fullName', 'dateOfBirth', 'nationality', 'disease', 'dosesReceived', 'vaccinationDate', 'doseNumber', 'vaccine', 'product',
      'manufacturer', 'certificateId',
    ]);
    for (const f of fields) {
      expect(f.labelVi.length).toBeGreaterThan(0);
      expect(f.labelEn.length).toBeGreaterThan(0);
      expect(f.labelVi).not.toBe(f.labelEn);
    }
    const value = Object.fromEntries(fields.map((f) => [f.key, f.value]));
    expect(value).toEqual({
      fullName: 'Nguyễn Văn An', dateOfBirth: '17/05/1990', nationality: 'Việt Nam', disease: 'COVID-19', dosesReceived: '2',
      vaccinationDate: '20/08/2021', doseNumber: '2/2', vaccine: 'Vắc xin COVID-19 véc-tơ virus không sao chép', product: 'Vaxzevria',
      manufacturer: 'AstraZeneca AB', certificateId: uvci,
    });
    const byKey = Object.fromEntries(fields.map((f) => [f.key, f]));
    expect(byKey.fullName?.detail).toBe('NGUYEN<<VAN<AN');
    expect(byKey.nationality?.valueEn).toBe('Viet Nam');
    expect(byKey.vaccine?.valueEn).toBe('COVID-19 non-replicating viral vector vaccine');
    expect(byKey.vaccine?.detail).toBe('29061000087103');
    expect(byKey.product?.detail).toBe('EU/1/21/1529');
  });

  it('before issuance the certificate id says so in both languages', () => {
    const id = certificateFields(person, [az1, az2]).at(-1);
    expect([id?.value, id?.valueEn]).toEqual(['Chưa cấp', 'Not issued yet']);
  });

  it('a partial date of birth shows as it is known', () => {
    expect(certificateFields({ ...person, dob: '1990-05' }, [az2])[1]?.value).toBe('05/1990');
    expect(certificateFields({ ...person, dob: '1990' }, [az2])[1]?.value).toBe('1990');
  });

  it('boosters show n/n; the latest live dose is the one shown', () => {
    const booster = doseRecord('r-3', 'MODERNA', 3, '2022-01-10');
    const stale = doseRecord('r-4', 'PFIZER', 4, '2022-05-01', 'superseded');
    const fields = certificateFields(person, [az1, az2, booster, stale]);
    const value = Object.fromEntries(fields.map((f) => [f.key, f.value]));
    expect([value.doseNumber, value.vaccinationDate, value.product, value.manufacturer]).toEqual(['3/3', '10/01/2022', 'Spikevax', 'Moderna Biotech Spain S.L.']);
  });

  it('once issued, the DCC payload is the source of what is shown', () => {
    const sampleLike = {
      tg: '840539006', vp: 'J07BX03', mp: 'EU/1/21/1529', ma: 'ORG-100030215', dn: 2, sd: 2, dt: '2021-03-18', co: 'VN', is: 'Ban Co Yeu',
      ci: 'URN:UVCI:01:VN:FFFE3D31FABD035899134A9D3BAE9BCF',
    };
    const fields = certificateFields(person, [az1, az2], { uvci: sampleLike.ci, vaccination: sampleLike });
    const value = Object.fromEntries(fields.map((f) => [f.key, f.value]));
    expect([value.vaccinationDate, value.vaccine, value.manufacturer]).toEqual(['18/03/2021', 'Vắc xin COVID-19', 'Biontech Manufacturing GmbH']);
  });

  it('once issued, the name is the QR’s alone, its transliteration standing in for a missing fn or gn', () => {
    const onlyTransliterated = certificateFields(person, [az2], { uvci, nam: { fnt: 'TRAN', gnt: 'THI<BINH' } });
    expect(onlyTransliterated[0]).toMatchObject({ value: 'TRAN THI BINH', detail: 'TRAN<<THI<BINH' });
    const noGiven = certificateFields(person, [az2], { uvci, nam: { fn: 'Trần', fnt: 'TRAN' } });
    expect(noGiven[0]).toMatchObject({ value: 'Trần', detail: 'TRAN' });
    // A malformed QR with a given name and no family name: shown as it is, not dropped.
    const givenOnly = issuedInfo(uvci, { nam: { gnt: 'AN' }, dob: '1990-05-17' });
    expect(certificateFields(person, [az2], givenOnly)[0]).toMatchObject({ value: 'AN', detail: '<<AN' });
  });

  it('an empty date of birth (hcert: unknown) says so in both languages', () => {
    const dob = certificateFields(person, [az2], { uvci, dob: '' })[1];
    expect([dob?.value, dob?.valueEn]).toEqual(['Không rõ', 'Unknown']);
  });

  it('codes outside the eight-vaccine catalogue show the EU value set’s names, the code beside', () => {
    const novavax = { tg: '840539006', vp: 'J07BX03', mp: 'EU/1/21/1618', ma: 'ORG-100032020', dn: 1, sd: 2, dt: '2022-03-01', co: 'DE', is: 'RKI', ci: uvci };
    const byKey = Object.fromEntries(certificateFields({ ...person, nationality: 'DE' }, [az2], { uvci, vaccination: novavax }).map((f) => [f.key, f]));
    expect(byKey.product).toMatchObject({ value: 'Nuvaxovid', detail: 'EU/1/21/1618' });
    expect(byKey.manufacturer).toMatchObject({ value: 'Novavax CZ a.s.', detail: 'ORG-100032020' });
    expect(byKey.vaccine).toMatchObject({ value: 'Vắc xin COVID-19', valueEn: 'covid-19 vaccines', detail: 'J07BX03' });
    expect(byKey.nationality).toMatchObject({ value: 'Đức', valueEn: 'Germany', detail: 'DE' });
    // A code no table knows is shown as it is.
    const unknown = certificateFields(person, [az2], { uvci, vaccination: { ...novavax, mp: 'X-NEW-1', ma: 'ORG-0' } });
    expect(unknown.find((f) => f.key === 'product')?.value).toBe('X-NEW-1');
  });

  it('refuses a person with no live dose', () => {
    expect(() => certificateFields(person, [])).toThrow(StationError);
    expect(() => certificateFields(person, [{ ...az1, state: 'superseded' }])).toThrow(/no dose/);
  });

  it('latestDose breaks date ties by dose number', () => {
    const a = doseRecord('a', 'PFIZER', 1, '2021-07-01');
    const b = doseRecord('b', 'PFIZER', 2, '2021-07-01');
    expect(latestDose([b, a])?.id).toBe('b');
    expect(latestDose([])).toBeUndefined();
  });
});
