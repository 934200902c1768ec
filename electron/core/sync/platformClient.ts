/**
 * The platform API v1 (DESIGN §6) as typed calls. Every reply is parsed with the schemas of
 * shared/platform/api.ts before anything uses it, and every failure becomes a SyncFailure whose
 * kind tells the caller what to do (syncFailure.ts): a platform reply is untrusted input.
 */
import type { z } from 'zod';
import {
  clampText, BatchReplySchema, CertificatesFeedPageSchema, IdentityReplySchema, PlatformErrorSchema, TimeReplySchema, TrustListSchema,
  type BatchReply, type CertificatesFeedPage, type IdentityQuery, type IdentityReply, type TrustList,
} from '../../../shared/platform/api.js';
import { isStationError } from '../../../shared/errors.js';
import { parseRetryAfter } from './backoff.js';
import { acceptedOnlyReply } from './batchReplyReader.js';
import type { HttpPort, HttpResponse } from './httpPort.js';
import { CLOCK_REFUSALS, SyncFailure, authFailure, badReply, insecureUrl, keyUnusable, notConfigured, syncCancelled } from './syncFailure.js';

export interface PlatformConfig {
  url: string;
  key: string;
}

export interface ClientLimits {
  timeoutMs: number;
  /** JSON replies; a certificates page of 1000 HC1 strings is well under 4 MiB. */
  maxReplyBytes: number;
}

export const DEFAULT_LIMITS: ClientLimits = { timeoutMs: 60_000, maxReplyBytes: 8 * 1024 * 1024 };

/**
 * The clock check's deadline: it is best effort and comes before the uploads, so a stalled
 * platform must not hold the run a whole request deadline before the first batch is tried.
 */
const TIME_CHECK_MS = 10_000;

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** What a bearer key in an HTTP header can be: one run of visible ASCII (RFC 6750 §2.1 is stricter). */
export const PLATFORM_KEY_FORMAT = /^[\x21-\x7e]{1,2048}$/;

/** The settings → a usable base URL, or a `config` failure saying what is missing or wrong. */
export function platformConfig(url: string | null, key: string | null): PlatformConfig {
  const missing = [...(url ? [] : ['platform.url']), ...(key ? [] : ['platform.key'])];
  if (missing.length > 0) throw notConfigured(missing);
  if (!PLATFORM_KEY_FORMAT.test(key!)) throw keyUnusable();
  let parsed: URL;
  try {
    parsed = new URL(url!);
  } catch {
    throw insecureUrl(url!);
  }
  // The bearer key must not cross the network in clear: http only to this machine (dev, tests).
  const ok = parsed.protocol === 'https:' || (parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname));
  if (!ok || parsed.username !== '' || parsed.password !== '') throw insecureUrl(url!);
  const base = parsed.href.endsWith('/') ? parsed.href : `${parsed.href}/`;
  return { url: base, key: key! };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A web page where the platform's JSON belongs: most often a captive portal (the Wi-Fi's sign-in
 * page, answered with 200 to every request until someone signs in) or a filtering proxy, labelled
 * HTML, JSON or nothing. Said as such, with what to do (session 28): "content type text/html" told
 * the clerk nothing. JSON never starts with "<".
 */
function webPage(res: HttpResponse, type: string): SyncFailure | null {
  const head = new TextDecoder('utf-8').decode(res.body.subarray(0, 512)).trimStart();
  if (type !== 'text/html' && type !== 'application/xhtml+xml' && !head.startsWith('<')) return null;
  return badReply(
    {
      vi: 'nhận được một trang web (HTML) thay vì trả lời của hệ thống: mạng này có thể yêu cầu đăng nhập (trang đăng nhập Wi-Fi) hoặc có proxy chặn giữa; hãy mở trình duyệt để đăng nhập mạng, hoặc hỏi người quản lý mạng',
      en: 'a web page (HTML) came back instead of the platform\'s reply: this network may need a sign-in (a Wi-Fi login page) or a proxy stands in between; open a browser to sign in to the network, or ask whoever runs it',
    },
    { status: res.status, contentType: type },
  );
}

