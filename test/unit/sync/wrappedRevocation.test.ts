// The platform's revocation of a certificate held here, its HC1 sent with more than the code
// (wrapped with a line break, a quote after it: what CERTIFICATE_HC1_NOT_BARE sets aside for a new
// certificate). It was passed over as "not a bare HC1": the record kept its certificate as valid,
// and the station's verify said the revoked QR was valid. The code it holds is the notice's, read
// through the pasted-text repairs: the revocation is applied to it, the held code kept as stored.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../../electron/core/logger.js';
import { pullCertificates } from '../../../electron/core/sync/pullCertificates.js';
import { syncState } from '../../../electron/core/sync/syncState.js';
import { parseTrustList } from '../../../shared/dcc/trust.js';
import type { TrustEntry } from '../../../shared/dcc/trustEntry.js';
import type { IssuedCertificate } from '../../../shared/platform/api.js';
import { loadOrCreateDscs } from '../../platform/issuance/dscKeys.js';
import { openTestStore, tempDir, type TestStore } from '../db/storeHarness.js';
import { acceptedRecord, feed, issuedFor } from './certificateFeed.js';

describe('a revocation of a certificate held here, its HC1 not bare', () => {
  let t: TestStore;
  let trust: TrustEntry[];
  let cert: IssuedCertificate;
  let id: string;
  const dirs = tempDir('station-dsc-wrapped-');
  beforeEach(async () => {
    t?.close();
    t = openTestStore();
    id = acceptedRecord(t.store, { idNumber: '079090003333', fullName: 'Hồ Thị Mai' }, 'XR3');
    const dscs = await loadOrCreateDscs(dirs.dir, 'ES256', new Date());
    trust = await parseTrustList(dscs.trustList);
    cert = await issuedFor(t.store, id, dscs.active, new Date());
  });
  afterAll(() => {
    t.close();
    dirs.cleanup();
  });
  const pull = (items: IssuedCertificate[], list = trust) =>
    pullCertificates({ store: t.store, client: feed(items), state: syncState(t.db, t.ports.now), ports: t.ports, logger: memoryLogger(), trust: list }, { pageSize: 10 });
  const held = () => t.db.prepare('SELECT hc1, revoked_at AS revokedAt FROM certificates WHERE record_id = ?').get(id);

  it.each([
    ['wrapped over two lines', (hc1: string) => `${hc1.slice(0, 60)}\n${hc1.slice(60)}`],
    ['with a line break after it', (hc1: string) => `${hc1}\r\n`],
    ['with a quote and a space after it', (hc1: string) => `${hc1}" `],
    ['wrapped with a space at each line end', (hc1: string) => `${hc1.slice(0, 76)} \n${hc1.slice(76, 152)} \n${hc1.slice(152)}`],
  ])('%s: the record\'s certificate is revoked, its code kept as held', async (_, wrap) => {
    await pull([cert]);
    const revokedAt = new Date().toISOString();
    // Its signer retired meanwhile: the notice cannot be checked against today's list.
    const r = await pull([cert, { ...cert, hc1: wrap(cert.hc1), revokedAt }], []);
    expect(r).toMatchObject({ revoked: 1, ignored: 0, setAside: 0 });
    expect(held()).toEqual({ hc1: cert.hc1, revokedAt });
  });

  it('a wrapped revocation of another code than the one held is still passed over', async () => {
    await pull([cert]);
    const other = `${cert.hc1.slice(0, -4)}AAAA`;
    const r = await pull([cert, { ...cert, hc1: `${other}\n`, revokedAt: new Date().toISOString() }], []);
    expect(r).toMatchObject({ revoked: 0, ignored: 1 });
    expect(held()).toEqual({ hc1: cert.hc1, revokedAt: null });
  });

  it('the held certificate sent again wrapped is taken as held, not set aside', async () => {
    await pull([cert]);
    const r = await pull([cert, { ...cert, hc1: `${cert.hc1.slice(0, 60)}\n${cert.hc1.slice(60)}` }]);
    expect(r).toMatchObject({ setAside: 0, ignored: 0 });
    expect(held()).toEqual({ hc1: cert.hc1, revokedAt: null });
  });
});
