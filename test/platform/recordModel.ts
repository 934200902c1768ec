/**
 * The platform's view of a signed record in the shapes of shared/domain (Person, DoseRecord,
 * PersonInput, DoseInput), so that the station's own validation, eligibility and certificate
 * rules run unchanged on the platform side.
 */
import type { SignedRecord } from '../../shared/batch/signedRecord.js';
import type { DoseInput, DoseRecord, Person, PersonInput } from '../../shared/domain/types.js';

export function personOf(record: SignedRecord, personKey: string): Person {
  return { id: personKey, ...personInputOf(record), identityStatus: 'unverified', identityCheckedAt: null };
}

export function doseOf(record: SignedRecord, personKey: string, at: string, superseded: boolean): DoseRecord {
  return {
    id: record.id,
    personId: personKey,
    vaccine: record.vaccine,
    lot: record.lot,
    doseNumber: record.dose,
    vaccinationDate: record.date,
    facilityCode: record.facility,
    createdAt: at,
    updatedAt: at,
    state: superseded ? 'superseded' : 'accepted',
    findings: [],
    supersedes: record.supersedes ?? null,
    supersedeReason: record.reason ?? null,
  };
}

export function personInputOf(record: SignedRecord): PersonInput & Omit<Person, 'id' | 'identityStatus' | 'identityCheckedAt'> {
  return { ...record.person, phone: record.person.phone ?? null };
}

export function doseInputOf(record: SignedRecord): DoseInput {
  return { id: record.id, vaccine: record.vaccine, lot: record.lot, doseNumber: record.dose, vaccinationDate: record.date };
}
