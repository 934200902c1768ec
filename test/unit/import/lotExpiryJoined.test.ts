// Session 25: a "Số lô/HSD" cell of a hospital system's export joins the vial's expiry to the lot
// with a dash ("FF1234-30/11/2021"): the slash rule took "FF1234-30" for the lot and "11/2021" for
// the expiry, and the row was stored ready with a lot no vial has. "Hạn dùng:" written out was
// LOT_INVALID_CHARACTERS.
import { describe, expect, it } from 'vitest';
import { parseLot } from '../../../electron/core/import/parseLotCell.js';

describe('a lot with its expiry joined by a dash, or after "Hạn dùng"', () => {
  it('is the lot', () => {
    for (const [cell, lot] of [
      ['FF1234-30/11/2021', 'FF1234'],
      ['FF1234-11/2021', 'FF1234'],
      ['FF1234-30.11.2021', 'FF1234'],
      ['3002183-30/06/2022', '3002183'],
      ['NJ0342 -30/11/2021', 'NJ0342'],
      ['FF1234 Hạn dùng: 30/11/2021', 'FF1234'],
      ['FF1234, hạn sử dụng 30/11/2021', 'FF1234'],
      ['FF1234 Expiry date: 30/11/2021', 'FF1234'],
    ]) {
      expect(parseLot(cell), cell).toEqual({ lot, findings: [] });
    }
  });

  it('a dash that is part of the lot, or before no date of expiry, stays', () => {
    for (const cell of ['AB-1/2021', 'FF1234-30', 'FF1234-13/2021', 'FF1234-32/11/2021', 'FF1234-11/1999', 'AB-12-2021']) {
      expect(parseLot(cell).lot, cell).toBe(cell);
    }
  });
});
