// Small parts with rules of their own: certificate validity in calendar months, the opaque feed
// cursor, the Vietnamese "today", and the command line.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isStationError } from '../../../shared/errors.js';
import { vietnamDay } from '../../../shared/domain/dates.js';
import { parseCliArgs } from '../../platform/cliArgs.js';
import { decodeCursor, encodeCursor } from '../../platform/http/routes.js';
import { addCalendarMonths } from '../../platform/issuance/issueCertificate.js';

describe('addCalendarMonths (certificate exp = iat + 12 months)', () => {
  it.each([
    ['2026-01-15T10:20:30.000Z', 12, '2027-01-15T10:20:30.000Z'],
    ['2024-02-29T00:00:00.000Z', 12, '2025-02-28T00:00:00.000Z'],
    ['2027-02-28T23:59:59.000Z', 12, '2028-02-28T23:59:59.000Z'],
    ['2026-01-31T08:00:00.000Z', 1, '2026-02-28T08:00:00.000Z'],
    ['2026-12-31T08:00:00.000Z', 2, '2027-02-28T08:00:00.000Z'],
  ])('%s + %i months = %s', (from, months, to) => {
    expect(addCalendarMonths(new Date(from), months).toISOString()).toBe(to);
  });

  it('always lands in the month 12 months later, on the same day or the last day of that month', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2090-01-01'), noInvalidDate: true }), (d) => {
        const e = addCalendarMonths(d, 12);
        return (
          e.getUTCFullYear() === d.getUTCFullYear() + 1 &&
          e.getUTCMonth() === d.getUTCMonth() &&
          (e.getUTCDate() === d.getUTCDate() || (d.getUTCMonth() === 1 && d.getUTCDate() === 29 && e.getUTCDate() === 28)) &&
          e.getUTCHours() === d.getUTCHours()
        );
      }),
    );
  });
});

describe('feed cursor', () => {
  it('round-trips any sequence number, and an absent cursor is the start', () => {
    fc.assert(fc.property(fc.nat({ max: 1e12 }), (n) => decodeCursor(encodeCursor(n)) === n));
    expect(decodeCursor(null)).toBe(0);
  });

  it('refuses anything else with CURSOR_INVALID', () => {
    for (const bad of ['x', 'c2VxOg', Buffer.from('seq:-1').toString('base64url'), Buffer.from('seq:1e5').toString('base64url')]) {
      try {
        decodeCursor(bad);
        expect.unreachable(bad);
      } catch (e) {
        expect(isStationError(e) && e.code).toBe('CURSOR_INVALID');
      }
    }
  });
});

it('takes "today" in Viet Nam (UTC+7): a dose given at 06:00 local is not in the future', () => {
  expect(vietnamDay(new Date('2026-03-01T23:30:00Z'))).toBe('2026-03-02');
  expect(vietnamDay(new Date('2026-03-01T16:59:59Z'))).toBe('2026-03-01');
});

describe('parseCliArgs', () => {
  it('reads every flag, repeated ones included', () => {
    const dir = mkdtempSync(join(tmpdir(), 'platform-cli-'));
    try {
      const pem = join(dir, 'ca.pem');
      writeFileSync(pem, '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
      const people = join(dir, 'people.json');
      writeFileSync(people, JSON.stringify([{ idType: 'CCCD', idNumber: '079090001234', fullName: 'Nguyễn Văn An', dob: '1990-05-12', sex: 'M' }]));
      const o = parseCliArgs([
        '--port', '8443', '--data-dir', dir, '--trust-ca', pem, `--trust-ca=${pem}`, '--facility', 'F1:k1:0301234567',
        '--facility', 'F2:k2:0107654321-001', '--faults', 'latency=10-200,503=0.1', '--seed', '9', '--dsc-alg', 'PS256',
        '--population', people, '--population-size', '10', '--max-body-bytes', '65536', '--admin-token', 'adm', '--cert-grace-days', '7',
        '--issuance', 'background',
      ]);
      expect(o).toMatchObject({
        port: 8443, dataDir: dir, seed: 9, dscAlg: 'PS256', populationSize: 10, maxBodyBytes: 65536, adminToken: 'adm', certGraceDays: 7, issuance: 'background',
        facilities: [{ code: 'F1', apiKey: 'k1', taxCode: '0301234567' }, { code: 'F2', apiKey: 'k2', taxCode: '0107654321-001' }],
        faults: { latency: { min: 10, max: 200 } },
      });
      expect(o.trustCa).toHaveLength(2);
      expect(typeof o.trustCa![0]).toBe('string');
      expect(o.population).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    [[], /--data-dir is required/],
    [['--data-dir'], /needs a value/],
    [['--data-dir', 'd', '--verbose'], /unknown argument/],
    [['--data-dir', 'd', '--facility', 'F1:key'], /CODE:API_KEY:TAX_CODE/],
    [['--data-dir', 'd', '--port', '70000'], /--port/],
    [['--data-dir', 'd', '--dsc-alg', 'RS256'], /ES256 or PS256/],
    [['--data-dir', 'd', '--trust-ca', '/no/such/file.pem'], /cannot read/],
    [['--data-dir', 'd', '--issuance', 'later'], /inline, background or manual/],
  ])('refuses %j with USAGE', (argv, why) => {
    try {
      parseCliArgs(argv as string[]);
      expect.unreachable();
    } catch (e) {
      expect(isStationError(e) && e.code).toBe('USAGE');
      expect((e as Error).message).toMatch(why);
    }
  });
});
