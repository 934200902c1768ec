/**
 * Entry of the signer host as an Electron utility process (forked by main when the core asks).
 * It owns pkcs11js; the vendor DLL runs here, so a driver that hangs or crashes takes only this
 * process down and the core starts a new one (DESIGN §5). Logs are JSON lines on stderr, which
 * main forwards to the core's log.
 */
import { streamLogger } from '../core/logger.js';
import { readHostOptions } from '../signer/hostOptions.js';
import { createPkcs11js } from '../signer/pkcs11Port.js';
import { SignerHost } from '../signer/signerHost.js';
import type { ParentPortLike } from './processMessages.js';
import { runSignerProcess } from './runSignerProcess.js';

const parent = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
const options = readHostOptions(process.env);
const logger = streamLogger((line) => process.stderr.write(line), options.logLevel ?? 'info');

if (parent === undefined) {
  logger.log('error', 'signer process: not started as a utility process', {});
  process.exit(2);
}

runSignerProcess({
  parent,
  logger,
  exit: (code) => process.exit(code),
  createHost: (emit) =>
    new SignerHost({
      createPort: createPkcs11js,
      modulePath: options.modulePath ?? null,
      ...(options.idleTimeoutMs !== undefined ? { idleTimeoutMs: options.idleTimeoutMs } : {}),
      ...(options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs } : {}),
      logger,
      emit,
    }),
});
