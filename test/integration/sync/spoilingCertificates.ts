// The real platform, reached through the station's own HTTP port, with `spoil` rewriting each
// non-empty certificates page while it is set: a feed that serves what a test needs (a bad entry
// among good ones, one for a record never held here) without a fault mode in the simulator.
import { nodeHttpPort, type HttpPort } from '../../../electron/core/sync/httpPort.js';

export type FeedEntry = { recordId: string; uvci: string; hc1: string; issuedAt: string; expiresAt: string; revokedAt?: string | null };
export type FeedPage = { certificates: FeedEntry[]; next: string | null; serverTime: string };
/** The page as the platform sent it and the cursor it was asked with; answers the page to serve. */
export type Spoil = (page: FeedPage, after: string | null) => unknown;

export function spoilingCertificates(): { spoil: Spoil | null; http: HttpPort } {
  const real = nodeHttpPort();
  const gate: { spoil: Spoil | null } = { spoil: null };
  const http: HttpPort = {
    async request(req) {
      const res = await real.request(req);
      if (gate.spoil === null || req.method !== 'GET' || !req.url.includes('/v1/certificates') || res.status !== 200) return res;
      const page = JSON.parse(new TextDecoder().decode(res.body)) as FeedPage;
      if (page.certificates.length === 0) return res;
      const after = new URL(req.url).searchParams.get('after');
      return { ...res, body: new TextEncoder().encode(JSON.stringify(await gate.spoil(page, after))) };
    },
    close: () => real.close?.(),
  };
  return Object.assign(gate, { http });
}
