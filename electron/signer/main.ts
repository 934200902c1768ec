/**
 * Entry of the signer host process (`child_process.fork` here, Electron `utilityProcess` in the
 * app: both deliver structured-clone messages). It answers each request with one reply, pushes
 * events, and finalises the module when the core goes away.
 */
import { pathToFileURL } from 'node:url';
import { streamLogger } from '../core/logger.js';
import { isStationError } from '../../shared/errors.js';
import { ENV, readHostOptions, testPortModule } from './hostOptions.js';
import { createPkcs11js, type Pkcs11Port, type Pkcs11PortFactory } from './pkcs11Port.js';
import { SignerHost } from './signerHost.js';

interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

// Electron's utilityProcess exposes process.parentPort; a forked Node child has process.send.
const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

function send(message: unknown, then?: () => void): void {
  if (parentPort) {
    parentPort.postMessage(message);
    then?.();
  } else if (process.send) {
    process.send(message, undefined, undefined, () => then?.());
  }
}

const options = readHostOptions(process.env);
const logger = streamLogger((line) => process.stderr.write(line), options.logLevel ?? 'info');

let createPort: Pkcs11PortFactory = createPkcs11js;
let testPort: string | null = null;
try {
  testPort = testPortModule(process.env);
} catch (err) {
  if (!isStationError(err)) throw err;
  // Refused: leave rather than run (and sign) without the port the environment asked for.
  logger.log('error', err.message, { code: err.code, ...(err.details as object) });
  process.exit(2);
}
if (testPort) {
  const mod = (await import(pathToFileURL(testPort).href)) as { createFaultPort(real: Pkcs11Port, spec: string | undefined): Pkcs11Port };
  createPort = () => mod.createFaultPort(createPkcs11js(), process.env[ENV.faults]);
  logger.log('warn', 'test PKCS#11 port in use', { module: testPort });
}

const host = new SignerHost({
  createPort,
  modulePath: options.modulePath ?? null,
  ...(options.idleTimeoutMs !== undefined ? { idleTimeoutMs: options.idleTimeoutMs } : {}),
  ...(options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs } : {}),
  logger,
  emit: (event, data) => send({ event, data }),
});

async function onMessage(message: unknown): Promise<void> {
  const reply = await host.handle(message);
  const shuttingDown = reply.ok && (message as { method?: unknown }).method === 'host.shutdown';
  send(reply, shuttingDown ? () => process.exit(0) : undefined);
}

if (parentPort) parentPort.on('message', (e) => void onMessage(e.data));
else process.on('message', (m) => void onMessage(m));

// The core went away: finalise the module so the token is left clean, then leave.
process.on('disconnect', () => {
  host.shutdown();
  process.exit(0);
});

send({ event: 'host.ready', data: { pid: process.pid } });
