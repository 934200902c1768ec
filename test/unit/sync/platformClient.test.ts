// Every platform reply is untrusted input (DESIGN §9): the client parses it with the API v1
// schemas and turns anything else — garbage, a wrong schema, an HTML error page, a huge body,
// a dropped connection — into a coded bilingual failure whose kind decides what sync does.
import { describe, expect, it } from 'vitest';
import type { HttpPort, HttpRequest, HttpResponse } from '../../../electron/core/sync/httpPort.js';
import { tooLargeError } from '../../../electron/core/sync/httpPort.js';
import { platformClient, platformConfig } from '../../../electron/core/sync/platformClient.js';
import { SyncFailure } from '../../../electron/core/sync/syncFailure.js';

const now = () => new Date('2026-03-01T10:00:00Z');
const json = (status: number, value: unknown, headers: Record<string, string> = {}): HttpResponse => ({
  status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value)),
});

function clientAnswering(answer: (req: HttpRequest) => HttpResponse | Promise<HttpResponse>, seen: HttpRequest[] = []) {
  const http: HttpPort = { request: async (req) => (seen.push(req), answer(req)) };
  const times: string[] = [];
  const client = platformClient(platformConfig('http://127.0.0.1:9/api', 'k-123'), http, { now, onServerTime: (t) => times.push(t) });
  return { client, times, seen };
}

async function failure(p: Promise<unknown>): Promise<SyncFailure> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(SyncFailure);
  const f = e as SyncFailure;
  expect(f.messageVi.length).toBeGreaterThan(0);
  expect(f.messageEn.length).toBeGreaterThan(0);
  return f;
}

const reply = { batch: 'b1', results: [{ recordId: 'r1', status: 'accepted' }], serverTime: '2026-03-01T09:59:58Z' };

describe('platform client requests', () => {
  it('PUTs the batch as application/cbor with the bearer key under the configured base path', async () => {
    const { client, seen, times } = clientAnswering(() => json(200, reply));
    await expect(client.putBatch('b1', new Uint8Array([1, 2]))).resolves.toEqual(reply);
    expect(seen[0]).toMatchObject({ method: 'PUT', url: 'http://127.0.0.1:9/api/v1/batches/b1', headers: { authorization: 'Bearer k-123', 'content-type': 'application/cbor' } });
    expect(times).toEqual(['2026-03-01T09:59:58Z']);
  });

  it('asks for certificates after the cursor, and the trust list without the key', async () => {
    const { client, seen } = clientAnswering((req) =>
      req.url.includes('trust-list') ? json(200, { certificates: [] }) : json(200, { certificates: [], next: null, serverTime: '2026-03-01T10:00:00Z' }));
    await client.certificates('c+/=', 100);
    await client.certificates(null, 5);
    await client.trustList();
    expect(seen[0]!.url).toBe('http://127.0.0.1:9/api/v1/certificates?limit=100&after=c%2B%2F%3D');
    expect(seen[1]!.url).toBe('http://127.0.0.1:9/api/v1/certificates?limit=5');
    expect(seen[2]!.headers.authorization).toBeUndefined();
  });
});

