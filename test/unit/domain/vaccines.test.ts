import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COUNTRY_VN, DISEASE_COVID19, LEGACY_VP_CODES, VACCINE_PROPHYLAXIS, VACCINES, ambiguousVaccineKeys, findVaccine, misspelledVaccine, vaccineByCode,
} from '../../../shared/domain/vaccines.js';

describe('vaccine catalog (DESIGN §3)', () => {
  it('holds exactly the 8 licensed vaccines with the codes of DESIGN §3', () => {
    // The youngest licensed age (DOSE_BELOW_LICENSED_AGE) last: Comirnaty 5 and Spikevax 6 (2022), the others adults (decisions, session 24).
    const rows = VACCINES.map((v) => [v.code, v.name, v.mp, v.ma, v.vp, v.primaryDoses, v.minIntervalDays, v.minAgeYears]);
    expect(rows).toEqual([
      ['ASTRAZENECA', 'Vaxzevria', 'EU/1/21/1529', 'ORG-100001699', '29061000087103', 2, 28, 18],
      ['SPUTNIK_V', 'Sputnik V', 'Sputnik-V', 'Gamaleya-Research-Institute', '29061000087103', 2, 21, 18],
      ['VERO_CELL', 'Vero Cell (Sinopharm BIBP)', 'BBIBP-CorV', 'ORG-100020693', '1157024006', 2, 21, 18],
      ['PFIZER', 'Comirnaty', 'EU/1/20/1528', 'ORG-100030215', '1119349007', 2, 21, 5],
      ['MODERNA', 'Spikevax', 'EU/1/20/1507', 'ORG-100031184', '1119349007', 2, 28, 6],
      ['JANSSEN', 'Jcovden', 'EU/1/20/1525', 'ORG-100001417', '29061000087103', 1, null, 18],
      ['HAYAT_VAX', 'Hayat-Vax', 'Hayat-Vax', 'ORG-100023050', '1157024006', 2, 21, 18],
      ['ABDALA', 'Abdala', 'Abdala', 'CIGB', '28531000087107', 3, 14, 18],
    ]);
    expect(DISEASE_COVID19).toBe('840539006');
    expect(COUNTRY_VN).toBe('VN');
  });

  it('Vero Cell is Sinopharm Beijing (BBIBP-CorV), never the deprecated Wuhan id Inactivated-SARS-CoV-2-Vero-Cell', () => {
    const vero = vaccineByCode('VERO_CELL');
    expect(vero?.mp).toBe('BBIBP-CorV');
    expect(vero?.ma).toBe('ORG-100020693');
    expect(VACCINES.some((v) => v.mp === 'Inactivated-SARS-CoV-2-Vero-Cell')).toBe(false);
    expect(findVaccine('Inactivated-SARS-CoV-2-Vero-Cell')).toBeUndefined();
    expect(findVaccine('Inactivated SARS-CoV-2 (Vero Cell)')).toBeUndefined();
    expect(findVaccine('WIBP-CorV')).toBeUndefined();
    expect(findVaccine('Sinopharm Wuhan')).toBeUndefined();
    // Another product named beside one of ours is that product, not ours.
    for (const text of ['Vero Cell (Sinovac)', 'Sinovac', 'CoronaVac', 'Sputnik V Light', 'Sputnik Light', 'AstraZeneca (Covishield)', 'Nanocovax', 'Moderna/Novavax']) {
      expect(findVaccine(text), text).toBeUndefined();
    }
    expect(findVaccine('Vero Cell (Sinopharm)')?.code).toBe('VERO_CELL');
    expect(findVaccine('Sputnik V')?.code).toBe('SPUTNIK_V');
  });

  it('accepts the legacy vp codes on read and names every vp it issues or accepts', () => {
    expect([...LEGACY_VP_CODES]).toEqual(['J07BX03', '1119305005']);
    for (const vp of [...VACCINES.map((v) => v.vp), ...LEGACY_VP_CODES]) expect(VACCINE_PROPHYLAXIS[vp]).toBeDefined();
  });

  it('is frozen data: callers cannot change the catalog', () => {
    expect(Object.isFrozen(VACCINES)).toBe(true);
    expect(Object.isFrozen(VACCINES[0])).toBe(true);
  });

  it('vaccineByCode finds codes exactly and nothing else', () => {
    expect(vaccineByCode('PFIZER')?.name).toBe('Comirnaty');
    expect(vaccineByCode('pfizer')).toBeUndefined();
    expect(vaccineByCode('')).toBeUndefined();
  });
});

