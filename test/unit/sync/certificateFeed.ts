// The platform's certificate feed as the station's tests page through it, without an HTTP server:
// opaque cursors ("c<n>"), `next` = after the page's last item, null once a page comes back empty;
// and the accepted record and issued certificate most feed tests start from.
import type { StationStore } from '../../../electron/core/store/stationStore.js';
import type { PlatformClient } from '../../../electron/core/sync/platformClient.js';
import { SyncFailure } from '../../../electron/core/sync/syncFailure.js';
import type { CertificatesFeedPage, IssuedCertificate } from '../../../shared/platform/api.js';
import type { Dsc } from '../../platform/issuance/dscKeys.js';
import { issueCertificate } from '../../platform/issuance/issueCertificate.js';
import { record } from '../db/storeHarness.js';

/** The feed over `items`; `asked` records each cursor asked for, and `failOnCall` makes that call fail as a network drop. */
export function pagedFeed(items: IssuedCertificate[], opts: { failOnCall?: number } = {}): { client: PlatformClient; asked: (string | null)[] } {
  const asked: (string | null)[] = [];
  const client = {
    async certificates(after: string | null, limit: number): Promise<CertificatesFeedPage> {
      asked.push(after);
      if (opts.failOnCall === asked.length) throw new SyncFailure('transient', 'PLATFORM_UNREACHABLE', 'mất mạng', 'network down');
      const start = after === null ? 0 : Number(after.slice(1));
      const page = items.slice(start, start + limit);
      return { certificates: page, next: page.length === 0 ? null : `c${start + page.length}`, serverTime: new Date().toISOString() };
    },
  } as unknown as PlatformClient;
  return { client, asked };
}

/** The feed's client alone. */
export function feed(items: IssuedCertificate[]): PlatformClient {
  return pagedFeed(items).client;
}

/**
 * One record of `person` walked to `accepted` (created by import, then signed, submitted,
 * accepted): what the platform issues a certificate for. Returns its id.
 */
export function acceptedRecord(store: StationStore, person: { idNumber: string; fullName: string }, lot: string): string {
  const made = store.createRecords([record(person, { doseNumber: 1, vaccine: 'JANSSEN', lot })], { source: 'import', confirmWarnings: true });
  const id = made.outcomes.flatMap((o) => (o.outcome === 'created' ? [o.id] : []))[0]!;
  for (const [from, to] of [['ready', 'signed'], ['signed', 'submitted'], ['submitted', 'accepted']] as const) store.setRecordsState([id], from, to);
  return id;
}

/** The feed's entry for a certificate `dsc` issues for record `id` at `at`, not revoked. */
export async function issuedFor(store: StationStore, id: string, dsc: Dsc, at: Date): Promise<IssuedCertificate> {
  const d = store.getRecord(id);
  const c = await issueCertificate(dsc, d.person, d.record, [d.record], at);
  return { recordId: id, uvci: c.uvci, hc1: c.hc1, issuedAt: c.issuedAt.toISOString(), expiresAt: c.expiresAt.toISOString(), revokedAt: null };
}
