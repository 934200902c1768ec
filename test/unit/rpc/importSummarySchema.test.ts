// The import preview's reply in the RPC contract carries the earlier imports of the same file
// (session 21): the dispatcher checks every result against it in tests, and the screen reads it.
import { describe, expect, it } from 'vitest';
import { ImportSummarySchema, contract } from '../../../shared/rpc/contract.js';

const summary = {
  rows: 2, ready: 0, warnings: 0, errors: 0, duplicates: 2, committed: 0, sheet: 'DS', findings: [], findingsTotal: 0, columns: [], sheets: ['DS'], sheetsRead: ['DS'], otherLists: [],
  importedBefore: [{ committedAt: '2026-11-20T07:05:00.000Z', fileName: 'Tháng 11.xlsx', rows: 2, created: 2, duplicates: 0, invalid: 0 }],
  importedBeforeTotal: 1,
};

describe('ImportSummarySchema.importedBefore', () => {
  it('is the reply of import.preview and import.commit', () => {
    expect(contract['import.preview'].result).toBe(ImportSummarySchema);
    expect(contract['import.commit'].result).toBe(ImportSummarySchema);
  });

  it('accepts the earlier imports, or none', () => {
    expect(ImportSummarySchema.safeParse(summary).success).toBe(true);
    expect(ImportSummarySchema.safeParse({ ...summary, importedBefore: [], importedBeforeTotal: 0 }).success).toBe(true);
    // More imports than it names (the first and the newest; session 22).
    expect(ImportSummarySchema.safeParse({ ...summary, importedBeforeTotal: 40 }).success).toBe(true);
  });

  it.each([
    ['missing', (({ importedBefore: _, ...rest }) => rest)(summary)],
    ['a time that is no ISO instant', { ...summary, importedBefore: [{ ...summary.importedBefore[0]!, committedAt: '20/11/2026 14:05' }] }],
    ['a count that is not a whole number', { ...summary, importedBefore: [{ ...summary.importedBefore[0]!, created: 1.5 }] }],
    ['a negative count', { ...summary, importedBefore: [{ ...summary.importedBefore[0]!, duplicates: -1 }] }],
    ['no file name', { ...summary, importedBefore: [{ ...summary.importedBefore[0]!, fileName: undefined }] }],
    ['without its total', (({ importedBeforeTotal: _, ...rest }) => rest)(summary)],
    ['whose total is less than the imports it names', { ...summary, importedBefore: [summary.importedBefore[0]!, summary.importedBefore[0]!] }],
    ['naming none of a total', { ...summary, importedBefore: [], importedBeforeTotal: 3 }],
  ])('refuses a reply with importedBefore %s', (_what, reply) => {
    expect(ImportSummarySchema.safeParse(reply).success).toBe(false);
  });
});
