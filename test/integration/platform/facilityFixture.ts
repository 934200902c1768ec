/**
 * What a facility signing station sends, built here independently of the station code: a test
 * Vietnamese CA, facility certificates (`UID=MST:<taxcode>`), records → deterministic CBOR →
 * RFC 9162 Merkle tree → manifest COSE_Sign1 with kid + x5chain → upload body (DESIGN §5, §6).
 */
import { randomUUID } from 'node:crypto';
import { encodeManifest, type BatchManifest } from '../../../shared/batch/manifest.js';
import { toSignedRecord, type SignedRecord } from '../../../shared/batch/signedRecord.js';
import { encodeUploadBody, type UploadBody } from '../../../shared/batch/uploadBody.js';
import { encodeCanonical } from '../../../shared/cbor/encodeCanonical.js';
import { COSE_ALG, COSE_HEADER, kidFromCertificate, signSign1, webCryptoSigner } from '../../../shared/cose/cose.js';
import { asBufferSource } from '../../../shared/crypto/bytes.js';
import type { DoseRecord, Person } from '../../../shared/domain/types.js';
import { vaccineByCode } from '../../../shared/domain/vaccines.js';
import { MerkleTree } from '../../../shared/merkle/index.js';
import { createCertificate, generateKeyPair, type IssuedCert } from '../../fixtures/pki.js';

const DAY = 86400_000;

export async function createTestCa(name = 'Test Viettel-CA'): Promise<IssuedCert> {
  return createCertificate({
    subject: [{ attr: 'C', value: 'VN' }, { attr: 'O', value: name }, { attr: 'CN', value: `${name} Root` }],
    keys: await generateKeyPair('EC'),
    isCa: true,
    notBefore: new Date(Date.now() - 3650 * DAY),
    notAfter: new Date(Date.now() + 3650 * DAY),
  });
}

export async function createFacilityCert(
  ca: IssuedCert,
  taxCode: string,
  opts: { notBefore?: Date; notAfter?: Date; keyUsage?: string[]; type?: 'EC' | 'RSA' } = {},
): Promise<IssuedCert> {
  return createCertificate({
    subject: [
      { attr: 'C', value: 'VN' },
      { attr: 'ST', value: 'Hồ Chí Minh' },
      { attr: 'L', value: 'Quận 1' },
      { attr: 'CN', value: 'Trạm Y tế Phường Bến Nghé' },
      { attr: 'UID', value: `MST:${taxCode}` },
    ],
    keys: await generateKeyPair(opts.type ?? 'EC'),
    issuer: ca,
    notBefore: opts.notBefore ?? new Date(Date.now() - 30 * DAY),
    notAfter: opts.notAfter ?? new Date(Date.now() + 700 * DAY),
    keyUsage: opts.keyUsage ?? ['digitalSignature', 'nonRepudiation'],
  });
}

export interface PersonSpec {
  idNumber: string;
  fullName: string;
  familyName: string;
  givenName: string;
  fnt: string;
  gnt: string;
  dob: string;
  sex: 'M' | 'F';
}

export const AN: PersonSpec = {
  idNumber: '079090001234', fullName: 'Nguyễn Văn An', familyName: 'Nguyễn', givenName: 'Văn An',
  fnt: 'NGUYEN', gnt: 'VAN<AN', dob: '1990-05-12', sex: 'M',
};
export const HAN: PersonSpec = {
  idNumber: '001185004321', fullName: 'Đặng Thị Ngọc Hân', familyName: 'Đặng', givenName: 'Thị Ngọc Hân',
  fnt: 'DANG', gnt: 'THI<NGOC<HAN', dob: '1985-11-02', sex: 'F',
};
export const BAO: PersonSpec = {
  idNumber: '048201000777', fullName: 'Lê Quốc Bảo', familyName: 'Lê', givenName: 'Quốc Bảo',
  fnt: 'LE', gnt: 'QUOC<BAO', dob: '2001-01-20', sex: 'M',
};

