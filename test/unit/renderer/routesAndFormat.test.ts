// Screens by URL fragment, dates as dd/mm/yyyy, finding fields by their on-screen label.
import { describe, expect, it } from 'vitest';
import { href, parseRoute } from '../../../renderer/src/app/routes.js';
import { fieldLabel } from '../../../renderer/src/components/fieldLabel.js';
import { formatDate, formatDateTime, formatMegabytes, formatSkew, parseDateField } from '../../../renderer/src/i18n/format.js';
import { translate } from '../../../renderer/src/i18n/translate.js';

describe('routes', () => {
  it('reads the screen and its parameter, and falls back to the overview', () => {
    expect(parseRoute('#/records/01a2-b')).toEqual({ screen: 'records', param: '01a2-b', query: {} });
    expect(parseRoute('#/sign')).toEqual({ screen: 'sign', param: null, query: {} });
    expect(parseRoute('#secret=abc')).toEqual({ screen: 'overview', param: null, query: {} });
    expect(parseRoute('#/nope')).toEqual({ screen: 'overview', param: null, query: {} });
    expect(parseRoute('#/nope?state=draft')).toEqual({ screen: 'overview', param: null, query: {} });
    expect(parseRoute(href('certificates', 'a/b c'))).toEqual({ screen: 'certificates', param: 'a/b c', query: {} });
  });

  it("carries a screen's filters after '?' (the sign screen's link to the drafts)", () => {
    expect(href('records', undefined, { state: 'draft' })).toBe('#/records?state=draft');
    expect(parseRoute(href('records', undefined, { state: 'draft' }))).toEqual({ screen: 'records', param: null, query: { state: 'draft' } });
    expect(parseRoute(href('records', undefined, { search: 'Nguyễn Văn & An' }))).toEqual({ screen: 'records', param: null, query: { search: 'Nguyễn Văn & An' } });
    expect(href('records', undefined, {})).toBe('#/records');
  });
});

describe('dates', () => {
  it('shows calendar dates and partial ones day first', () => {
    expect(formatDate('2021-09-01')).toBe('01/09/2021');
    expect(formatDate('1990-05')).toBe('05/1990');
    expect(formatDate('2021-09-01T10:00:00Z')).toBe('01/09/2021');
    expect(formatDate(null)).toBe('');
  });

  it('shows an instant as its Viet Nam day, not its UTC day, whatever zone the PC is in', () => {
    // 18:30 UTC on 28/02 is 01:30 on 29/02 in Viet Nam (UTC+7): the certificate was issued on 29/02.
    expect(formatDate('2024-02-28T18:30:00Z')).toBe('29/02/2024');
    expect(formatDate('2024-02-28T18:30:19.000Z')).toBe('29/02/2024');
    expect(formatDate('2025-02-28T16:59:59.999Z')).toBe('28/02/2025');
    expect(formatDate('2025-02-28T17:00:00.000Z')).toBe('01/03/2025');
    // An offset already in the text is honoured: 23:00 on 31/12 in Los Angeles is 14:00 on 01/01 in Viet Nam.
    expect(formatDate('2023-12-31T23:00:00-08:00')).toBe('01/01/2024');
    // Calendar dates stay the day they name.
    expect(formatDate('2024-02-29')).toBe('29/02/2024');
  });
});

describe('instants', () => {
  it('shows instants in Viet Nam time, day first, and reads typed dates', () => {
    expect(formatDateTime('2024-02-28T18:30:00Z')).toBe('29/02/2024 01:30');
    expect(formatDateTime('2021-09-01T00:05:00Z')).toBe('01/09/2021 07:05');
    expect(formatDateTime('2021-09-01T07:05:00+07:00')).toBe('01/09/2021 07:05');
    // Unix seconds (the DCC's iat/exp): 1709145000 is 2024-02-28T18:30:00Z.
    expect(formatDateTime(1_709_145_000)).toBe('29/02/2024 01:30');
    expect(formatDateTime('garbage')).toBe('garbage');
    expect(formatDateTime(null)).toBe('');
    expect(parseDateField('1/9/2021')).toBe('2021-09-01');
    expect(parseDateField('  ')).toBe('');
    expect(parseDateField('31/02/2021')).toBeNull();
  });

  it('does not depend on the process time zone', () => {
    // Unless the process runs at UTC+7, a PC-local formatter shows other hours than these
    // (and the day differs too in every zone from UTC-12 to UTC+6 for one of them).
    expect(formatDateTime('2024-06-30T17:00:00Z')).toBe('01/07/2024 00:00');
    expect(formatDateTime('2024-06-30T05:00:00Z')).toBe('30/06/2024 12:00');
  });
});

describe('finding field labels', () => {
  it('labels the core’s field names in the current language', () => {
    expect(fieldLabel('idNumber', (k) => translate('vi', k))).toBe('Số giấy tờ');
    expect(fieldLabel('person.dob', (k) => translate('en', k))).toBe('Date of birth');
    expect(fieldLabel('somethingNew', (k) => translate('en', k))).toBe('somethingNew');
  });

  it('says a finding about the whole row (a dose already imported) in words, not as the core’s `row`', () => {
    expect(fieldLabel('row', (k) => translate('vi', k))).toBe('Cả dòng');
    expect(fieldLabel('row', (k) => translate('en', k))).toBe('Whole row');
  });
});

describe('formatSkew', () => {
  it('says the PC clock difference in the largest whole unit, and which way', () => {
    expect(formatSkew(-848_785_170, 'en')).toBe('9,824 days (this PC is behind)');
    expect(formatSkew(-848_785_170, 'vi')).toBe('9.824 ngày (máy tính chậm hơn)');
    expect(formatSkew(7 * 3600 + 20, 'en')).toBe('7 hours (this PC is ahead)');
    expect(formatSkew(90, 'vi')).toBe('2 phút (máy tính nhanh hơn)');
    expect(formatSkew(1, 'en')).toBe('1 second (this PC is ahead)');
    expect(formatSkew(0.2, 'en')).toBe('in step');
  });
});

describe('formatMegabytes', () => {
  it('gives a size in MB with one decimal, in each language\'s separators', () => {
    expect(formatMegabytes(1_611_065_753, 'en')).toBe('1,536.4 MB');
    expect(formatMegabytes(1_611_065_753, 'vi')).toBe('1.536,4 MB');
    expect(formatMegabytes(0, 'en')).toBe('0.0 MB');
  });

  it('says a size too small to show as under 0.1 MB, not as nothing (session 22 review)', () => {
    expect(formatMegabytes(3000, 'en')).toBe('< 0.1 MB');
    expect(formatMegabytes(3000, 'vi')).toBe('< 0,1 MB');
    expect(formatMegabytes(0.06 * 1024 ** 2, 'vi')).toBe('0,1 MB');
    // The command line's "vi / en" lines: no thousands separator either language would misread.
    expect(formatMegabytes(1_611_065_753, 'en', { grouping: false })).toBe('1536.4 MB');
  });
});
