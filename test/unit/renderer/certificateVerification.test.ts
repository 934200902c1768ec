// What the certificate screen says about a stored certificate's verification (probe 16, F3): a
// signature failure only when the signature step failed; an expired or not-yet-valid passport
// says so, with the Viet Nam time (18:30 UTC on 28/02 is 01:30 on 29/02 in Viet Nam).
import { describe, expect, it } from 'vitest';
import { translate } from '../../../renderer/src/i18n/translate.js';
import { verificationNotice, type VerificationNotice } from '../../../renderer/src/screens/certificates/verificationNotice.js';

const iat = Date.parse('2024-02-28T18:30:00Z') / 1000;
const exp = Date.parse('2025-02-28T18:30:00Z') / 1000;
const fallback = { issuedAt: '2024-02-28T18:30:00.000Z', expiresAt: '2025-02-28T18:30:00.000Z' };
const finding = (code: string) => ({ code, message: `${code} vi / ${code} en`, message_vi: `${code} vi`, message_en: `${code} en` });
const text = (n: VerificationNotice, lang: 'vi' | 'en') => n.lines.map((l) => translate(lang, l.key, l.vars)).join(' ');

describe('certificate verification notice', () => {
  it('an expired passport whose signature verified: expired, with the Viet Nam time; no signature failure', () => {
    const n = verificationNotice({ valid: false, steps: { signature: true, expiry: false }, errors: [finding('CWT_EXPIRED')], claims: { iat, exp } }, fallback);
    expect(n.kind).toBe('warning');
    expect(text(n, 'en')).toBe('The certificate’s digital signature is valid, but the certificate did not pass every check. It expired on 01/03/2025 01:30 (Viet Nam time).');
    expect(text(n, 'vi')).toContain('Chứng nhận đã hết hạn lúc 01/03/2025 01:30 (giờ Việt Nam).');
    expect(text(n, 'en')).not.toContain('could not be verified');
    expect(n.others).toEqual([]);
  });

  it('not yet valid (the PC clock behind): from when, in Viet Nam time, and to check the PC clock', () => {
    const n = verificationNotice({ valid: false, steps: { signature: true, expiry: false }, errors: [finding('CWT_NOT_YET_VALID')], claims: null }, fallback);
    expect(text(n, 'en')).toContain('It is not valid until 29/02/2024 01:30 (Viet Nam time)');
    expect(text(n, 'en')).toContain('this PC’s date or time is wrong');
    expect(text(n, 'vi')).toContain('29/02/2024 01:30 (giờ Việt Nam)');
  });

  it('a failed signature says so and lists the findings; another failed step is listed after a valid signature', () => {
    const bad = verificationNotice({ valid: false, steps: { signature: false, expiry: null }, errors: [finding('SIGNATURE_INVALID')], claims: { iat, exp } }, fallback);
    expect(text(bad, 'en')).toBe('The certificate’s digital signature could not be verified.');
    expect(bad.others.map((e) => e.code)).toEqual(['SIGNATURE_INVALID']);
    const unknownKey = verificationNotice({ valid: false, steps: { kid: false, signature: null }, errors: [finding('KID_UNKNOWN')], claims: null }, fallback);
    expect(text(unknownKey, 'en')).toBe('The certificate’s digital signature could not be verified.');
    const schema = verificationNotice({ valid: false, steps: { signature: true, schema: false }, errors: [finding('SCHEMA_INVALID')], claims: { iat, exp } }, fallback);
    expect(text(schema, 'en')).toBe('The certificate’s digital signature is valid, but the certificate did not pass every check.');
    expect(schema.others.map((e) => e.code)).toEqual(['SCHEMA_INVALID']);
  });

  it('a certificate the station holds revoked: the signature is valid, but it was revoked, with the Viet Nam time (probe 17, F1)', () => {
    const n = verificationNotice(
      { valid: false, steps: { signature: true, expiry: true }, errors: [finding('CERTIFICATE_REVOKED')], claims: { iat, exp } },
      { ...fallback, revokedAt: '2024-06-30T18:05:00.000Z' },
    );
    expect(n.kind).toBe('warning');
    expect(text(n, 'en')).toBe('The certificate’s digital signature is valid, but the certificate did not pass every check. It was revoked at 01/07/2024 01:05 (Viet Nam time).');
    expect(text(n, 'vi')).toContain('Chứng nhận đã bị thu hồi lúc 01/07/2024 01:05 (giờ Việt Nam).');
    expect(n.others).toEqual([]);
  });

  it('a valid certificate: the signature is valid', () => {
    const n = verificationNotice({ valid: true, steps: { signature: true }, errors: [], claims: { iat, exp } }, fallback);
    expect(n).toEqual({ kind: 'ok', lines: [{ key: 'certs.signatureValid' }], others: [] });
  });
});
