// A value copied from a chat, a web page or a PDF carries characters no one sees: a zero-width
// space, a soft hyphen, a BOM, a direction mark, a no-break space. A lot "FF2587" + U+200B was
// refused as LOT_INVALID_CHARACTERS, a date with one as unreadable, a phone stored with it (probe
// of session 23, t10b_invisible): each is read as what is seen.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { previewImport } from '../../../electron/core/import/previewImport.js';
import { parseDateCell } from '../../../electron/core/import/parseDateCell.js';
import { parseDoseNumber, parsePhone, parseSex, parseNationality } from '../../../electron/core/import/parseTextCells.js';
import { parseLot } from '../../../electron/core/import/parseLotCell.js';
import { visibleText } from '../../../electron/core/import/visibleText.js';
import { makeTempDir, STANDARD_HEADER, writeXlsx } from '../../fixtures/clinicFiles.js';

const tmp = makeTempDir();
afterAll(() => tmp.cleanup());
const now = (): Date => new Date('2022-12-01T03:00:00Z');

const ZWSP = '\u200b';
const SOFT_HYPHEN = '\u00ad';
const NBSP = '\u00a0';
const INVISIBLES = ['\u200b', '\u200c', '\u200d', '\u00ad', '\ufeff', '\u200e', '\u200f', '\u202a', '\u202c', '\u2060'];

const NAMES = ['Nguyễn Văn An', 'Trần Văn Bình', 'Lê Văn Cường', 'Phạm Văn Dũng', 'Hoàng Văn Em', 'Vũ Văn Giang', 'Đặng Văn Hải'];
const row = (i: number, cells: { lot?: string; date?: string; phone?: string; dose?: string; vaccine?: string; sex?: string }): string[] => [
  String(i + 1), NAMES[i]!, '15/03/1985', cells.sex ?? 'Nam', `00108501234${i}`, cells.phone ?? '0912345678', cells.vaccine ?? 'Pfizer', cells.lot ?? 'FF2587', cells.dose ?? '1', cells.date ?? '20/07/2021',
];

describe('characters no one sees in a dose or contact cell', () => {
  it('are no part of the lot, date, phone, dose number, vaccine or sex read from a workbook', async () => {
    const path = tmp.file('invisible.xlsx');
    await writeXlsx(path, [{
      name: 'DS',
      rows: [
        STANDARD_HEADER,
        row(0, { lot: `FF2587${ZWSP}` }),
        row(1, { lot: `FF2587${SOFT_HYPHEN}` }),
        row(2, { date: `20/07/2021${ZWSP}` }),
        row(3, { date: `20${ZWSP}/07/2021` }),
        row(4, { phone: `0912345678${ZWSP}` }),
        row(5, { dose: `1${NBSP}`, vaccine: `Pfizer${ZWSP}` }),
        row(6, { sex: `Nam${ZWSP}`, lot: `\ufeffFF\u200d2587` }),
      ],
    }]);
    const preview = await previewImport(path, { now });
    expect(preview.records.map((r) => [r.row, r.status, r.input.dose.lot, r.input.dose.vaccinationDate, r.input.person.phone, r.input.dose.doseNumber, r.input.dose.vaccine, r.input.person.sex])).toEqual([
      [2, 'ready', 'FF2587', '2021-07-20', '0912345678', 1, 'PFIZER', 'M'],
      [3, 'ready', 'FF2587', '2021-07-20', '0912345678', 1, 'PFIZER', 'M'],
      [4, 'ready', 'FF2587', '2021-07-20', '0912345678', 1, 'PFIZER', 'M'],
      [5, 'ready', 'FF2587', '2021-07-20', '0912345678', 1, 'PFIZER', 'M'],
      [6, 'ready', 'FF2587', '2021-07-20', '0912345678', 1, 'PFIZER', 'M'],
      [7, 'ready', 'FF2587', '2021-07-20', '0912345678', 1, 'PFIZER', 'M'],
      [8, 'ready', 'FF2587', '2021-07-20', '0912345678', 1, 'PFIZER', 'M'],
    ]);
  });

  const invisible = fc.constantFrom(...INVISIBLES, NBSP);
  /** `text` with invisible characters put in at random places (a no-break space only at the ends: inside, it is a space). */
  const sprinkled = (text: string): fc.Arbitrary<string> =>
    fc.array(fc.tuple(fc.nat(text.length), fc.constantFrom(...INVISIBLES)), { maxLength: 4 }).chain((marks) =>
      fc.tuple(fc.constant(marks), invisible, invisible).map(([ms, before, after]) => {
        let out = text;
        for (const [at, ch] of [...ms].sort((a, b) => b[0] - a[0])) out = out.slice(0, at) + ch + out.slice(at);
        return `${before}${out}${after}`;
      }),
    );

  it('a date, phone, lot, dose number, sex or nationality reads the same with them as without (property)', () => {
    const cases: [string, (text: string) => unknown][] = [
      ['20/07/2021', (t) => parseDateCell(t, 'vaccinationDate', false)],
      ['15/03/1985', (t) => parseDateCell(t, 'dob', false)],
      ['0912345678', (t) => parsePhone(t)],
      ['912345678', (t) => parsePhone(t)],
      ['FF2587', (t) => parseLot(t)],
      ['Mũi 2', (t) => parseDoseNumber(t)],
      ['Nữ', (t) => parseSex(t)],
      ['Việt Nam', (t) => parseNationality(t)],
    ];
    for (const [clean, parse] of cases) {
      const expected = parse(clean);
      fc.assert(fc.property(sprinkled(clean), (text) => { expect(parse(text)).toEqual(expected); }), { numRuns: 200 });
    }
  });

  it('leaves text without them as the same string, and takes every one out of text with them (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme-ascii' }), (text) => { expect(visibleText(text)).toBe(text); }));
    fc.assert(fc.property(fc.string(), fc.array(fc.constantFrom(...INVISIBLES)), (text, marks) => {
      const out = visibleText(`${marks.join('')}${text}`);
      expect(out).not.toMatch(/[\p{Cf}\u00a0]/u);
    }));
  });
});

describe('a cell holding only characters no one sees', () => {
  it('is blank: a row of them is no row, and an id column of one is empty', async () => {
    const path = tmp.file('invisible-only.xlsx');
    const blank = (): string[] => STANDARD_HEADER.map((_, k) => (k % 2 === 0 ? ZWSP : `${NBSP}\ufeff`));
    await writeXlsx(path, [{
      name: 'DS',
      rows: [STANDARD_HEADER, row(0, {}), blank(), row(1, {}), blank(), blank(), row(2, {})],
    }]);
    const preview = await previewImport(path, { now });
    // A row cleared by hand that kept a zero-width space was an error row of empty fields.
    expect(preview.records.map((r) => [r.row, r.status])).toEqual([[2, 'ready'], [4, 'ready'], [7, 'ready']]);
  });
});
