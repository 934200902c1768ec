// The certificate PDF's page at its fullest, read back by poppler: the longest names the station
// takes, every vaccine, a revoked certificate's marks, and the longest HC1 a QR holds. What the
// person is handed must have every value legible (no line over another, none off the page) and a
// QR that scans.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { CERTIFICATE_UVCI, certificateDose } from '../../fixtures/certificateSample.js';
import { certificateFields } from '../../../shared/domain/certificateFields.js';
import type { DoseRecord, Person } from '../../../shared/domain/types.js';
import { VACCINES } from '../../../shared/domain/vaccines.js';
import { qrMatrix } from '../../../shared/qr/encode.js';
import { hc1FromBytes } from '../../../electron/core/image/hc1FromInput.js';
import { certificatePdf, qrModuleSide } from '../../../electron/core/sync/certificatePdf.js';
import { popplerText } from '../../fixtures/popplerText.js';
import { seededRandom } from '../../fixtures/seededRandom.js';

const dir = mkdtempSync(join(tmpdir(), 'station-pdf-layout-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Family and given names at the 80 characters a certificate holds, in capitals as clinics often
// type them (wider than lower case), and their ICAO readings at 80 in the widest letters.
const fn = 'CÔNG TẰNG TÔN NỮ NGUYỄN PHƯỚC TRẦN LÊ PHẠM HOÀNG HUỲNH VŨ VÕ ĐẶNG BÙI ĐỖ HỒ NGÔ'.slice(0, 80);
const gn = 'THỊ HUYỀN TRANG BẢO NGỌC KHÁNH LINH DIỆU HIỀN THỤC QUYÊN ANH THƯ MINH CHÂU NHƯ Ý HẠ'.slice(0, 80);
const person: Person = {
  id: 'p1', idType: 'PASSPORT', idNumber: 'C1234567', fullName: `${fn} ${gn}`, familyName: fn, givenName: gn,
  fnt: 'MW'.repeat(40), gnt: 'WM'.repeat(40), dob: '1985-11-02', sex: 'F', nationality: 'VN', phone: null, identityStatus: 'verified', identityCheckedAt: null,
};
const dose = (vaccine: string, doseNumber: number): DoseRecord => certificateDose({ id: `r${doseNumber}`, vaccine, doseNumber });
const uvci = CERTIFICATE_UVCI;
const revoked = {
  lines: [
    `Chứng nhận đã bị thu hồi lúc 01/03/2026 10:00, thay bằng chứng nhận ${uvci}.`,
    `The certificate was revoked at 2026-03-01 10:00 and replaced by ${uvci}.`,
  ],
};

/** An HC1 of `length` characters in base45's alphabet, the same each run. */
function hc1Of(length: number, seed: number): string {
  const random = seededRandom(seed);
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
  let s = 'HC1:';
  while (s.length < length) s += alphabet[Math.floor(random() * alphabet.length)];
  return s;
}
/** 2,400 characters: a version 40 QR at level Q (177 modules), the most a QR holds of an HC1. */
const LONGEST = hc1Of(2400, 40);

let n = 0;
function written(input: Omit<Parameters<typeof certificatePdf>[0], 'createdAt'>): string {
  const path = join(dir, `c${n++}.pdf`);
  writeFileSync(path, certificatePdf({ ...input, createdAt: new Date('2026-03-01T10:00:00Z') }));
  return path;
}

type Box = { x0: number; y0: number; x1: number; y1: number; word: string };
function wordBoxes(path: string): Box[] {
  return [...popplerText(path, '-bbox').matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)]
    .map((m) => ({ x0: Number(m[1]), y0: Number(m[2]), x1: Number(m[3]), y1: Number(m[4]), word: m[5]! }));
}

describe('the certificate page at its fullest', () => {
  it('every vaccine, the longest names, the longest QR, revoked or not: no word over another, every word inside the margins', () => {
    for (const v of VACCINES) {
      for (const mark of [undefined, revoked]) {
        const path = written({ fields: certificateFields(person, [dose(v.code, 3)], { uvci }), hc1: LONGEST, ...(mark ? { revoked: mark } : {}) });
        const boxes = wordBoxes(path);
        const where = `${v.code}${mark ? ' revoked' : ''}`;
        expect(boxes.length, where).toBeGreaterThan(60);
        for (const b of boxes) {
          expect(b.x0, `${where}: ${b.word}`).toBeGreaterThanOrEqual(49);
          expect(b.x1, `${where}: ${b.word}`).toBeLessThanOrEqual(595.28 - 49);
          expect(b.y0, `${where}: ${b.word}`).toBeGreaterThanOrEqual(0);
          expect(b.y1, `${where}: ${b.word}`).toBeLessThanOrEqual(841.89);
        }
        const over = boxes.flatMap((a, i) => boxes.slice(i + 1).filter((b) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1).map((b) => `${a.word} / ${b.word}`));
        expect(over, where).toEqual([]);
        // Every value still on the page, the certificate id (the last field) included.
        const text = popplerText(path).replace(/\s+/g, ' ');
        expect(text, where).toContain(uvci);
        expect(text, where).toContain(v.manufacturer);
      }
    }
  });

  it('the QR of the longest HC1 and of a long real one is read by the station from poppler renderings at 150 to 300 dpi', () => {
    expect(qrMatrix(LONGEST, 'Q').size).toBe(177);
    // ~1,900 characters: names at 80 letters each and an RSA signature, 161 modules.
    const long = hc1Of(1912, 7);
    for (const [hc1, resolutions] of [[LONGEST, [150, 300]], [long, [150, 200]]] as const) {
      const path = written({ fields: certificateFields(person, [dose('PFIZER', 1)], { uvci }), hc1 });
      for (const dpi of resolutions) {
        // The part of the page the QR is on, with its quiet zone and some of the page around it.
        const out = join(dir, `qr${n}-${dpi}`);
        const crop = ['-x', 1.6, '-y', 1.1, '-W', 5, '-H', 4.1].map((v) => (typeof v === 'number' ? String(Math.round(v * dpi)) : v));
        const r = spawnSync('pdftoppm', ['-r', String(dpi), '-png', '-singlefile', ...crop, path, out], { encoding: 'utf8' });
        expect(r.status, r.stderr).toBe(0);
        expect(hc1FromBytes(new Uint8Array(readFileSync(`${out}.png`)), 'page.png').text, `${hc1.length} characters at ${dpi} dpi`).toBe(hc1);
      }
    }
  });

  it('property: a QR module is a whole number of 0.48 pt steps (a pixel at 150 dpi), at least 1.44 pt, and the QR no wider than 180 pt unless that would make it smaller', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), (version) => {
        const side = 17 + 4 * version + 8;
        const m = qrModuleSide(side);
        expect(Math.abs(m / 0.48 - Math.round(m / 0.48))).toBeLessThan(1e-9);
        expect(m).toBeGreaterThanOrEqual(1.44 - 1e-9);
        expect(side * m).toBeLessThanOrEqual(Math.max(180, side * 1.44) + 1e-9);
        // Not needlessly small: one more step would pass 180 pt.
        if (m > 1.44 + 1e-9) expect(side * (m + 0.48)).toBeGreaterThan(180);
      }),
    );
  });
});