describe('findVaccine: the spellings clinics use', () => {
  it('no spelling of the catalog is claimed by two vaccines', () => {
    expect(ambiguousVaccineKeys()).toEqual([]);
  });

  it('every alias, code, mp and product name resolves to its own vaccine', () => {
    for (const v of VACCINES) {
      for (const spelling of [...v.aliases, v.code, v.mp, v.name, v.nameVi, v.nameEn]) {
        expect(findVaccine(spelling)?.code, spelling).toBe(v.code);
      }
    }
  });

  it.each([
    ['AstraZeneca', 'ASTRAZENECA'], ['Astra Zeneca', 'ASTRAZENECA'], ['astrazeneca', 'ASTRAZENECA'], ['ASTRAZENECA', 'ASTRAZENECA'],
    ['Vaxzevria', 'ASTRAZENECA'], ['AZ', 'ASTRAZENECA'], ['Astra', 'ASTRAZENECA'], ['astra (lô NJ0342)', 'ASTRAZENECA'], ['Vắc xin AstraZeneca', 'ASTRAZENECA'], ['Vắc-xin phòng COVID-19 AstraZeneca', 'ASTRAZENECA'],
    ['Pfizer-BioNTech', 'PFIZER'], ['Pfizer', 'PFIZER'], ['Comirnaty', 'PFIZER'], ['pfizer biontech', 'PFIZER'], ['Pfizer (lô FF2382)', 'PFIZER'],
    ['Moderna', 'MODERNA'], ['Spikevax', 'MODERNA'], ['COVID-19 Vaccine Moderna', 'MODERNA'],
    ['Vero Cell', 'VERO_CELL'], ['Verocell', 'VERO_CELL'], ['Sinopharm', 'VERO_CELL'], ['Vero-Cell', 'VERO_CELL'], ['VERO CELL', 'VERO_CELL'],
    ['Vero Cell (Sinopharm)', 'VERO_CELL'], ['Vắc xin Vero Cell', 'VERO_CELL'], ['Sinopharm (Vero Cell)', 'VERO_CELL'], ['BBIBP-CorV', 'VERO_CELL'],
    ['Sputnik V', 'SPUTNIK_V'], ['Sputnik-V', 'SPUTNIK_V'], ['Gam-COVID-Vac', 'SPUTNIK_V'], ['SPUTNIK_V', 'SPUTNIK_V'],
    ['Janssen', 'JANSSEN'], ['Johnson & Johnson', 'JANSSEN'], ['J&J', 'JANSSEN'], ['Jcovden', 'JANSSEN'], ['Johnson and Johnson', 'JANSSEN'],
    ['Janssen COVID-19 Vaccine', 'JANSSEN'],
    ['Hayat-Vax', 'HAYAT_VAX'], ['Hayat Vax', 'HAYAT_VAX'], ['Hayat-Vax (Sinopharm)', 'HAYAT_VAX'],
    // A fill named beside its licensor, however the licensor is written: the fill.
    ['Hayat-Vax (Sinopharm UAE)', 'HAYAT_VAX'], ['Vero Cell (Hayat-Vax)', 'HAYAT_VAX'], ['Sinopharm (Hayat-Vax)', 'HAYAT_VAX'],
    ['Abdala', 'ABDALA'], ['  abdala  ', 'ABDALA'], ['EU/1/21/1529', 'ASTRAZENECA'], ['EU/1/20/1525', 'JANSSEN'],
    // A vaccine's words with a few others: the age group, a second name of the same vaccine, the
    // supplier, the dose volume.
    ['Pfizer trẻ em', 'PFIZER'], ['Pfizer trẻ em (5-11 tuổi)', 'PFIZER'], ['Moderna (liều 0,25ml cho trẻ 6-11 tuổi)', 'MODERNA'], ['Spikevax (0.25 ml)', 'MODERNA'], ['Pfizer Comirnaty', 'PFIZER'], ['Astra Zeneca - Vaxzevria', 'ASTRAZENECA'], ['Astrazeneca Covax', 'ASTRAZENECA'],
    ['Moderna 0.25ml', 'MODERNA'], ['Vero Cell Sinopharm', 'VERO_CELL'], ['Spikevax liều nhắc', 'MODERNA'],
  ])('%s → %s', (text, code) => {
    expect(findVaccine(text)?.code).toBe(code);
  });

  it('NFD-typed Vietnamese finds the same vaccine as NFC', () => {
    expect(findVaccine('Vắc xin Vero Cell'.normalize('NFD'))?.code).toBe('VERO_CELL');
  });

  it.each([
    ['Pfizer/Moderna'], ['AstraZeneca + Pfizer'], ['Sinovac'], ['CoronaVac'], ['Covaxin'], ['Sputnik Light'], ['Vaccine'], ['Vắc xin'], [''],
    ['   '], ['Novavax'], ['mRNA'],
    // Two vaccines in words, a sentence around one, another product of the same maker.
    ['Pfizer Moderna'], ['mũi 1 AstraZeneca mũi 2 Pfizer'], ['Pfizer (Moderna mũi 2)'], ['Hayat Vax Pfizer'], ['đã hẹn tiêm Pfizer vào tuần sau nếu còn vắc xin'],
    // Covishield by its maker's name; a fill beside a vaccine that is not its licensor.
    ['AstraZeneca (Serum Institute)'], ['AstraZeneca - Serum Institute of India'], ['Hayat-Vax / Pfizer'],
    // A fill and its licensor as a list: two doses' vaccines, not one.
    ['Hayat Vax / Vero Cell'], ['Mũi 1 Sinopharm, mũi 2 Hayat-Vax'], ['Sinopharm + Hayat-Vax'], ['Sinopharm | Hayat'],
  ])('unknown or ambiguous %j → undefined, never a guess', (text) => {
    expect(findVaccine(text)).toBeUndefined();
  });

  it('never throws and only returns catalog entries, whatever the text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
      const v = findVaccine(text);
      return v === undefined || VACCINES.includes(v);
    }), { numRuns: 500 });
  });

  it('finds every alias whatever its case, spacing and punctuation', () => {
    const spellings = VACCINES.flatMap((v) => v.aliases.map((a) => [a, v.code] as const));
    fc.assert(fc.property(fc.constantFrom(...spellings), fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }), ([alias, code], upper) => {
      const varied = [...alias].map((c, i) => (upper[i % 40] ? c.toUpperCase() : c.toLowerCase())).join('').replace(/ /g, '  ');
      return findVaccine(` ${varied} `)?.code === code;
    }), { numRuns: 300 });
  });
});

