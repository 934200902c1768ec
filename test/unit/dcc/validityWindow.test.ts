// The expiry step's window at its edges (hcert spec §3.3.3, §3.3.4): a certificate is valid from
// its iat to its exp INCLUDED, and its iat/exp must lie inside the DSC's validity, edges included.
// A verifier that refused a code scanned in its first or last second, or accepted one a second
// out, would disagree with every other EU DCC verifier on the same code.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCwtValidity } from '../../../shared/dcc/expiry.js';

const iat = Date.parse('2026-11-24T05:36:58Z') / 1000;
const exp = Date.parse('2027-11-24T05:36:58Z') / 1000;
const at = (seconds: number) => new Date(seconds * 1000);
const code = (e: ReturnType<typeof checkCwtValidity>) => e?.code ?? null;

describe('the CWT validity window, edges included', () => {
  it('valid at exactly iat and at exactly exp; one millisecond outside is refused', () => {
    expect(checkCwtValidity({ iat, exp }, at(iat))).toBeNull();
    expect(checkCwtValidity({ iat, exp }, at(exp))).toBeNull();
    expect(code(checkCwtValidity({ iat, exp }, at(iat - 0.001)))).toBe('CWT_NOT_YET_VALID');
    expect(code(checkCwtValidity({ iat, exp }, at(exp + 0.001)))).toBe('CWT_EXPIRED');
  });

  it('any check time: before iat not yet valid, after exp expired, in between (edges too) valid', () => {
    const second = fc.integer({ min: Date.parse('2021-06-01T00:00:00Z') / 1000, max: Date.parse('2035-01-01T00:00:00Z') / 1000 });
    fc.assert(fc.property(second, fc.nat(5 * 365 * 86_400), fc.integer({ min: -3 * 86_400, max: 3 * 86_400 }), (start, length, offset) => {
      const claims = { iat: start, exp: start + length };
      const t = offset < 0 ? claims.iat + offset : offset <= length ? claims.iat + offset : claims.exp + (offset - length);
      const expected = t < claims.iat ? 'CWT_NOT_YET_VALID' : t > claims.exp ? 'CWT_EXPIRED' : null;
      expect(code(checkCwtValidity(claims, at(t)))).toBe(expected);
    }), { numRuns: 500 });
  });

  it('the DSC validity bounds iat and exp, edges included', () => {
    const dsc = { notBefore: at(iat), notAfter: at(exp) };
    const inside = at(iat + 60);
    expect(checkCwtValidity({ iat, exp }, inside, dsc)).toBeNull();
    expect(code(checkCwtValidity({ iat, exp: exp + 1 }, inside, dsc))).toBe('DSC_NOT_VALID');
    expect(code(checkCwtValidity({ iat: iat - 1, exp }, inside, dsc))).toBe('DSC_NOT_VALID');
  });
});
