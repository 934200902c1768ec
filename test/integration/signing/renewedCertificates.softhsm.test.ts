// A certificate renewed on the token, as Vietnamese CAs do it (gia hạn): the new certificate is
// written beside the old one, on the same key or on a new key pair, and the CA's tool often
// reuses the old CKA_ID and CKA_LABEL. The station must sign with the renewed one, unasked.
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { type SoftHsmKeySpec, type SoftHsmTokenOptions } from '../../fixtures/softhsm.js';
import { stationOnToken, type Cleanup } from './stationOnToken.js';

let cleanup: Cleanup[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

const world = (opts: SoftHsmTokenOptions) => stationOnToken(opts, cleanup, 'station-renewed-');

const DAY = 86400_000;
const now = Date.now();
const fingerprint = (der: Uint8Array) => createHash('sha256').update(der).digest('hex');
const SAME_ID = new Uint8Array([0x01]);
const expired = { notBefore: new Date(now - 400 * DAY), notAfter: new Date(now - 5 * DAY) };

describe('a certificate renewed on a new key pair under the old CKA_ID and label', () => {
  for (const type of ['EC', 'RSA'] as const) {
    for (const renewedFirst of [false, true]) {
      it(`${type}, ${renewedFirst ? 'the renewed one stored first' : 'the expired one stored first'}: signs with the renewed certificate's own key`, async () => {
        const old: SoftHsmKeySpec = { type, id: SAME_ID, label: 'VNPT-CA', certificate: expired };
        const renewed: SoftHsmKeySpec = { type, id: SAME_ID, label: 'VNPT-CA' };
        const { station, token } = await world({ label: 'VNPT-CA', keys: renewedFirst ? [renewed, old] : [old, renewed] });
        const result = await station.signing.sign({ pin: token.pin });
        expect(result.count).toBe(2);
        expect(result.certFingerprint).toBe(fingerprint(token.keys[renewedFirst ? 0 : 1]!.certificate!.der));
      });
    }
  }
});

describe('a renewal issued while the old certificate is still valid', () => {
  const soon = { notBefore: new Date(now - 360 * DAY), notAfter: new Date(now + 5 * DAY) };
  const fresh = { notBefore: new Date(now - 2 * DAY), notAfter: new Date(now + 1000 * DAY) };
  for (const sameKey of [true, false]) {
    it(`${sameKey ? 'on the same key' : 'on a new key'}: signs with the renewed one unasked (same subject, CA and usage), not "choose one"`, async () => {
      const renewed: SoftHsmKeySpec = sameKey ? { type: 'EC', sameKeyAs: 0, label: 'VNPT-CA', certificate: fresh } : { type: 'EC', label: 'VNPT-CA', certificate: fresh };
      const { station, token } = await world({ label: 'VNPT-CA', keys: [{ type: 'EC', label: 'VNPT-CA', certificate: soon }, renewed] });
      const result = await station.signing.sign({ pin: token.pin });
      expect(result.certFingerprint).toBe(fingerprint(token.keys[1]!.certificate!.der));
    });
  }
});