describe('bad replies are coded errors, never crashes', () => {
  const cases: [string, HttpResponse][] = [
    ['garbage JSON', json(200, '{"batch": "b1", "results": [')],
    ['JSON of the wrong schema', json(200, { batch: 'b1', results: [{ recordId: 'r1', status: 'maybe' }], serverTime: 'x' })],
    ['a missing field', json(200, { batch: 'b1', results: [] })],
    ['an HTML page with 200', { status: 200, headers: { 'content-type': 'text/html' }, body: new TextEncoder().encode('<html><body>Login</body></html>') }],
    ['bytes that are not UTF-8', { status: 200, headers: { 'content-type': 'application/json' }, body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) }],
    ['a 403 HTML page from a proxy', { status: 403, headers: { 'content-type': 'text/html' }, body: new TextEncoder().encode('<h1>Forbidden</h1>') }],
  ];
  it.each(cases)('%s → PLATFORM_REPLY_INVALID (bad-reply)', async (_name, res) => {
    const { client, times } = clientAnswering(() => res);
    const f = await failure(client.putBatch('b1', new Uint8Array([1])));
    expect(f).toMatchObject({ kind: 'bad-reply', code: 'PLATFORM_REPLY_INVALID' });
    expect(times).toEqual([]);
  });

  // A captive portal (hotel or clinic Wi-Fi, a login page) answers 200 with its own page; so does a
  // filtering proxy, sometimes labelled JSON or not at all. "Not in the expected format (content
  // type text/html)" told the clerk nothing to do (session 28): it says a web page came back, and
  // that the network may want a sign-in in a browser.
  it.each([
    ['text/html', 'text/html; charset=utf-8'],
    ['no content type', ''],
    ['labelled JSON', 'application/json'],
  ])('a Wi-Fi login page with 200 (%s) → PLATFORM_REPLY_INVALID saying it is a web page and what to check', async (_name, type) => {
    const page = '\n  <!DOCTYPE html><html><head><title>Đăng nhập Wi-Fi</title></head><body><form>Mật khẩu</form></body></html>';
    const { client } = clientAnswering(() => ({ status: 200, headers: type === '' ? {} : ({ 'content-type': type } as Record<string, string>), body: new TextEncoder().encode(page) }));
    for (const call of [client.certificates(null, 10), client.putBatch('b1', new Uint8Array([1]))]) {
      const f = await failure(call);
      expect(f).toMatchObject({ kind: 'bad-reply', code: 'PLATFORM_REPLY_INVALID' });
      expect(f.messageVi).toContain('trang web (HTML)');
      expect(f.messageVi).toContain('đăng nhập');
      expect(f.messageEn).toContain('web page (HTML)');
      expect(f.messageEn).toContain('sign-in');
    }
  });

  it('a 404 page from a wrong URL → PLATFORM_NOT_FOUND asking to check platform.url; not retried in the run (refused)', async () => {
    const { client, times } = clientAnswering(() => ({ status: 404, headers: { 'content-type': 'text/html' }, body: new TextEncoder().encode('<h1>Not Found</h1>') }));
    const f = await failure(client.putBatch('b1', new Uint8Array([1])));
    expect(f).toMatchObject({ kind: 'refused', code: 'PLATFORM_NOT_FOUND', status: 404 });
    expect(f.messageEn).toContain('platform.url');
    expect(f.messageVi).toContain('platform.url');
    expect(f.messageVi).not.toBe(f.messageEn);
    expect(times).toEqual([]);
  });

  it.each([301, 302, 307, 308])('a %i redirect is not followed → PLATFORM_REDIRECT naming where it points (refused)', async (status) => {
    const { client, seen } = clientAnswering(() => ({ status, headers: { location: 'https://portal.example.vn/login?next=' + 'x'.repeat(500) }, body: new Uint8Array() }));
    const f = await failure(client.certificates(null, 10));
    expect(f).toMatchObject({ kind: 'refused', code: 'PLATFORM_REDIRECT', status });
    expect(f.messageEn).toContain('https://portal.example.vn/login');
    expect(f.messageVi).toContain('https://portal.example.vn/login');
    // The address is kept within bounds, however long.
    expect(f.messageEn.length).toBeLessThan(600);
    expect(seen).toHaveLength(1);
  });

  it('a redirect without a Location still says it is one', async () => {
    const { client } = clientAnswering(() => ({ status: 302, headers: {}, body: new Uint8Array() }));
    const f = await failure(client.trustList());
    expect(f).toMatchObject({ code: 'PLATFORM_REDIRECT' });
    expect(f.messageEn).toContain('another address');
  });

  it('the clock check has a short deadline of its own; the other calls the configured one', async () => {
    const seen: HttpRequest[] = [];
    const http: HttpPort = { request: async (req) => (seen.push(req), req.url.endsWith('v1/time') ? json(200, { serverTime: '2026-03-01T10:00:00Z' }) : json(200, reply)) };
    const client = platformClient(platformConfig('http://127.0.0.1:9/', 'k'), http, { now, limits: { timeoutMs: 60_000, maxReplyBytes: 1 << 20 } });
    await client.time();
    await client.putBatch('b1', new Uint8Array([1]));
    expect(seen.map((r) => r.timeoutMs)).toEqual([10_000, 60_000]);
  });

  it('hands the run\'s signal to every request; a request dropped by it is SYNC_CANCELLED, not a network failure', async () => {
    const controller = new AbortController();
    const seen: HttpRequest[] = [];
    const http: HttpPort = {
      request: (req) => {
        seen.push(req);
        return new Promise((_resolve, reject) => req.signal!.addEventListener('abort', () => reject(new Error('dropped'))));
      },
    };
    const client = platformClient(platformConfig('http://127.0.0.1:9/', 'k'), http, { now, signal: controller.signal });
    const pending = client.certificates(null, 10).then(() => null, (e: unknown) => e);
    controller.abort();
    expect(await pending).toMatchObject({ code: 'SYNC_CANCELLED' });
    expect(await pending).not.toBeInstanceOf(SyncFailure);
    expect(seen[0]!.signal).toBe(controller.signal);
  });

  it('a huge body → PLATFORM_REPLY_TOO_LARGE (bad-reply)', async () => {
    const { client } = clientAnswering(() => Promise.reject(tooLargeError(8)));
    expect(await failure(client.certificates(null, 10))).toMatchObject({ kind: 'bad-reply', code: 'PLATFORM_REPLY_TOO_LARGE' });
  });
});

