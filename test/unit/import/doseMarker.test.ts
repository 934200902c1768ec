// The dose a header names (doseMarker.ts): the words clinics label a dose's columns with, what is
// not a dose, and the header left when the marker is cut out.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { doseMarker, isPlannedHeader } from '../../../electron/core/import/doseMarker.js';
import { matchHeader } from '../../../electron/core/import/headerAliases.js';

describe('doseMarker', () => {
  it('reads the dose from the ways a header writes it, and keeps the rest as written', () => {
    const cases: [string, number, string][] = [
      ['Ngày tiêm mũi 1', 1, 'Ngày tiêm'],
      ['NGÀY TIÊM MŨI 2', 2, 'NGÀY TIÊM'],
      ['Mũi 1 - Ngày tiêm', 1, '- Ngày tiêm'],
      ['Vắc xin (mũi 3)', 3, 'Vắc xin ( )'],
      ['Số lô mũi thứ 2', 2, 'Số lô'],
      ['Mũi tiêm thứ 1', 1, ''],
      ['Mũi số 2', 2, ''],
      ['Ngày tiêm lần 2', 2, 'Ngày tiêm'],
      ['Lần tiêm thứ 3', 3, ''],
      ['Mũi thứ nhất', 1, ''],
      ['Mũi thứ hai - Loại vắc xin', 2, '- Loại vắc xin'],
      ['Mũi ba', 3, ''],
      ['Ngày tiêm M1', 1, 'Ngày tiêm'],
      ['Dose 2 date', 2, 'date'],
      ['Dose no. 3', 3, ''],
      ['2nd dose vaccine', 2, 'vaccine'],
      ['Second dose', 2, ''],
      ['Mũi 1', 1, ''],
      ['Mui 2', 2, ''],
      // NFD as some files carry it: read, and the rest given back in NFC.
      ['Ngày tiêm mũi 2'.normalize('NFD'), 2, 'Ngày tiêm'],
    ];
    for (const [header, dose, rest] of cases) expect(doseMarker(header), header).toMatchObject({ mark: { dose }, rest });
    // "Lần 2" and "M2" are weak (a campaign's round, a block of flats), "mũi" and "dose" strong.
    expect(doseMarker('Ngày tiêm lần 2')?.strong).toBe(false);
    expect(doseMarker('Block M2')?.strong).toBe(false);
    expect(doseMarker('Thông tin mũi 2')?.strong).toBe(true);
    expect(doseMarker('Liều 2')).toMatchObject({ mark: { dose: 2 }, strong: true });
    expect(doseMarker('Mũi II')).toMatchObject({ mark: { dose: 2 }, rest: '' });
  });

  it('reads boosters by their kind, without a number as the first of it', () => {
    expect(doseMarker('Mũi nhắc lại')).toMatchObject({ mark: { booster: 1, kind: 'nhaclai' }, rest: '' });
    expect(doseMarker('Ngày tiêm mũi nhắc lại')).toMatchObject({ mark: { booster: 1, kind: 'nhaclai' }, rest: 'Ngày tiêm' });
    expect(doseMarker('Nhắc lại lần 2')).toMatchObject({ mark: { booster: 2, kind: 'nhaclai' }, rest: '' });
    expect(doseMarker('Mũi nhắc lại lần thứ hai')).toMatchObject({ mark: { booster: 2, kind: 'nhaclai' }, rest: '' });
    expect(doseMarker('Mũi bổ sung')).toMatchObject({ mark: { booster: 1, kind: 'bosung' }, rest: '' });
    expect(doseMarker('Mũi tăng cường')).toMatchObject({ mark: { booster: 1, kind: 'tangcuong' }, rest: '' });
    expect(doseMarker('Booster dose')).toMatchObject({ mark: { booster: 1, kind: 'booster' }, rest: '' });
    // A numbered dose wins over the word; a year is no booster's number.
    expect(doseMarker('Mũi 3 (nhắc lại)')).toMatchObject({ mark: { dose: 3 }, rest: '( )' });
    expect(doseMarker('Mũi 3 (nhắc lại lần 1)')).toMatchObject({ mark: { dose: 3 }, rest: '( )' });
    expect(doseMarker('Ngày tiêm mũi 4 - nhắc lại 2')).toMatchObject({ mark: { dose: 4 }, rest: 'Ngày tiêm -' });
    expect(doseMarker('Mũi bổ sung (mũi 3)')).toMatchObject({ mark: { dose: 3 }, rest: '( )' });
    expect(doseMarker('Nhắc lại năm 2022')).toMatchObject({ mark: { booster: 1, kind: 'nhaclai' } });
  });

  it('knows a planned dose from one given', () => {
    for (const h of ['Ngày tiêm mũi 2 (dự kiến)', 'Ngày tiêm dự kiến mũi 2', 'Ngày hẹn tiêm mũi 2', 'Lịch tiêm nhắc lại', 'Next dose due', 'Planned date']) expect(isPlannedHeader(h), h).toBe(true);
    for (const h of ['Ngày tiêm mũi 2', 'Lịch sử tiêm', 'Mũi nhắc lại', 'Họ và tên']) expect(isPlannedHeader(h), h).toBe(false);
  });

  it('is not fooled by the dose number column, lists of choices, counts, years or other words', () => {
    for (const header of [
      'Mũi tiêm thứ',
      'Mũi tiêm thứ (1, 2, 3)',
      'Mũi số (1/2/3)',
      'Dose number',
      'Ngày tiêm',
      'Số CMND 1',
      'Năm sinh',
      'Lần tiêm năm 2021',
      'Mũi 12',
      'Tên vắc xin',
      'Họ và tên',
      'Chiều cao (m) 2',
      'CCCD/CMND',
      '',
    ]) {
      expect(doseMarker(header), header).toBeNull();
    }
  });

  it('gives back a header that matches as the unmarked one does, for every field and marker (property)', () => {
    const headers = ['Ngày tiêm', 'Tên vắc xin', 'Loại vắc xin', 'Số lô', 'Lô vắc xin', 'Vaccine', 'Lot number', 'Ngày tiêm chủng'];
    const markers = fc.oneof(
      fc.integer({ min: 1, max: 9 }).map((n) => [n, `mũi ${n}`] as const),
      fc.integer({ min: 1, max: 9 }).map((n) => [n, `Mũi thứ ${n}`] as const),
      fc.integer({ min: 1, max: 9 }).map((n) => [n, `(mũi ${n})`] as const),
      fc.integer({ min: 1, max: 9 }).map((n) => [n, `lần ${n}`] as const),
      fc.integer({ min: 1, max: 9 }).map((n) => [n, `M${n}`] as const),
      fc.integer({ min: 1, max: 9 }).map((n) => [n, `dose ${n}`] as const),
    );
    fc.assert(
      fc.property(fc.constantFrom(...headers), markers, fc.boolean(), fc.constantFrom(' ', ' - ', ': ', '  '), (header, [dose, marker], before, sep) => {
        const text = before ? `${marker}${sep}${header}` : `${header}${sep}${marker}`;
        const read = doseMarker(text);
        expect(read?.mark).toEqual({ dose });
        expect(matchHeader(read!.rest)?.field).toBe(matchHeader(header)?.field);
      }),
    );
  });
});
