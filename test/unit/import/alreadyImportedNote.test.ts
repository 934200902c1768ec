// A file imported again is every row already in the station. Each row said so in the same words,
// and each finding carried its own copy of them: 200,000 rows gave 67 MB of output and the
// re-import peaked at 2.5 GB. The rows now share one finding object, and the list of findings says
// it once, with the rows as ranges.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alreadyImported, rowFindings, rowRanges } from '../../../electron/core/import/previewImport.js';
import { warning } from '../../../shared/domain/findings.js';

describe('rows already in the station', () => {
  it('are said once, at the first of them, with every row named or counted; other findings stay per row', () => {
    const other = warning('lot', 'X_LOT', 'lô', 'lot');
    const records = [
      { row: 2, findings: [alreadyImported()] },
      { row: 3, findings: [alreadyImported()] },
      { row: 4, findings: [other] },
      { row: 5, findings: [alreadyImported()] },
      // A row per person's two doses: the row once.
      { row: 6, findings: [alreadyImported()] },
      { row: 6, findings: [alreadyImported()] },
    ];
    const out = rowFindings(records);
    expect(out.map((f) => [f.row, f.code])).toEqual([[4, 'X_LOT'], [2, 'IMPORT_ALREADY_IMPORTED']]);
    expect(out[1]!.message_en).toBe('4 doses are already in the station and were skipped: rows 2–3, 5–6.');
    expect(out[1]!.message_vi).toBe('4 mũi tiêm đã có trong trạm và được bỏ qua: dòng 2–3, 5–6.');
    expect(rowFindings([{ row: 9, findings: [alreadyImported()] }])[0]!.message_en).toBe('This dose is already in the station: skipped.');
    expect(alreadyImported()).toBe(alreadyImported());
    expect(Object.isFrozen(alreadyImported())).toBe(true);
  });

  it('ranges name every row once, or count the rest', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.integer({ min: 2, max: 400 }), { minLength: 1, maxLength: 200 }), (rows) => {
      const text = rowRanges(rows).en;
      const [named, more] = text.split(' and ');
      const listed = named!.split(', ').flatMap((part) => {
        const [a, b] = part.split('–').map(Number);
        return Array.from({ length: (b ?? a!) - a! + 1 }, (_, i) => a! + i);
      });
      const rest = more === undefined ? 0 : Number(more.replace(' more', ''));
      expect(listed.length + rest).toBe(rows.length);
      expect(new Set(listed).size).toBe(listed.length);
      for (const r of listed) expect(rows).toContain(r);
      expect(named!.split(', ').length).toBeLessThanOrEqual(8);
    }));
  });
});