describe('failure kinds', () => {
  it('401 → PLATFORM_AUTH_FAILED asking to check the API key', async () => {
    const { client } = clientAnswering(() => json(401, { code: 'AUTH_INVALID', message: 'x' }));
    const f = await failure(client.putBatch('b1', new Uint8Array([1])));
    expect(f).toMatchObject({ kind: 'auth', code: 'PLATFORM_AUTH_FAILED', status: 401 });
    expect(f.messageEn).toMatch(/API key/);
    expect(f.messageVi).toMatch(/khóa API/);
  });

  it('503 + Retry-After, 500, 429 and a gateway HTML page are transient, with the delay read', async () => {
    const a = await failure(clientAnswering(() => json(503, { code: 'PLATFORM_UNAVAILABLE', message: 'busy' }, { 'retry-after': '7' })).client.time());
    expect(a).toMatchObject({ kind: 'transient', code: 'PLATFORM_UNAVAILABLE', retryAfterMs: 7000 });
    expect((await failure(clientAnswering(() => json(500, { code: 'INTERNAL_ERROR', message: 'x' })).client.time())).kind).toBe('transient');
    expect((await failure(clientAnswering(() => json(429, { code: 'SLOW_DOWN', message: 'x' }, { 'retry-after': 'Sun, 01 Mar 2026 10:01:00 GMT' })).client.time())).retryAfterMs).toBe(60_000);
    const gateway = await failure(clientAnswering(() => ({ status: 502, headers: { 'content-type': 'text/html' }, body: new TextEncoder().encode('<html>Bad gateway</html>') })).client.time());
    expect(gateway).toMatchObject({ kind: 'transient', code: 'PLATFORM_UNAVAILABLE' });
  });

  it('a network error is transient', async () => {
    const { client } = clientAnswering(() => Promise.reject(new Error('ECONNRESET')));
    expect(await failure(client.time())).toMatchObject({ kind: 'transient', code: 'PLATFORM_UNREACHABLE' });
  });

  it('a coded 4xx is a refusal carrying the platform code and both messages; a clock refusal is transient', async () => {
    const body = { code: 'CERT_EXPIRED', message: 'vi / en', message_vi: 'Chứng thư số đã hết hạn', message_en: 'The certificate has expired' };
    const f = await failure(clientAnswering(() => json(400, body)).client.putBatch('b', new Uint8Array([1])));
    expect(f).toMatchObject({ kind: 'refused', code: 'CERT_EXPIRED', messageVi: body.message_vi, messageEn: body.message_en });
    const clock = await failure(clientAnswering(() => json(400, { code: 'BATCH_CREATED_IN_FUTURE', message: 'x' })).client.putBatch('b', new Uint8Array([1])));
    expect(clock.kind).toBe('transient');
  });
});

describe('platform settings', () => {
  it('need both URL and key', () => {
    expect(() => platformConfig(null, 'k')).toThrow(expect.objectContaining({ code: 'SYNC_NOT_CONFIGURED' }));
    expect(() => platformConfig('https://p.example', null)).toThrow(expect.objectContaining({ code: 'SYNC_NOT_CONFIGURED' }));
  });

  it('send the key over https only, or plain http to this machine', () => {
    expect(platformConfig('https://api.example.vn/passport', 'k').url).toBe('https://api.example.vn/passport/');
    expect(platformConfig('http://127.0.0.1:8080', 'k').url).toBe('http://127.0.0.1:8080/');
    expect(platformConfig('http://localhost:1', 'k').url).toBe('http://localhost:1/');
    for (const bad of ['http://api.example.vn', 'http://127.0.0.1.evil.example', 'ftp://127.0.0.1', 'https://user:pw@api.example.vn', 'not a url']) {
      expect(() => platformConfig(bad, 'k'), bad).toThrow(expect.objectContaining({ code: 'PLATFORM_URL_INSECURE' }));
    }
  });
});
