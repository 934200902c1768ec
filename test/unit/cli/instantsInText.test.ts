// The CLI's text output gives instants as the clinic reads them: the Viet Nam day or time (UTC+7),
// never the UTC day or a raw UTC ISO string (the --json output keeps the ISO instants). 18:30 UTC
// on 28/02/2024 is 01:30 on 29/02/2024 in Viet Nam.
import { describe, expect, it } from 'vitest';
import type { TokenSummary } from '../../../shared/signer/index.js';
import { batchListLine } from '../../../electron/cli/commands/batches.js';
import { certificateListLine } from '../../../electron/cli/commands/certificates.js';
import { syncText } from '../../../electron/cli/commands/sync.js';
import { tokenLines } from '../../../electron/cli/commands/token.js';
import type { SyncRunResult } from '../../../electron/core/sync/syncService.js';

const AT = '2024-02-28T18:30:19.000Z';

describe('CLI text output in Viet Nam time', () => {
  it('certificates list: the issue day is the Viet Nam day', () => {
    const line = certificateListLine({ recordId: 'r1', uvci: 'URN:UVCI:01:VN:X', issuedAt: AT, revokedAt: null, fullName: 'Trần Thị Bình' });
    expect(line).toBe('r1  URN:UVCI:01:VN:X  2024-02-29  Trần Thị Bình');
  });

  it('batches list: the signing time in Viet Nam time', () => {
    expect(batchListLine({ id: 'b1', state: 'signed', count: 2, alg: 'ES256', createdAt: AT })).toBe('b1  signed          2  ES256  01:30 29/02/2024 (UTC+7)');
  });

  it('sync: the next try in Viet Nam time', () => {
    const r: SyncRunResult = {
      uploadedBatches: 0, failedBatches: 0, accepted: 0, rejected: 0, duplicates: 0, certificates: 0, revoked: 0, ignored: 0, setAside: 0, recovered: 0, deferred: true,
      status: { platformUrl: null, lastContactAt: AT, pendingBatches: 1, nextTryAt: AT, clockSkewSeconds: null, clockWarning: null, lastError: null, certificatesSetAside: { total: 0, items: [] }, certificatesDismissed: { total: 0, items: [] } },
    };
    expect(syncText(r)).toContain('pending batches: 1 (next try 01:30 29/02/2024 (UTC+7))');
    expect(syncText(r)).not.toContain(AT);
  });

  it('sync: each certificate set aside with its reason in both languages', () => {
    const item = { id: '0123456789abcdef', recordId: 'r1', uvci: 'URN:UVCI:01:VN:AB#C', recordHeld: true, code: 'CERTIFICATE_UNVERIFIED', message_vi: 'không xác minh được', message_en: 'does not verify', firstSeenAt: AT, lastTriedAt: AT, tries: 2 };
    const r: SyncRunResult = {
      uploadedBatches: 0, failedBatches: 0, accepted: 0, rejected: 0, duplicates: 0, certificates: 3, revoked: 0, ignored: 0, setAside: 1, recovered: 0, deferred: false,
      status: { platformUrl: null, lastContactAt: AT, pendingBatches: 0, nextTryAt: null, clockSkewSeconds: null, clockWarning: null, lastError: null, certificatesSetAside: { total: 1, items: [item] }, certificatesDismissed: { total: 0, items: [] } },
    };
    const text = syncText(r);
    expect(text).toContain('1 set aside now');
    expect(text).toContain('certificates set aside: 1');
    expect(text).toContain('0123456789abcdef r1 URN:UVCI:01:VN:AB#C CERTIFICATE_UNVERIFIED (2×): không xác minh được / does not verify');
  });

  it('token list: the certificate validity in Viet Nam time', () => {
    const token = {
      serial: 's', label: 'L', manufacturer: 'M', model: 'X', loggedIn: false, warnings: [],
      certificates: [{ subject: 'CN=A', fingerprint: 'f', issuer: 'CN=B', notBefore: AT, notAfter: '2025-02-28T17:00:00.000Z', keyType: 'EC', keyBits: 256, curve: 'P-256', alg: -7, keyUsage: ['digitalSignature'], extKeyUsage: null, usable: true, problems: [], warnings: [] }],
    } as unknown as TokenSummary;
    expect(tokenLines(token)).toContain('    valid:    01:30 29/02/2024 (UTC+7) → 00:00 01/03/2025 (UTC+7)');
  });
});
