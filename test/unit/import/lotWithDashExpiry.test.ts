// Session 26, a mutation probe of session 25's lot with its expiry joined by a dash: a lot that has
// a dash of its own ("I-130621", "AB-1234") with its expiry after another dash was stored whole,
// "I-130621-30/11/2021", ready and with nothing said: the expiry date signed as part of the lot.
import { describe, expect, it } from 'vitest';
import { parseLot } from '../../../electron/core/import/parseLotCell.js';

describe('a lot with a dash of its own, its expiry joined by another dash', () => {
  it('is the lot without the expiry', () => {
    for (const [cell, lot] of [
      ['I-130621-30/11/2021', 'I-130621'],
      ['AB-1234-11/2022', 'AB-1234'],
      ['FF-1234-30.11.2021', 'FF-1234'],
      ['I-130621 - 30/11/2021', 'I-130621'],
    ]) {
      expect(parseLot(cell), cell).toEqual({ lot, findings: [] });
    }
  });

  it('a day and a month joined by dashes is still no lot cut at the day ("FF1234-30-11/2021" is not "FF1234-30")', () => {
    expect(parseLot('FF1234-30-11/2021').lot).not.toBe('FF1234-30');
  });
});
