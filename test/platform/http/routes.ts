/**
 * The platform API v1 (DESIGN §6) and the simulator's own `/v1/_sim/*` endpoints, as a table.
 * `facility` routes need `Authorization: Bearer <facility API key>`; `admin` routes need the
 * simulator's admin token (printed in the ready line); `public` routes need nothing — the trust
 * list and the time are public on a real platform too (verifiers and clock checks use them).
 */
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { IdentityRequestSchema, type CertificatesPage, type IdentityReply } from '../../../shared/platform/api.js';
import type { BatchService, Facility } from '../batch/batchService.js';
import type { FaultInjector } from '../faultInjector.js';
import type { Issuer } from '../issuance/issuer.js';
import { checkIdentity } from '../identityCheck.js';
import type { DscSet } from '../issuance/dscKeys.js';
import { PlatformFailure } from '../platformFailure.js';
import type { PlatformStore } from '../platformStore.js';
import { PopulationFileSchema } from '../population.js';
import { jsonReply, mediaType, type Reply } from './httpIo.js';

export interface PlatformContext {
  store: PlatformStore;
  batches: BatchService;
  issuer: Issuer;
  dscs: DscSet;
  faults: FaultInjector;
  clock: () => Date;
  maxBodyBytes: number;
}

export interface RouteRequest {
  req: IncomingMessage;
  url: URL;
  params: string[];
  facility: Facility | null;
  body(limit?: number): Promise<Uint8Array>;
}

export interface Route {
  method: string;
  pattern: RegExp;
  access: 'public' | 'facility' | 'admin';
  handle(ctx: PlatformContext, r: RouteRequest): Promise<Reply>;
}

const JSON_LIMIT = 1024 * 1024;
const PAGE_DEFAULT = 100;
const PAGE_MAX = 1000;

function requireMediaType(r: RouteRequest, type: string): void {
  const got = mediaType(r.req);
  if (got !== type) throw new PlatformFailure('UNSUPPORTED_MEDIA_TYPE', { expected: type, got: got || null });
}

