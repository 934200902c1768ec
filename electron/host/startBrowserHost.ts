/**
 * The browser host of DESIGN §2: the built renderer and the core's RPC over a WebSocket, on
 * 127.0.0.1 only, for machines without the Electron runtime, for development and for the
 * end-to-end tests. The core runs in this process; the page reaches it only through `/rpc`
 * after the checks of upgradeGuard.ts.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { StationError } from '../../shared/errors.js';
import { silentLogger, type Logger } from '../core/logger.js';
import { openStation, type StationCore } from '../core/station.js';
import { RPC_SUBPROTOCOL, newHostSecret } from './hostSecret.js';
import { PAGE_REFUSALS, WS_HANDSHAKE_REFUSED, upgradeRefusal } from './hostRefusals.js';
import { serveRpcConnection } from './rpcConnection.js';
import { answerClientError, refuseOnSocket } from './socketRefusals.js';
import { DEFAULT_HOST_LIMITS, serverOptions, type HostLimits } from './hostLimits.js';
import { securityHeaders } from './securityHeaders.js';
import { defaultRendererDir, serveStatic } from './staticFiles.js';
import { checkUpgrade, hostHeaderOk, type GuardResult } from './upgradeGuard.js';

/**
 * The largest message the contract allows is an import file of 200 MB as base64 (280 M
 * characters) or a camera frame's RGBA (300 M); a little JSON around it.
 */
export const DEFAULT_MAX_MESSAGE_BYTES = 320 * 1024 * 1024;

export interface BrowserHostOptions {
  dataDir: string;
  /** 0 or absent: a random free port. */
  port?: number;
  logger?: Logger;
  /** An already opened core (tests, a host with extra handlers); else one is opened on dataDir. */
  core?: StationCore;
  /** The built renderer; defaults to dist/renderer. */
  rendererDir?: string;
  maxMessageBytes?: number;
  /** Socket limits (hostLimits.ts); tests shorten them. */
  limits?: Partial<HostLimits>;
}

export interface BrowserHost {
  /** `http://127.0.0.1:<port>/#secret=<secret>`: what the user opens. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly core: StationCore;
  close(): Promise<void>;
}

/**
 * A refused upgrade is a plain HTTP answer, never a WebSocket: the standard reason phrase on the
 * status line, the host's security headers, and the body of hostRefusals.ts saying which check
 * failed and what to do (a HEAD carrying Upgrade headers gets the headers only).
 */
function refuseUpgrade(socket: Duplex, req: IncomingMessage, verdict: Extract<GuardResult, { ok: false }>, port: number, headers: Readonly<Record<string, string>>): void {
  refuseOnSocket(socket, verdict.status, upgradeRefusal(verdict.refusal, port), { headers: { ...headers, ...verdict.headers }, headOnly: req.method === 'HEAD' });
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((done, fail) => {
    const onError = (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') {
        fail(new StationError('HOST_PORT_IN_USE', `Cổng ${port} đang được chương trình khác dùng; hãy chọn cổng khác hoặc bỏ --port.`, `Port ${port} is in use by another program; choose another port or leave out --port.`, { port }));
      } else fail(new StationError('HOST_LISTEN_FAILED', 'Không mở được cổng cho giao diện trình duyệt.', 'Could not open a port for the browser interface.', { code: err.code }));
    };
    server.once('error', onError);
    // 127.0.0.1 and nothing else: never 0.0.0.0, never "localhost" (which may resolve to ::1 or
    // to something a hosts file says).
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      done((server.address() as AddressInfo).port);
    });
  });
}

export async function startBrowserHost(opts: BrowserHostOptions): Promise<BrowserHost> {
  const logger = opts.logger ?? silentLogger;
  const rendererDir = opts.rendererDir ?? defaultRendererDir();
  const secret = newHostSecret();
  const limits: HostLimits = { ...DEFAULT_HOST_LIMITS, ...opts.limits };
  let port = 0;
  // Made once the port is known (the CSP names it); no request is answered before that.
  let headers: Readonly<Record<string, string>> = {};

  const server = createServer(serverOptions(limits), (req, res) => {
    // DNS rebinding: a foreign page that resolves its own name to 127.0.0.1 sends its own Host.
    if (!hostHeaderOk(req.headers.host, port)) {
      res.writeHead(421, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      // Node sends no body to a HEAD, whatever is passed here.
      res.end(PAGE_REFUSALS.WRONG_HOST(port));
      return;
    }
    serveStatic(rendererDir, req, res, headers);
  });
  server.maxConnections = limits.maxConnections;
  // A request Node's parser rejects (a broken request line, headers too large or too slow) gets
  // the same kind of answer as the host's own refusals, not Node's bare status line.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => answerClientError(err, socket, headers));
  let lastDropLog = -Infinity;
  server.on('drop', () => {
    // At most one line a minute: a flood of connections must not become a flood of log lines.
    if (performance.now() - lastDropLog < 60_000) return;
    lastDropLog = performance.now();
    logger.log('warn', 'host: connection refused, too many open', { maxConnections: limits.maxConnections });
  });
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: opts.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
    // ws's default, made deliberate: upgradeGuard.ts leaves Sec-WebSocket-Extensions unchecked.
    perMessageDeflate: false,
    handleProtocols: (protocols) => (protocols.has(RPC_SUBPROTOCOL) ? RPC_SUBPROTOCOL : false),
  });
  // upgradeGuard.ts makes every check ws makes before handing over, so ws has nothing left to
  // refuse; should a later ws refuse more, its answer is still the host's (with this listener ws
  // writes nothing itself) rather than ws's English text/html.
  wss.on('wsClientError', (err: Error, socket: Duplex) => {
    logger.log('warn', 'host: connection refused by ws', { reason: err.message });
    refuseOnSocket(socket, 400, WS_HANDSHAKE_REFUSED, { headers });
  });

  port = await listen(server, opts.port ?? 0);
  headers = securityHeaders(port);
  const ownsCore = opts.core === undefined;
  let core: StationCore;
  try {
    core = opts.core ?? openStation({ dataDir: opts.dataDir, logger });
  } catch (err) {
    server.close();
    throw err;
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const verdict = checkUpgrade(req, { port, secret });
    if (!verdict.ok) {
      logger.log('warn', 'host: connection refused', { refusal: verdict.refusal });
      refuseUpgrade(socket, req, verdict, port, headers);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveRpcConnection(ws, core.dispatcher, logger, core.events));
  });

  const origin = `http://127.0.0.1:${port}`;
  logger.log('info', 'host: listening', { origin });
  let closing: Promise<void> | null = null;
  return {
    url: `${origin}/#secret=${secret}`,
    origin,
    port,
    core,
    close() {
      closing ??= new Promise<void>((done) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => {
          // A core we opened is ours to close (signer host, database); a lent one is not.
          if (ownsCore) core.close().then(done, (err: unknown) => {
            logger.log('error', 'host: core close failed', { error: err instanceof Error ? err.message : String(err) });
            done();
          });
          else done();
        });
      });
      return closing;
    },
  };
}
