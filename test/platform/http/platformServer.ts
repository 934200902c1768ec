/**
 * The HTTP front of the simulator (node:http on 127.0.0.1): routing, authentication and the
 * seeded faults of DESIGN §6 wrapped around every API request. The `/v1/_sim/*` endpoints are
 * never faulted: the chaos test reads its counters and the held records through them.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Facility } from '../batch/batchService.js';
import { PlatformFailure } from '../platformFailure.js';
import { failureReply, readBody, sendReply, sendSlowly, type Reply } from './httpIo.js';
import type { InFlight } from './inFlight.js';
import { ROUTES, type PlatformContext, type Route, type RouteRequest } from './routes.js';

export interface ServerOptions {
  context: PlatformContext;
  facilities: readonly Facility[];
  adminToken: string;
  /** Counts the API requests being served (background issuance waits for none). */
  inFlight?: InFlight;
  /** Called with unexpected errors (a bug, not a refusal); the client gets a 500. */
  onError?: (error: unknown) => void;
}

/** Seconds a 503 asks the station to wait (short: tests wait for it). */
const RETRY_AFTER_SECONDS = 1;

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

function bearer(req: IncomingMessage): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return m ? m[1]! : null;
}

function authenticate(route: Route, req: IncomingMessage, opts: ServerOptions): Facility | null {
  if (route.access === 'public') return null;
  const token = bearer(req);
  if (token === null) throw new PlatformFailure('AUTH_REQUIRED');
  if (route.access === 'admin') {
    if (!sameSecret(token, opts.adminToken)) throw new PlatformFailure('AUTH_INVALID');
    return null;
  }
  const facility = opts.facilities.find((f) => sameSecret(token, f.apiKey));
  if (!facility) throw new PlatformFailure('AUTH_INVALID');
  return facility;
}

function match(method: string, path: string): { route: Route; params: string[] } {
  let pathMatched = false;
  for (const route of ROUTES) {
    const m = route.pattern.exec(path);
    if (!m) continue;
    pathMatched = true;
    if (route.method === method) return { route, params: m.slice(1) };
  }
  throw new PlatformFailure(pathMatched ? 'METHOD_NOT_ALLOWED' : 'NOT_FOUND', { method, path });
}

async function answer(req: IncomingMessage, res: ServerResponse, opts: ServerOptions): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const simulatorOnly = url.pathname.startsWith('/v1/_sim/');
  const decision = simulatorOnly ? { latencyMs: 0, fault: null } : opts.context.faults.decide();
  if (decision.latencyMs > 0) await sleep(decision.latencyMs);
  switch (decision.fault) {
    case 'reset-before':
      req.socket.destroy();
      return;
    case '503':
      req.resume();
      sendReply(res, failureReply(new PlatformFailure('PLATFORM_UNAVAILABLE'), { 'retry-after': String(RETRY_AFTER_SECONDS), connection: 'close' }));
      return;
    case '500':
      req.resume();
      sendReply(res, failureReply(new PlatformFailure('INTERNAL_ERROR', { injected: true }), { connection: 'close' }));
      return;
    default:
      break;
  }
  let cached: Promise<Uint8Array> | null = null;
  const body = (limit = opts.context.maxBodyBytes) => (cached ??= readBody(req, limit));
  if (decision.fault === 'reset-after') {
    // The request arrived whole, then the connection dies before anything is processed.
    await body().catch(() => undefined);
    req.socket.destroy();
    return;
  }
  let reply: Reply;
  try {
    const { route, params } = match(req.method ?? 'GET', url.pathname);
    const facility = authenticate(route, req, opts);
    const request: RouteRequest = { req, url, params, facility, body };
    reply = await route.handle(opts.context, request);
  } catch (e) {
    if (e instanceof PlatformFailure) {
      // A refused request whose body was not read: close rather than drain an unknown amount.
      reply = failureReply(e, cached === null || e.code === 'BODY_TOO_LARGE' ? { connection: 'close' } : undefined);
    } else {
      opts.onError?.(e);
      reply = failureReply(new PlatformFailure('INTERNAL_ERROR'));
    }
  }
  if (decision.fault === 'lost-reply') {
    // Processed and committed; the reply never reaches the station, which must retry.
    req.socket.destroy();
    return;
  }
  if (cached === null) req.resume();
  if (decision.fault === 'slow-body') await sendSlowly(res, reply);
  else sendReply(res, reply);
}

export function createPlatformServer(opts: ServerOptions): Server {
  return createServer((req, res) => {
    const counted = opts.inFlight && !(req.url ?? '').startsWith('/v1/_sim/') ? opts.inFlight : null;
    if (counted) {
      counted.enter();
      // 'close' comes once per response, answered or destroyed by a fault.
      res.once('close', () => counted.leave());
    }
    answer(req, res, opts).catch((e) => {
      opts.onError?.(e);
      if (!res.headersSent) sendReply(res, failureReply(new PlatformFailure('INTERNAL_ERROR')));
      else res.destroy();
    });
  });
}