async function jsonBody(r: RouteRequest): Promise<unknown> {
  requireMediaType(r, 'application/json');
  const text = new TextDecoder('utf-8', { fatal: false }).decode(await r.body(JSON_LIMIT));
  try {
    return JSON.parse(text);
  } catch {
    throw new PlatformFailure('REQUEST_INVALID', { reason: 'body is not JSON' });
  }
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new PlatformFailure('REQUEST_INVALID', parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  return parsed.data;
}

const ReissueRequestSchema = z.object({ recordId: z.string().min(1).max(64), revokeOld: z.boolean().default(false) }).strict();

/** Opaque to the station: base64url of the feed sequence number it has seen up to. */
export function encodeCursor(seq: number): string {
  return Buffer.from(`seq:${seq}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | null): number {
  if (cursor === null || cursor === '') return 0;
  const m = /^seq:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw new PlatformFailure('CURSOR_INVALID', { cursor });
  return Number(m[1]);
}

function pageLimit(text: string | null, max: number, fallback: number): number {
  if (text === null) return fallback;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > max) throw new PlatformFailure('REQUEST_INVALID', { limit: text, max });
  return n;
}

function facilityOf(r: RouteRequest): Facility {
  if (!r.facility) throw new PlatformFailure('AUTH_REQUIRED');
  return r.facility;
}

export const ROUTES: readonly Route[] = [
  {
    method: 'GET',
    pattern: /^\/v1\/time$/,
    access: 'public',
    handle: async (ctx) => jsonReply(200, { serverTime: ctx.clock().toISOString() }),
  },
  {
    method: 'GET',
    pattern: /^\/v1\/trust-list$/,
    access: 'public',
    handle: async (ctx) => jsonReply(200, ctx.dscs.trustList),
  },
  {
    method: 'PUT',
    pattern: /^\/v1\/batches\/([^/]+)$/,
    access: 'facility',
    handle: async (ctx, r) => {
      requireMediaType(r, 'application/cbor');
      const body = await r.body(ctx.maxBodyBytes);
      return { status: 200, body: await ctx.batches.upload(facilityOf(r), decodeURIComponent(r.params[0]!), body) };
    },
  },
  {
    /**
     * `next` is the cursor after the last certificate of this page, and null only when the page
     * is empty: the station keeps the last non-null `next` and asks again from it later. A
     * revocation moves a certificate to the end of the feed, so it comes again with revokedAt.
     */
    method: 'GET',
    pattern: /^\/v1\/certificates$/,
    access: 'facility',
    handle: async (ctx, r) => {
      const after = decodeCursor(r.url.searchParams.get('after'));
      const limit = pageLimit(r.url.searchParams.get('limit'), PAGE_MAX, PAGE_DEFAULT);
      const rows = ctx.store.certificatesPage(facilityOf(r).code, after, limit);
      const page: CertificatesPage = {
        certificates: rows.map((c) => ({ recordId: c.recordId, uvci: c.uvci, hc1: c.hc1, issuedAt: c.issuedAt, expiresAt: c.expiresAt, revokedAt: c.revokedAt })),
        next: rows.length === 0 ? null : encodeCursor(rows[rows.length - 1]!.feedSeq),
        serverTime: ctx.clock().toISOString(),
      };
      return jsonReply(200, page);
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/identity\/verify$/,
    access: 'facility',
    handle: async (ctx, r) => {
      facilityOf(r);
      const request = parseWith(IdentityRequestSchema, await jsonBody(r));
      const queries = 'people' in request ? request.people : [request];
      const reply: IdentityReply = {
        results: queries.map((q) => checkIdentity(q, (key) => ctx.store.findPerson(key))),
        serverTime: ctx.clock().toISOString(),
      };
      return jsonReply(200, reply);
    },
  },
  {
    method: 'GET',
    pattern: /^\/v1\/_sim\/stats$/,
    access: 'admin',
    handle: async (ctx) => jsonReply(200, { ...ctx.faults.stats(), ...ctx.store.counts() }),
  },
  {
    /** Waits until every queued certificate is signed: how a test reads the feed deterministically with `issuance: 'background'`. */
    method: 'POST',
    pattern: /^\/v1\/_sim\/issue-now$/,
    access: 'admin',
    handle: async (ctx) => {
      const considered = await ctx.issuer.drain();
      return jsonReply(200, { considered, ...ctx.store.counts() });
    },
  },
  {
    /**
     * A reissue: a new certificate for a record that has one, with a new UVCI; the old ones
     * revoked after it when `revokeOld` (default false: both stay valid, as after a lost passport).
     */
    method: 'POST',
    pattern: /^\/v1\/_sim\/reissue$/,
    access: 'admin',
    handle: async (ctx, r) => {
      const { recordId, revokeOld } = parseWith(ReissueRequestSchema, await jsonBody(r));
      return jsonReply(200, await ctx.issuer.reissue(recordId, revokeOld));
    },
  },
  {
    method: 'GET',
    pattern: /^\/v1\/_sim\/records$/,
    access: 'admin',
    handle: async (ctx, r) => {
      const records = ctx.store.listRecords(r.url.searchParams.get('facility')).map((h) => ({
        recordId: h.id,
        facility: h.facility,
        batch: h.batchId,
        index: h.index,
        personKey: h.personKey,
        dose: h.dose,
        date: h.date,
        vaccine: h.vaccine,
        supersedes: h.record.supersedes ?? null,
        supersededBy: h.supersededBy,
        acceptedAt: h.acceptedAt,
        certificates: h.certificates,
        activeCertificates: h.activeCertificates,
      }));
      return jsonReply(200, { records });
    },
  },
  {
    method: 'GET',
    pattern: /^\/v1\/_sim\/population$/,
    access: 'admin',
    handle: async (ctx, r) => {
      const offset = pageLimit(r.url.searchParams.get('offset') === '0' ? null : r.url.searchParams.get('offset'), Number.MAX_SAFE_INTEGER, 0);
      const limit = pageLimit(r.url.searchParams.get('limit'), 10_000, PAGE_DEFAULT);
      return jsonReply(200, { people: ctx.store.listPopulation(offset, limit), total: ctx.store.counts().population });
    },
  },
  {
    /** Adds or replaces people (by id type + number): how a test makes someone verified or a mismatch. */
    method: 'PUT',
    pattern: /^\/v1\/_sim\/population$/,
    access: 'admin',
    handle: async (ctx, r) => {
      const people = parseWith(PopulationFileSchema, await jsonBody(r));
      ctx.store.upsertPeople(people);
      return jsonReply(200, { upserted: people.length, total: ctx.store.counts().population });
    },
  },
];
