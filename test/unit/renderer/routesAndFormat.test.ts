// Screens by URL fragment, dates as dd/mm/yyyy, finding fields by their on-screen label.
import { describe, expect, it } from 'vitest';
import { href, parseRoute } from '../../../renderer/src/app/routes.js';
import { fieldLabel } from '../../../renderer/src/components/fieldLabel.js';
import { formatDate, formatDateTime, parseDateField } from '../../../renderer/src/i18n/format.js';
import { translate } from '../../../renderer/src/i18n/translate.js';

describe('routes', () => {
  it('reads the screen and its parameter, and falls back to the overview', () => {
    expect(parseRoute('#/records/01a2-b')).toEqual({ screen: 'records', param: '01a2-b' });
    expect(parseRoute('#/sign')).toEqual({ screen: 'sign', param: null });
    expect(parseRoute('#secret=abc')).toEqual({ screen: 'overview', param: null });
    expect(parseRoute('#/nope')).toEqual({ screen: 'overview', param: null });
    expect(parseRoute(href('certificates', 'a/b c'))).toEqual({ screen: 'certificates', param: 'a/b c' });
  });
});

describe('dates', () => {
  it('shows calendar dates and partial ones day first', () => {
    expect(formatDate('2021-09-01')).toBe('01/09/2021');
    expect(formatDate('1990-05')).toBe('05/1990');
    expect(formatDate('2021-09-01T10:00:00Z')).toBe('01/09/2021');
    expect(formatDate(null)).toBe('');
  });

  it('shows instants in local time, day first, and reads typed dates', () => {
    expect(formatDateTime(new Date(2021, 8, 1, 7, 5).toISOString())).toBe('01/09/2021 07:05');
    expect(formatDateTime('garbage')).toBe('garbage');
    expect(parseDateField('1/9/2021')).toBe('2021-09-01');
    expect(parseDateField('  ')).toBe('');
    expect(parseDateField('31/02/2021')).toBeNull();
  });
});

describe('finding field labels', () => {
  it('labels the core’s field names in the current language', () => {
    expect(fieldLabel('idNumber', (k) => translate('vi', k))).toBe('Số giấy tờ');
    expect(fieldLabel('person.dob', (k) => translate('en', k))).toBe('Date of birth');
    expect(fieldLabel('somethingNew', (k) => translate('en', k))).toBe('somethingNew');
  });
});
