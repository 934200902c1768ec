/**
 * A SignerClient whose host is a real child process running the TypeScript sources (through
 * tsLoader.mjs), against a SoftHSM token, optionally through the fault port.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { memoryLogger } from '../../../electron/core/logger.js';
import { forkSignerHost, type HostSpawner } from '../../../electron/core/signer-client/hostProcess.js';
import { SignerClient, type SignerClientEvent, type SignerClientOptions } from '../../../electron/core/signer-client/signerClient.js';
import type { HostOptions } from '../../../electron/signer/hostOptions.js';
import type { FaultSpec } from '../../fixtures/faultPkcs11.js';
import type { SoftHsmToken } from '../../fixtures/softhsm.js';

const root = resolve(import.meta.dirname, '../../..');
export const HOST_SOURCE = resolve(root, 'electron/signer/main.ts');
export const TS_LOADER = pathToFileURL(resolve(import.meta.dirname, 'tsLoader.mjs')).href;
export const FAULT_PORT = resolve(root, 'test/fixtures/faultPkcs11.ts');

export function sourceHostSpawner(token: SoftHsmToken, opts: { faults?: FaultSpec; hostOptions?: HostOptions } = {}): HostSpawner {
  return forkSignerHost({
    entry: HOST_SOURCE,
    execArgv: ['--import', TS_LOADER],
    env: {
      ...token.env,
      ...(opts.faults ? { STATION_SIGNER_TEST_PORT: FAULT_PORT, STATION_SIGNER_FAULTS: JSON.stringify(opts.faults) } : {}),
    },
    hostOptions: { modulePath: token.modulePath, pollIntervalMs: 0, ...opts.hostOptions },
  });
}

export function forkedClient(
  token: SoftHsmToken,
  opts: { faults?: FaultSpec; hostOptions?: HostOptions; timeouts?: SignerClientOptions['timeouts'] } = {},
) {
  const logger = memoryLogger();
  const events: SignerClientEvent[] = [];
  const client = new SignerClient({ spawn: sourceHostSpawner(token, opts), logger, ...(opts.timeouts ? { timeouts: opts.timeouts } : {}) });
  client.on((e) => events.push(e));
  const waitFor = (predicate: (e: SignerClientEvent) => boolean, ms = 5000) =>
    new Promise<SignerClientEvent>((resolvePromise, reject) => {
      const hit = events.find(predicate);
      if (hit) return resolvePromise(hit);
      const timer = setTimeout(() => reject(new Error('event did not come')), ms);
      const off = client.on((e) => {
        if (!predicate(e)) return;
        clearTimeout(timer);
        off();
        resolvePromise(e);
      });
    });
  return { client, logger, events, waitFor };
}
