// The expiry step's messages (probe 16, F4): times in Viet Nam time (UTC+7, as the clinic reads
// them) instead of raw UTC ISO, and "check the PC's date and time" when the check time itself
// looks wrong: before 2021, or a certificate issued more than a day after it.
import { describe, expect, it } from 'vitest';
import { checkCwtValidity } from '../../../shared/dcc/expiry.js';

const iat = Date.parse('2026-11-24T05:36:58Z') / 1000; // 12:36 24/11/2026 in Viet Nam
const exp = Date.parse('2027-11-24T05:36:58Z') / 1000;
const claims = { iat, exp };
const HINT_EN = "check the PC's date and time";
const HINT_VI = 'hãy kiểm tra ngày giờ của máy tính';

describe('CWT validity messages', () => {
  it('not yet valid with the PC clock at 2000: Viet Nam times and the clock hint', () => {
    const e = checkCwtValidity(claims, new Date('2000-01-01T01:00:00Z'))!;
    expect(e.code).toBe('CWT_NOT_YET_VALID');
    expect(e.messageEn).toContain('issued at 12:36 24/11/2026 (UTC+7), checked at 08:00 01/01/2000 (UTC+7)');
    expect(e.messageEn).toContain(HINT_EN);
    expect(e.messageVi).toContain('cấp lúc 12:36 24/11/2026 (UTC+7)');
    expect(e.messageVi).toContain(HINT_VI);
    expect(e.messageEn).not.toContain('2026-11-24T');
  });

  it('not yet valid by more than a day (a recent clock far behind): the clock hint', () => {
    const e = checkCwtValidity(claims, new Date((iat - 2 * 86_400) * 1000))!;
    expect(e.code).toBe('CWT_NOT_YET_VALID');
    expect(e.messageEn).toContain(HINT_EN);
  });

  it('not yet valid by minutes (two machines a little apart): Viet Nam times, no clock hint', () => {
    const e = checkCwtValidity(claims, new Date((iat - 600) * 1000))!;
    expect(e.code).toBe('CWT_NOT_YET_VALID');
    expect(e.messageEn).toContain('issued at 12:36 24/11/2026 (UTC+7)');
    expect(e.messageEn).not.toContain(HINT_EN);
    expect(e.messageVi).not.toContain(HINT_VI);
  });

  it('expired: the expiry in Viet Nam time, no clock hint for a plausible check time', () => {
    const e = checkCwtValidity(claims, new Date('2027-12-30T00:00:00Z'))!;
    expect(e.code).toBe('CWT_EXPIRED');
    expect(e.messageEn).toBe('The certificate has expired: expired at 12:36 24/11/2027 (UTC+7), checked at 07:00 30/12/2027 (UTC+7)');
    expect(e.messageVi).toContain('hết hạn lúc 12:36 24/11/2027 (UTC+7)');
    expect(e.messageEn).not.toContain(HINT_EN);
  });

  it('the DSC validity range in Viet Nam time', () => {
    const e = checkCwtValidity(claims, new Date((iat + 60) * 1000), { notBefore: new Date('2026-01-01T00:00:00Z'), notAfter: new Date('2027-01-01T00:00:00Z') })!;
    expect(e.code).toBe('DSC_NOT_VALID');
    expect(e.messageEn).toContain('the DSC is valid 07:00 01/01/2026 (UTC+7) – 07:00 01/01/2027 (UTC+7)');
  });

  it('valid inside the window', () => {
    expect(checkCwtValidity(claims, new Date((iat + 60) * 1000))).toBeNull();
  });
});
