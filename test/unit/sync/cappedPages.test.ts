// A platform that gives fewer certificates per page than asked (its own cap below the station's
// 200, or a feed paged over every facility and filtered after): every page is "shorter than
// asked". The station took the first short page for the end of the feed, so each run read one
// page: after a campaign, the passports of a clinic came a page per sync, hours apart (session
// 28). A short page is now read on from; the feed ends at an empty page, a page without a new
// cursor, or the run's horizon.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../../electron/core/logger.js';
import type { PlatformClient } from '../../../electron/core/sync/platformClient.js';
import { pullCertificates } from '../../../electron/core/sync/pullCertificates.js';
import { SYNC_KEYS, syncState } from '../../../electron/core/sync/syncState.js';
import { parseTrustList } from '../../../shared/dcc/trust.js';
import type { TrustEntry } from '../../../shared/dcc/trustEntry.js';
import type { CertificatesFeedPage, IssuedCertificate } from '../../../shared/platform/api.js';
import { loadOrCreateDscs } from '../../platform/issuance/dscKeys.js';
import { openTestStore, tempDir, type TestStore } from '../db/storeHarness.js';
import { acceptedRecord, issuedFor } from './certificateFeed.js';

describe('a platform whose pages are shorter than asked', () => {
  let t: TestStore;
  let trust: TrustEntry[];
  const certs: IssuedCertificate[] = [];
  const dirs = tempDir('station-capped-');
  beforeAll(async () => {
    t = openTestStore();
    const dscs = await loadOrCreateDscs(dirs.dir, 'ES256', new Date());
    trust = await parseTrustList(dscs.trustList);
    for (let n = 0; n < 7; n++) {
      const id = acceptedRecord(t.store, { idNumber: `0790900077${10 + n}`, fullName: `Phan Văn ${['An', 'Bình', 'Cường', 'Dũng', 'Giang', 'Hải', 'Khoa'][n]}` }, 'XC1');
      certs.push(await issuedFor(t.store, id, dscs.active, new Date(Date.now() - 60_000)));
    }
  });
  afterAll(() => {
    t.close();
    dirs.cleanup();
  });
  const cappedFeed = (cap: number) => {
    const asked: (string | null)[] = [];
    const client = {
      async certificates(after: string | null, limit: number): Promise<CertificatesFeedPage> {
        asked.push(after);
        const start = after === null ? 0 : Number(after.slice(1));
        const page = certs.slice(start, start + Math.min(limit, cap));
        return { certificates: page, next: page.length === 0 ? null : `c${start + page.length}`, serverTime: new Date().toISOString() };
      },
    } as unknown as PlatformClient;
    return { client, asked };
  };

  it('reads every page of the feed in one run, and ends at the empty page', async () => {
    syncState(t.db, t.ports.now).set(SYNC_KEYS.cursor, null);
    const { client, asked } = cappedFeed(3);
    const r = await pullCertificates({ store: t.store, client, state: syncState(t.db, t.ports.now), ports: t.ports, logger: memoryLogger(), trust }, { pageSize: 10 });
    expect(r).toMatchObject({ certificates: 7, setAside: 0, stoppedBy: null });
    expect(asked).toEqual([null, 'c3', 'c6', 'c7']);
    expect(syncState(t.db, t.ports.now).get(SYNC_KEYS.cursor)).toBe('c7');
    expect(t.db.prepare("SELECT count(*) AS n FROM dose_records WHERE state = 'issued'").get()).toEqual({ n: 7 });
  });
});
