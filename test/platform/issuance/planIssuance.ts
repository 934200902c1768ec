/**
 * Which certificates an upload issues and revokes (step 3 of DESIGN §1). For every person the
 * upload touched: a correction revokes the certificates of the record it supersedes; then, if the
 * person's live doses (from every facility) complete a primary series, the latest dose gets a
 * certificate unless it already has one. A booster is a new latest dose, so it gets its own (with
 * its dn/sd); the earlier certificates stay valid, as in the EU. The certificate is listed on the
 * feed of the facility that sent the dose it is for.
 */
import { eligibility } from '../../../shared/domain/eligibility.js';
import type { DoseRecord } from '../../../shared/domain/types.js';
import type { HeldRecord, NewCertificate, PlatformStore } from '../platformStore.js';
import { doseOf, personOf } from '../recordModel.js';
import type { Decisions } from '../batch/decideRecords.js';
import type { Dsc } from './dscKeys.js';
import { issueCertificate } from './issueCertificate.js';

const SIGNING_CONCURRENCY = 32;

export interface IssuancePlan {
  issued: NewCertificate[];
  revoked: { certificateId: number; at: string }[];
}

export async function planIssuance(store: PlatformStore, decisions: Decisions, dsc: Dsc, now: Date): Promise<IssuancePlan> {
  const at = now.toISOString();
  const supersededNow = new Map(decisions.superseded.map((s) => [s.id, s.by]));
  const persons = new Set(decisions.accepted.map((r) => r.personKey));
  const revoked: IssuancePlan['revoked'] = [];
  for (const { id } of decisions.superseded) {
    const old = store.getRecord(id);
    if (old) persons.add(old.personKey);
    for (const cert of store.activeCertificatesOf(id)) revoked.push({ certificateId: cert.id, at });
  }
  const jobs: { key: string; latest: DoseRecord & { held: HeldRecord }; doses: DoseRecord[] }[] = [];
  for (const key of persons) {
    const held: HeldRecord[] = [
      ...store.recordsOfPerson(key),
      ...decisions.accepted.filter((r) => r.personKey === key).map((r) => ({ ...r, supersededBy: null })),
    ];
    const live = held.filter((r) => r.supersededBy === null && !supersededNow.has(r.id));
    const doses: (DoseRecord & { held: HeldRecord })[] = live.map((r) => ({ ...doseOf(r.record, key, r.acceptedAt, false), held: r }));
    const status = eligibility(doses);
    const latest = status.latestDose;
    if (!status.eligible || latest === null) continue;
    if (store.activeCertificatesOf(latest.id).length > 0) continue;
    jobs.push({ key, latest, doses });
  }
  // Signing is WebCrypto work off the main thread: a few dozen at a time keep both cores busy.
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
  return { issued, revoked };
}
