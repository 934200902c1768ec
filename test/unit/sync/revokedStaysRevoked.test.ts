// A certificate held revoked, sent again without its revocation: the platform's feed read again
// from its start (it refused the stored cursor), or a page that holds the certificate after its
// revocation (duplicates in one page, out of order). The entry as issued is older news than the
// revocation: it must not make the revoked certificate valid again, even for a page.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { auditCount, openTestStore, tempDir, type TestStore } from '../db/storeHarness.js';
import { memoryLogger } from '../../../electron/core/logger.js';
import { pullCertificates } from '../../../electron/core/sync/pullCertificates.js';
import { SYNC_KEYS, syncState } from '../../../electron/core/sync/syncState.js';
import { parseTrustList } from '../../../shared/dcc/trust.js';
import type { TrustEntry } from '../../../shared/dcc/trustEntry.js';
import type { IssuedCertificate } from '../../../shared/platform/api.js';
import { loadOrCreateDscs } from '../../platform/issuance/dscKeys.js';
import { acceptedRecord, feed, issuedFor } from './certificateFeed.js';

describe('a revoked certificate sent again as issued', () => {
  let t: TestStore;
  let trust: TrustEntry[];
  let cert: IssuedCertificate;
  let id: string;
  const dirs = tempDir('station-revoked-again-');
  beforeEach(async () => {
    t?.close();
    t = openTestStore();
    id = acceptedRecord(t.store, { idNumber: '079090004444', fullName: 'Bùi Thị Lan' }, 'XR4');
    const dscs = await loadOrCreateDscs(dirs.dir, 'ES256', new Date());
    trust = await parseTrustList(dscs.trustList);
    cert = await issuedFor(t.store, id, dscs.active, new Date());
  });
  afterAll(() => {
    t.close();
    dirs.cleanup();
  });
  const pull = (items: IssuedCertificate[]) => {
    syncState(t.db, t.ports.now).set(SYNC_KEYS.cursor, null);
    return pullCertificates({ store: t.store, client: feed(items), state: syncState(t.db, t.ports.now), ports: t.ports, logger: memoryLogger(), trust }, { pageSize: 10 });
  };
  const held = () => t.db.prepare('SELECT uvci, revoked_at AS revokedAt FROM certificates WHERE record_id = ?').get(id);

  it('the feed read again from its start, up to the certificate only: it stays revoked', async () => {
    const revokedAt = new Date().toISOString();
    await pull([cert, { ...cert, revokedAt }]);
    expect(held()).toEqual({ uvci: cert.uvci, revokedAt });
    const audits = auditCount(t.db);
    await pull([cert]);
    expect(held()).toEqual({ uvci: cert.uvci, revokedAt });
    // Read again in full: no second revocation in the audit log.
    await pull([cert, { ...cert, revokedAt }]);
    expect(held()).toEqual({ uvci: cert.uvci, revokedAt });
    expect(auditCount(t.db)).toBe(audits);
  });

  it('a page holding the revocation before the certificate: it is stored revoked', async () => {
    const revokedAt = new Date().toISOString();
    await pull([{ ...cert, revokedAt }, cert]);
    expect(held()).toEqual({ uvci: cert.uvci, revokedAt });
  });
});