export const MAI: PersonSpec = {
  idNumber: '001190123456', fullName: 'Trần Thị Mai', familyName: 'Trần', givenName: 'Thị Mai',
  fnt: 'TRAN', gnt: 'THI<MAI', dob: '1990-03-08', sex: 'F',
};

export function doseRecord(
  who: PersonSpec,
  dose: { facility: string; vaccine?: string; doseNumber: number; date: string; lot?: string; id?: string; supersedes?: string; reason?: string },
): SignedRecord {
  const person: Person = {
    id: randomUUID(), idType: 'CCCD', idNumber: who.idNumber, fullName: who.fullName, familyName: who.familyName,
    givenName: who.givenName, fnt: who.fnt, gnt: who.gnt, dob: who.dob, sex: who.sex, nationality: 'VN', phone: null,
    identityStatus: 'verified', identityCheckedAt: null,
  };
  const vaccine = vaccineByCode(dose.vaccine ?? 'PFIZER')!;
  const record: DoseRecord = {
    id: dose.id ?? randomUUID(), personId: person.id, vaccine: vaccine.code, lot: dose.lot ?? 'FK1234', doseNumber: dose.doseNumber,
    vaccinationDate: dose.date, facilityCode: dose.facility, createdAt: '2021-09-01T00:00:00Z', updatedAt: '2021-09-01T00:00:00Z',
    state: 'ready', findings: [], supersedes: dose.supersedes ?? null, supersedeReason: dose.reason ?? null,
  };
  return toSignedRecord(person, record, vaccine);
}

export interface SignedBatch {
  batchId: string;
  manifest: BatchManifest;
  body: UploadBody;
  bytes: Uint8Array;
}

export async function signBatch(
  signerCert: IssuedCert,
  facility: string,
  records: readonly (SignedRecord | Uint8Array)[],
  opts: { batchId?: string; created?: Date; chain?: Uint8Array[]; kidUnprotected?: boolean; x5chainProtected?: boolean } = {},
): Promise<SignedBatch> {
  const leaves = records.map((r) => (r instanceof Uint8Array ? r : encodeCanonical(r)));
  const tree = await MerkleTree.build(leaves);
  const batchId = opts.batchId ?? randomUUID();
  const manifest: BatchManifest = {
    v: 1, batch: batchId, facility, station: 'station-test', count: leaves.length, root: asBufferSource(tree.root),
    created: Math.floor((opts.created ?? new Date()).getTime() / 1000),
  };
  const alg = signerCert.keys.type === 'EC' ? COSE_ALG.ES256 : COSE_ALG.PS256;
  const kid = await kidFromCertificate(signerCert.der);
  const chain = opts.chain ?? signerCert.der;
  const manifestSign1 = await signSign1({
    protectedHeader: new Map<number, unknown>([
      [COSE_HEADER.alg, alg],
      ...(opts.kidUnprotected ? [] : [[COSE_HEADER.kid, kid] as [number, unknown]]),
      ...(opts.x5chainProtected ? [[COSE_HEADER.x5chain, chain] as [number, unknown]] : []),
    ]),
    unprotectedHeader: new Map<number, unknown>([
      ...(opts.kidUnprotected ? [[COSE_HEADER.kid, kid] as [number, unknown]] : []),
      ...(opts.x5chainProtected ? [] : [[COSE_HEADER.x5chain, chain] as [number, unknown]]),
    ]),
    payload: encodeManifest(manifest),
    signer: webCryptoSigner(signerCert.keys.privateKey, alg),
  });
  const body: UploadBody = {
    manifest: asBufferSource(manifestSign1),
    items: leaves.map((record, index) => ({ record: asBufferSource(record), index, proof: tree.inclusionProof(index).map(asBufferSource) })),
  };
  return { batchId, manifest, body, bytes: encodeUploadBody(body) };
}

export function reencode(batch: SignedBatch, body: UploadBody): SignedBatch {
  return { ...batch, body, bytes: encodeUploadBody(body) };
}
