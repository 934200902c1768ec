/**
 * Puts a batch into a station's outbox the way the signing step would, but with a chosen flaw
 * (a forged signature, a record changed after signing, a wrong proof, a reused batch id): what
 * a buggy or compromised station could send, for the platform to refuse and the sync client to
 * report. The normal path is signBatch; this one skips its checks on purpose.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { StationCore } from '../../../electron/core/station.js';
import { systemStorePorts } from '../../../electron/core/store/ports.js';
import { assembleSign1, prepareBatch } from '../../../electron/core/signing/buildBatch.js';
import { readyRecords } from '../../../electron/core/signing/readyRecords.js';
import { stationId } from '../../../electron/core/signing/stationId.js';
import type { IssuedCert } from '../../fixtures/pki.js';

export type Flaw = 'none' | 'forged-signature' | 'tampered-record' | 'swapped-leaves';

export async function craftBatch(station: StationCore, cert: IssuedCert, opts: { limit: number; flaw: Flaw; batchId?: string }): Promise<string> {
  const store = station.store;
  const records = readyRecords(store.db, { limit: opts.limit });
  const batchId = opts.batchId ?? randomUUID();
  const kid = new Uint8Array(createHash('sha256').update(cert.der).digest()).slice(0, 8);
  const created = new Date();
  const prepared = prepareBatch({ batchId, facility: store.getSetting('facility.code')!, station: stationId(store, systemStorePorts('t')), created, records, alg: -7, kid });
  const signature = new Uint8Array(await globalThis.crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, cert.keys.privateKey, prepared.toBeSigned as BufferSource));
  if (opts.flaw === 'forged-signature') signature[5] = signature[5]! ^ 0x5a;
  const items = prepared.items.map((i) => ({ ...i, recordCbor: new Uint8Array(i.recordCbor), proof: i.proof.map((p) => new Uint8Array(p)) }));
  if (opts.flaw === 'tampered-record') {
    // The lot number, changed after signing: the same length, still a valid record.
    const cbor = items[0]!.recordCbor;
    const text = Buffer.from(cbor).toString('latin1');
    const lot = records[0]!.record.lot;
    const at = text.indexOf(lot);
    cbor[at + lot.length - 1] = cbor[at + lot.length - 1] === 0x39 ? 0x38 : 0x39;
  }
  if (opts.flaw === 'swapped-leaves') {
    // Two records' signed bytes stored in each other's place: each a valid record, but the leaves
    // are no longer in the order the signature's root covers (paths are derived from them).
    const [a, b] = [items[0]!, items[1]!];
    [a.recordCbor, b.recordCbor] = [b.recordCbor, a.recordCbor];
  }
  station.signing.batches.insertSigned({
    id: batchId, createdAt: created.toISOString(), facility: prepared.manifest.facility, station: prepared.manifest.station,
    root: prepared.manifest.root, alg: -7, sign1: assembleSign1(prepared, signature, [cert.der]), items,
  });
  return batchId;
}
