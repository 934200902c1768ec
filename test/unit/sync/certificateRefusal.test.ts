// CERT_EXPIRED from the platform, told apart by the details of its reply (probe 17, F5): signed
// after the certificate's end, or signed in time and sent past the grace after it.
import { describe, expect, it } from 'vitest';
import { certificateRefusal } from '../../../electron/core/sync/certificateRefusal.js';
import { SyncFailure } from '../../../electron/core/sync/syncFailure.js';

const platform = (details: unknown, code = 'CERT_EXPIRED') => new SyncFailure('refused', code, 'Chứng thư số đã hết hạn', 'The certificate has expired', { details, status: 422 });
const batch = { id: '0192a1b2-0000-7000-8000-000000000001', createdAt: '2027-01-10T02:00:00.000Z' };
const notAfter = '2027-01-10T16:59:59.000Z';

describe('certificateRefusal', () => {
  it('signed in time, sent too late: says so, with the signing time and the end in Viet Nam time', () => {
    const e = certificateRefusal(platform({ certificate: 'facility', notAfter, now: '2027-02-15T02:00:00.000Z' }), batch);
    expect(e.code).toBe('CERT_EXPIRED');
    expect(e.messageEn).toBe(
      `Batch ${batch.id} was signed at 09:00 10/01/2027 (UTC+7), while the certificate was valid (until 23:59 10/01/2027 (UTC+7)), but sent too long after the certificate ended, so the national platform no longer takes it. Put this batch's records back in the signing queue (Sync screen) and sign them again with a certificate valid now.`,
    );
    expect(e.messageVi).toMatch(/được ký lúc 09:00 10\/01\/2027 \(UTC\+7\), khi chứng thư số còn hiệu lực/);
    expect(e.details).toMatchObject({ now: '2027-02-15T02:00:00.000Z' });
  });

  it('signed after the end: renew the certificate', () => {
    const e = certificateRefusal(platform({ certificate: 'facility', notAfter: '2027-01-01T00:00:00.000Z', signedAt: batch.createdAt }), batch);
    expect(e.messageEn).toMatch(/was signed at 09:00 10\/01\/2027 \(UTC\+7\), after the certificate had ended \(07:00 01\/01\/2027 \(UTC\+7\)\)\. Renew the certificate/);
    expect(e.messageVi).toMatch(/Hãy gia hạn chứng thư số/);
  });

  it("leaves other codes, and details it cannot read, in the platform's words", () => {
    const other = platform({ notAfter }, 'CERT_UNTRUSTED');
    expect(certificateRefusal(other, batch)).toBe(other);
    const unread = platform({ end: 'soon' });
    expect(certificateRefusal(unread, batch)).toBe(unread);
    // The end alone says neither when it was signed nor when it was sent (review of session 17).
    const endOnly = platform({ notAfter });
    expect(certificateRefusal(endOnly, batch)).toBe(endOnly);
    // A signing time before the end contradicts "expired when signed": the platform's words stand.
    const contradicting = platform({ notAfter, signedAt: batch.createdAt });
    expect(certificateRefusal(contradicting, batch)).toBe(contradicting);
    expect(certificateRefusal(platform(null), batch).messageEn).toBe('The certificate has expired');
  });
});