describe('a vaccine name with one letter wrong (for the importer, which says so)', () => {
  it.each([
    ['Astrazenca', 'ASTRAZENECA'], ['Pfizzer', 'PFIZER'], ['Modena', 'MODERNA'], ['Jansen', 'JANSSEN'], ['Abdalla', 'ABDALA'],
    ['Comirnarty', 'PFIZER'], ['Spikvax', 'MODERNA'], ['Vero Cel', 'VERO_CELL'], ['Sinoparm', 'VERO_CELL'], ['Pifzer', 'PFIZER'],
  ])('%s → %s', (text, code) => {
    expect(findVaccine(text)).toBeUndefined();
    expect(misspelledVaccine(text)?.code).toBe(code);
  });

  it.each([
    // Cut short (Sputnik Light has the same maker), near another product, too short, two letters off, a product not ours.
    ['Sputnik'], ['Sinovax'], ['Covaxn'], ['Pfize'], ['AZ1'], ['Mdrna'], ['Astrazenaca vaccine trial'], ['Novavax'], ['Covishiled'],
  ])('%s → none', (text) => {
    expect(misspelledVaccine(text)).toBeUndefined();
  });

  it('a name the catalog knows is no misspelling', () => {
    for (const v of VACCINES) for (const a of v.aliases) expect(misspelledVaccine(a), a).toBeUndefined();
  });
});
