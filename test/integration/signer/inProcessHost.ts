/**
 * A signer host running inside the test process against a SoftHSM token (optionally through the
 * fault port): the host's logic end to end, without the cost of a fork. The fork itself, hangs
 * and crashes are covered by signerClient.test.ts.
 */
import { X509Certificate, constants, verify } from 'node:crypto';
import { expect } from 'vitest';
import { memoryLogger } from '../../../electron/core/logger.js';
import { createPkcs11js } from '../../../electron/signer/pkcs11Port.js';
import { SignerHost } from '../../../electron/signer/signerHost.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import type { SignerMethod, SignerParams, SignerResult } from '../../../shared/signer/index.js';
import { createFaultPort, type FaultSpec } from '../../fixtures/faultPkcs11.js';
import type { SoftHsmToken } from '../../fixtures/softhsm.js';

export interface HostHarness {
  host: SignerHost;
  events: { event: string; data: unknown }[];
  logger: ReturnType<typeof memoryLogger>;
  /** Fault-port call log (method, n, userType, pinGiven): empty without a fault spec. */
  calls: Record<string, unknown>[];
  ok<K extends SignerMethod>(method: K, params: SignerParams<K>): Promise<SignerResult<K>>;
  fail<K extends SignerMethod>(method: K, params: SignerParams<K> | Record<string, unknown>): Promise<ErrorInfo>;
  close(): void;
}

let nextId = 1;

export function startInProcessHost(token: SoftHsmToken, opts: { faults?: FaultSpec; idleTimeoutMs?: number } = {}): HostHarness {
  // SoftHSM reads its config at C_Initialize, in this process.
  process.env.SOFTHSM2_CONF = token.env.SOFTHSM2_CONF;
  const events: { event: string; data: unknown }[] = [];
  const calls: Record<string, unknown>[] = [];
  const logger = memoryLogger();
  const spec = opts.faults ? { ...opts.faults, onCall: (e: Record<string, unknown>) => calls.push(e) } : null;
  const host = new SignerHost({
    createPort: spec ? () => createFaultPort(createPkcs11js(), spec) : createPkcs11js,
    modulePath: token.modulePath,
    logger,
    emit: (event, data) => events.push({ event, data }),
    pollIntervalMs: 0,
    ...(opts.idleTimeoutMs !== undefined ? { idleTimeoutMs: opts.idleTimeoutMs } : {}),
  });
  return {
    host,
    events,
    logger,
    calls,
    async ok(method, params) {
      const reply = await host.handle({ id: nextId++, method, params });
      if (!reply.ok) throw new Error(`${method} failed: ${JSON.stringify(reply.error)}`);
      return reply.result as never;
    },
    async fail(method, params) {
      const reply = await host.handle({ id: nextId++, method, params });
      if (reply.ok) throw new Error(`${method} unexpectedly succeeded`);
      const error = reply.error as ErrorInfo;
      // What the user sees: a stable code and a message in each language.
      expect(error.code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(error.message_vi?.length).toBeGreaterThan(5);
      expect(error.message_en?.length).toBeGreaterThan(5);
      return error;
    },
    close: () => host.shutdown(),
  };
}

/** Independent check with node:crypto and the certificate the host returned. */
export function verifiesWithCertificate(result: { alg: number; signature: Uint8Array; certificateDer: Uint8Array }, data: Uint8Array): boolean {
  const key = new X509Certificate(result.certificateDer).publicKey;
  if (result.alg === -7) return verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, result.signature);
  if (result.alg === -37) return verify('sha256', data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, result.signature);
  return verify('sha256', data, { key, padding: constants.RSA_PKCS1_PADDING }, result.signature);
}

export const toBeSigned = (text = 'batch manifest') => new TextEncoder().encode(text);
