// A batch the platform refused for its certificate (here: a CA it does not trust) is put back in
// the signing queue; the station must not then sign the records again with the same certificate
// without a word, which would come back refused again (session 24's probe: a loop). It says, before
// any PIN, that the platform refused that certificate, with the batch and the platform's reason;
// another certificate signs as usual.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isStationError } from '../../../shared/errors.js';
import { createFacilityCert, createTestCa } from '../platform/facilityFixture.js';
import { softwareSigner } from './softwareSigner.js';
import { FACILITY, openSyncWorld, type SyncWorld } from './syncWorld.js';

describe('a certificate the platform refused, chosen again', () => {
  let w: SyncWorld;
  let untrusted: ReturnType<typeof softwareSigner>;
  let refused: string;

  beforeAll(async () => {
    w = await openSyncWorld({ records: 10, seed: 31 });
    untrusted = softwareSigner(await createFacilityCert(await createTestCa('CA the platform does not trust'), FACILITY.taxCode));
    refused = await w.sign(5, untrusted);
    expect(await w.client.call('sync.run', {})).toMatchObject({ rejected: 5 });
    expect(await w.client.call('batches.requeue', { id: refused })).toMatchObject({ refusal: { code: 'CERT_UNTRUSTED' }, requeued: 5 });
  });
  afterAll(() => w.close());

  it('is refused before the PIN, naming the refused batch and the platform’s reason in both languages', async () => {
    const e = await w.sign(undefined, untrusted).catch((err: unknown) => err);
    expect(isStationError(e) && e.code).toBe('SIGN_NO_USABLE_CERTIFICATE');
    const { messageVi, messageEn } = e as { messageVi: string; messageEn: string };
    expect(messageVi).toContain(`Hệ thống quốc gia đã từ chối lô ${refused}`);
    expect(messageVi).toContain('CERT_UNTRUSTED');
    expect(messageEn).toContain(`The national platform refused batch ${refused} signed with this certificate`);
    expect(messageEn).toContain('would be refused again');
    expect(w.station.store.countByState()).toMatchObject({ signed: 0 });
  });

  it('is remembered by the certificate’s fingerprint, the good certificate not', async () => {
    const fingerprint = (await untrusted.listTokens({})).tokens[0]!.certificates[0]!.fingerprint;
    const good = (await w.station.signing.listTokens()).tokens[0]!.certificates[0]!;
    const refusals = w.station.signing.batches.certificateRefusals();
    expect(refusals.get(fingerprint)).toMatchObject({ batch: refused, reason: { code: 'CERT_UNTRUSTED' } });
    expect(refusals.has(good.fingerprint)).toBe(false);
    expect(good).toMatchObject({ usable: true, whyNot: [] });
  });

  it('another certificate signs the records put back, and the platform takes them', async () => {
    const batch = await w.sign();
    expect(w.station.signing.batches.recordIds(batch)).toHaveLength(10);
    expect(await w.client.call('sync.run', {})).toMatchObject({ accepted: 10, rejected: 0 });
  });
});
