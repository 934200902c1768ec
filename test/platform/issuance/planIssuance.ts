/**
 * Which certificates an upload issues and revokes (step 3 of DESIGN §1). A correction revokes the
 * certificates of the record it supersedes at once, in the upload's own transaction. Issuance is
 * decided later, per person, from what the platform then holds (issuer.ts): if the person's live
 * doses (from every facility) complete a primary series, the latest dose gets a certificate
 * unless it already has one. A booster is a new latest dose, so it gets its own (with its dn/sd);
 * the earlier certificates stay valid, as in the EU. The certificate is listed on the feed of the
 * facility that sent the dose it is for.
 */
import { eligibility } from '../../../shared/domain/eligibility.js';
import type { DoseRecord } from '../../../shared/domain/types.js';
import type { HeldRecord, NewCertificate, PlatformStore } from '../platformStore.js';
import { doseOf, personOf } from '../recordModel.js';
import type { Decisions } from '../batch/decideRecords.js';
import type { Dsc } from './dscKeys.js';
import { issueCertificate } from './issueCertificate.js';

const SIGNING_CONCURRENCY = 32;

export interface IssuanceJob {
  key: string;
  latest: DoseRecord & { held: HeldRecord };
  doses: DoseRecord[];
}

/** What an upload changes at once: revocations, and the people whose certificates must be (re)considered. */
export function uploadEffects(store: PlatformStore, decisions: Decisions, now: Date): { revoked: { certificateId: number; at: string }[]; persons: string[] } {
  const at = now.toISOString();
  const persons = new Set(decisions.accepted.map((r) => r.personKey));
  const revoked: { certificateId: number; at: string }[] = [];
  for (const { id } of decisions.superseded) {
    const old = store.getRecord(id);
    if (old) persons.add(old.personKey);
    for (const cert of store.activeCertificatesOf(id)) revoked.push({ certificateId: cert.id, at });
  }
  return { revoked, persons: [...persons] };
}

/** From the records held now: the people whose latest live dose completes a series and has no active certificate. */
export function issuanceJobs(store: PlatformStore, persons: readonly string[]): IssuanceJob[] {
  const jobs: IssuanceJob[] = [];
  // One statement for the chunk's people, not one per person.
  const held = store.recordsOfPersons(persons);
  for (const key of persons) {
    const live = (held.get(key) ?? []).filter((r) => r.supersededBy === null);
    const doses: (DoseRecord & { held: HeldRecord })[] = live.map((r) => ({ ...doseOf(r.record, key, r.acceptedAt, false), held: r }));
    const status = eligibility(doses);
    const latest = status.latestDose;
    if (!status.eligible || latest === null) continue;
    if (store.activeCertificatesOf(latest.id).length > 0) continue;
    jobs.push({ key, latest, doses });
  }
  return jobs;
}

/**
 * A new certificate for a record that has one (a reissue: the platform signs the same dose again
 * under a new UVCI, after a DSC change or a lost passport). Null when the record is not held or is
 * superseded; its person's live doses go into the payload as for a first issue.
 */
export function reissueJob(store: PlatformStore, recordId: string): IssuanceJob | null {
  const held = store.getRecord(recordId);
  if (!held || held.supersededBy !== null) return null;
  const live = (store.recordsOfPersons([held.personKey]).get(held.personKey) ?? []).filter((r) => r.supersededBy === null);
  const doses: (DoseRecord & { held: HeldRecord })[] = live.map((r) => ({ ...doseOf(r.record, held.personKey, r.acceptedAt, false), held: r }));
  const latest = doses.find((d) => d.id === recordId);
  return latest ? { key: held.personKey, latest, doses } : null;
}

/** Signs the certificates of the jobs (WebCrypto work off the main thread: a few dozen at a time keep both cores busy). */
export async function signJobs(jobs: readonly IssuanceJob[], dsc: Dsc, now: Date): Promise<NewCertificate[]> {
  const issued: NewCertificate[] = [];
  for (let start = 0; start < jobs.length; start += SIGNING_CONCURRENCY) {
    const chunk = jobs.slice(start, start + SIGNING_CONCURRENCY);
    const dccs = await Promise.all(chunk.map((j) => issueCertificate(dsc, personOf(j.latest.held.record, j.key), j.latest, j.doses, now)));
    dccs.forEach((dcc, i) => {
      const { latest } = chunk[i]!;
      issued.push({
        recordId: latest.id,
        facility: latest.held.facility,
        uvci: dcc.uvci,
        hc1: dcc.hc1,
        issuedAt: dcc.issuedAt.toISOString(),
        expiresAt: dcc.expiresAt.toISOString(),
      });
    });
  }
  return issued;
}