function jsonOf(res: HttpResponse): unknown {
  const type = (res.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const page = webPage(res, type);
  if (page !== null) throw page;
  if (type !== '' && type !== 'application/json' && !type.endsWith('+json')) {
    throw badReply({ vi: `kiểu nội dung ${type}`, en: `content type ${type}` }, { status: res.status, contentType: type });
  }
  let text: string;
  try {
    text = utf8.decode(res.body);
  } catch {
    throw badReply({ vi: 'không phải UTF-8', en: 'not UTF-8' }, { status: res.status });
  }
  try {
    return JSON.parse(text);
  } catch {
    throw badReply({ vi: 'không phải JSON', en: 'not JSON' }, { status: res.status });
  }
}

function parsed<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) {
    throw badReply({ vi: `sai lược đồ ${what}`, en: `${what} does not match the schema` }, r.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  return r.data;
}

/**
 * A redirect is never followed: the bearer key would go to an address nobody set. It does not
 * go away by retrying within a run (`refused`: the batch is kept, the run stops), and what it
 * most likely means — a wrong or outdated platform.url, a proxy — is what the person must hear.
 */
function redirected(res: HttpResponse): SyncFailure {
  const location = clampText(res.headers.location ?? '', 200);
  const to = location === '' ? { vi: 'một địa chỉ khác', en: 'another address' } : { vi: location, en: location };
  return new SyncFailure('refused', 'PLATFORM_REDIRECT',
    `Địa chỉ hệ thống quốc gia trong Cài đặt (platform.url) chuyển hướng sang ${to.vi} (HTTP ${res.status}). Máy trạm không đi theo chuyển hướng, để khóa API không bị gửi tới địa chỉ khác: hãy kiểm tra địa chỉ trong Cài đặt, hoặc proxy của mạng. Dữ liệu vẫn an toàn trên máy trạm.`,
    `The national platform address in Settings (platform.url) redirects to ${to.en} (HTTP ${res.status}). The station does not follow redirects, so that the API key is never sent to another address: check the address in Settings, or the network's proxy. The data is safe on this station.`,
    { status: res.status, details: { status: res.status, location } });
}

/** A 404 without the platform's error body: the address does not serve API v1 at all. */
function notThePlatform(status: number): SyncFailure {
  return new SyncFailure('refused', 'PLATFORM_NOT_FOUND',
    `Địa chỉ hệ thống quốc gia trong Cài đặt (platform.url) không phục vụ API của hệ thống (HTTP ${status}): hãy kiểm tra địa chỉ. Dữ liệu vẫn an toàn trên máy trạm.`,
    `The national platform address in Settings (platform.url) does not serve the platform's API (HTTP ${status}): check the address. The data is safe on this station.`,
    { status, details: { status } });
}

/** A non-2xx reply → the failure it means. */
function failureOf(res: HttpResponse, now: Date): SyncFailure {
  const retryAfterMs = parseRetryAfter(res.headers['retry-after'], now);
  let body: z.infer<typeof PlatformErrorSchema> | null = null;
  try {
    const r = PlatformErrorSchema.safeParse(jsonOf(res));
    body = r.success ? r.data : null;
  } catch {
    body = null;
  }
  // A body with one message (no language given): said in each language around the platform's words.
  const vi = body?.message_vi ?? (body ? `Hệ thống quốc gia báo lỗi ${body.code}: ${body.message}` : `HTTP ${res.status}`);
  const en = body?.message_en ?? (body ? `The national platform reports ${body.code}: ${body.message}` : `HTTP ${res.status}`);
  const details = { status: res.status, platformCode: body?.code ?? null, ...(body?.details ? { platform: body.details } : {}) };
  if (res.status === 401) return authFailure(res.status, body?.code ?? null);
  if (res.status === 408 || res.status === 425 || res.status === 429 || res.status >= 500) {
    return new SyncFailure('transient', body?.code ?? 'PLATFORM_UNAVAILABLE',
      body ? vi : `Hệ thống quốc gia tạm thời không phục vụ được (HTTP ${res.status}); sẽ thử lại sau.`,
      body ? en : `The national platform is temporarily unavailable (HTTP ${res.status}); will retry later.`,
      { status: res.status, retryAfterMs, details });
  }
  if (res.status >= 300 && res.status <= 399) return redirected(res);
  if (body === null && res.status === 404) return notThePlatform(res.status);
  if (body === null) {
    // A 4xx without the platform's error body: a proxy page, a wrong URL — not the batch's fault.
    return badReply({ vi: `HTTP ${res.status} không có mã lỗi`, en: `HTTP ${res.status} without an error code` }, details);
  }
  if (CLOCK_REFUSALS.has(body.code)) return new SyncFailure('transient', body.code, vi, en, { status: res.status, retryAfterMs, details });
  return new SyncFailure('refused', body.code, vi, en, { status: res.status, retryAfterMs, details });
}

export interface PlatformClient {
  /** The platform's base URL (settings): what a Retry-After it sends speaks for. */
  readonly url: string;
  /** `onSent`: the body has left (the sync client applies the previous answer meanwhile). */
  putBatch(batchId: string, body: Uint8Array, onSent?: () => void): Promise<BatchReply>;
  /** A page whose entries are each still to be checked (`IssuedCertificateSchema`): one bad entry is not the whole page's fault. */
  certificates(after: string | null, limit: number): Promise<CertificatesFeedPage>;
  trustList(): Promise<TrustList>;
  time(): Promise<string>;
  verifyIdentity(people: readonly IdentityQuery[]): Promise<IdentityReply>;
}

export function platformClient(
  config: PlatformConfig,
  http: HttpPort,
  opts: {
    now: () => Date; limits?: ClientLimits; onServerTime?: (serverTime: string, receivedAt: Date) => void;
    /** The run's: aborting it drops the request in flight at once (SYNC_CANCELLED). */
    signal?: AbortSignal;
  },
): PlatformClient {
  const limits = opts.limits ?? DEFAULT_LIMITS;

  async function call<T>(
    schema: z.ZodType<T>, what: string, method: 'GET' | 'PUT' | 'POST', path: string,
    body?: { type: string; bytes: Uint8Array; onSent?: () => void }, auth = true,
    /** A hand-written reading of the common reply, giving what the schema gives; null: the schema decides. */
    fast?: (value: unknown) => T | null,
    timeoutMs = limits.timeoutMs,
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (auth) headers.authorization = `Bearer ${config.key}`;
    if (body) headers['content-type'] = body.type;
    let res: HttpResponse;
    try {
      res = await http.request({
        method, url: new URL(path, config.url).href, headers, timeoutMs, maxResponseBytes: limits.maxReplyBytes,
        ...(body ? { body: body.bytes } : {}),
        ...(opts.signal ? { signal: opts.signal } : {}),
        ...(body?.onSent ? { onSent: body.onSent } : {}),
      });
    } catch (e) {
      if (opts.signal?.aborted) throw syncCancelled({});
      if (isStationError(e) && e.code === 'PLATFORM_REPLY_TOO_LARGE') throw new SyncFailure('bad-reply', e.code, e.messageVi, e.messageEn, { details: e.details });
      if (isStationError(e)) throw new SyncFailure('transient', e.code, e.messageVi, e.messageEn, { details: e.details });
      throw new SyncFailure('transient', 'PLATFORM_UNREACHABLE', 'Không kết nối được với hệ thống quốc gia', 'Cannot reach the national platform', { details: { reason: String(e) } });
    }
    const receivedAt = opts.now();
    if (res.status < 200 || res.status > 299) throw failureOf(res, receivedAt);
    const json = jsonOf(res);
    const value = fast?.(json) ?? parsed(schema, json, what);
    const serverTime = (value as { serverTime?: unknown }).serverTime;
    if (typeof serverTime === 'string') opts.onServerTime?.(serverTime, receivedAt);
    return value;
  }

  return {
    url: config.url,
    putBatch: (batchId, bytes, onSent) =>
      call(BatchReplySchema, 'batch reply', 'PUT', `v1/batches/${encodeURIComponent(batchId)}`, { type: 'application/cbor', bytes, ...(onSent ? { onSent } : {}) }, true, acceptedOnlyReply),
    certificates: (after, limit) => {
      const q = new URLSearchParams({ limit: String(limit) });
      if (after !== null) q.set('after', after);
      return call(CertificatesFeedPageSchema, 'certificates page', 'GET', `v1/certificates?${q.toString()}`);
    },
    trustList: () => call(TrustListSchema, 'trust list', 'GET', 'v1/trust-list', undefined, false),
    time: async () => (await call(TimeReplySchema, 'time', 'GET', 'v1/time', undefined, false, undefined, Math.min(limits.timeoutMs, TIME_CHECK_MS))).serverTime,
    verifyIdentity: (people) =>
      call(IdentityReplySchema, 'identity reply', 'POST', 'v1/identity/verify', {
        type: 'application/json',
        bytes: new TextEncoder().encode(JSON.stringify({ people })),
      }),
  };
}
