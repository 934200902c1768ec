// The platform's certificate feed as the station's tests page through it, without an HTTP server:
// opaque cursors ("c<n>"), `next` = after the page's last item, null once a page comes back empty.
import type { PlatformClient } from '../../../electron/core/sync/platformClient.js';
import { SyncFailure } from '../../../electron/core/sync/syncFailure.js';
import type { CertificatesFeedPage, IssuedCertificate } from '../../../shared/platform/api.js';

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
