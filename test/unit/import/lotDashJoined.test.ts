// Session 28: a vaccine cell with its lot joined by a dash and no spaces ("Pfizer-FK1234",
// "AstraZeneca-A1234", "Vero Cell-202107A") with the lot cell blank was "the lot is required",
// and the clerk retyped a lot the file already held.
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { findVaccine } from '../../../electron/core/import/domainPort.js';
import { lotInVaccineCell } from '../../../electron/core/import/parseLotCell.js';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import type { ImportPreview } from '../../../electron/core/import/types.js';
import { VACCINES } from '../../../shared/domain/vaccines.js';
import { makeTempDir, STANDARD_HEADER } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = () => new Date('2023-01-10T03:00:00Z');

/** A CSV of the standard layout, the lot cell blank, one person per vaccine cell. */
async function preview(name: string, cells: readonly string[]): Promise<ImportPreview> {
  const rows = cells.map((vaccine, i) => {
    const id = `0010${50 + i}${String(12345 + i).padStart(6, '0')}`;
    return [String(i + 1), `Nguyễn Văn An`, `12/03/${1950 + i}`, 'Nam', id, '0912345678', vaccine, '', '1', '01/08/2021'];
  });
  const path = tmp.file(name);
  writeFileSync(path, [STANDARD_HEADER, ...rows].map((r) => r.join(',')).join('\r\n'));
  return previewImport(path, { now });
}

const lotFindings = (p: ImportPreview) => p.records.map((r) => r.findings.filter((f) => f.field === 'lot').map((f) => `${f.code}:${f.severity}`));

describe('a vaccine and its lot joined by a dash, no spaces', () => {
  it('are read when the name is a catalog spelling and the rest a lot, and said', async () => {
    const p = await preview('dash-joined.csv', ['Pfizer-FK1234', 'AstraZeneca-A1234', 'Vero Cell-202107A', 'Hayat-Vax-NJ1234', 'Pfizer-BioNTech-FK1235', 'Moderna-3002183', 'Pfizer-I-130621']);
    expect(p.records.map((r) => [r.input.dose.vaccine, r.input.dose.lot])).toEqual([
      ['PFIZER', 'FK1234'],
      ['ASTRAZENECA', 'A1234'],
      ['VERO_CELL', '202107A'],
      ['HAYAT_VAX', 'NJ1234'],
      ['PFIZER', 'FK1235'],
      ['MODERNA', '3002183'],
      // A lot's own dash is kept.
      ['PFIZER', 'I-130621'],
    ]);
    expect(lotFindings(p)).toEqual(Array(7).fill(['IMPORT_LOT_FROM_VACCINE_CELL:warning']));
    expect(p.records[0]!.findings.find((f) => f.field === 'lot')!.message_en).toBe(
      'The lot cell is blank: the lot FK1234 is read from the vaccine cell "Pfizer-FK1234", and the vaccine as Pfizer-BioNTech (Comirnaty). Check it.',
    );
  });

  it('never cuts a name inside its own dash, nor reads what is no lot', () => {
    for (const cell of [
      'Hayat-Vax', 'Pfizer-BioNTech', 'Astra-Zeneca', 'Gam-COVID-Vac',
      // The cell runs on past a longer name: the name's end or the lot's start?
      'Hayat-Vax1234', 'Pfizer-BioNTech1234',
      // A short name may be the lot's own letters, as "AZ NJ0342" may.
      'AZ-NJ0342', 'J&J-1805031',
      // A year, a dose, a variant, a children's dose, a vaccine code, a date: no lot.
      'Pfizer-2021', 'Pfizer-M2', 'Comirnaty-BA.4-5', 'Pfizer-TE5-11', 'Moderna-mRNA-1273', 'Pfizer-20210801', 'Pfizer-COVID-19',
    ]) {
      expect(lotInVaccineCell(cell), cell).toBeNull();
    }
  });

  it('"Hayat-Vax-123456": the name whole, and the number named where the lot may be', async () => {
    const p = await preview('dash-unsure.csv', ['Hayat-Vax-123456', 'AZ-NJ0342']);
    expect(p.records.map((r) => r.input.dose.lot)).toEqual(['', '']);
    const f = p.records[0]!.findings.find((x) => x.field === 'lot')!;
    expect(`${f.code}:${f.severity}`).toBe('IMPORT_LOT_UNSURE_IN_VACCINE_CELL:error');
    expect(f.message_vi).toContain('có thể ghi số lô (123456)');
    expect(f.message_en).toContain('may hold the lot (123456)');
    expect(p.records[0]!.input.dose.vaccine).toBe('HAYAT_VAX');
  });

  /** Every catalog spelling of four letters or more without a digit or a mark, as a clerk types it. */
  const NAMES = VACCINES.flatMap((v) => [v.code, v.name, v.nameVi, v.nameEn, ...v.aliases].map((name) => ({ name, code: v.code })))
    .filter(({ name }) => !/[\d:/|()]/.test(name) && name.replace(/[^A-Za-z]/g, '').length >= 4);
  const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
  const letters = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), minLength: min, maxLength: max });
  /** Lots as vials print them, a dash inside some ("I-130621"). */
  const LOT = fc
    .oneof(
      fc.tuple(letters(1, 3), digits(3, 6)).map(([a, b]) => a + b),
      fc.tuple(digits(4, 6), letters(1, 1), digits(2, 3)).map(([a, b, c]) => a + b + c),
      fc.tuple(letters(1, 2), digits(4, 6)).map(([a, b]) => `${a}-${b}`),
      digits(7, 7),
    )
    .filter((lot) => findVaccine(lot) === undefined);

  it('property: "V-L" reads vaccine V and lot L for every catalog spelling, a name with dashes whole', () => {
    fc.assert(
      fc.property(fc.constantFrom(...NAMES), LOT, fc.constantFrom('-', '–'), (at, lot, dash) => {
        // A lot whose letters run on a longer spelling ("Hayat" + "-VAX1234"?) is no case here.
        fc.pre(!NAMES.some((n) => n.name.length > at.name.length && `${at.name}${dash}${lot}`.toLowerCase().startsWith(n.name.toLowerCase())));
        const cell = `${at.name}${dash}${lot}`;
        expect(lotInVaccineCell(cell), cell).toEqual({ vaccine: at.code, lot });
      }),
      { numRuns: 1000 },
    );
  });
});
