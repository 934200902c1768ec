/**
 * Starts the national platform simulator: its database, its DCC signers, its population, its
 * HTTP server on 127.0.0.1. Used in-process by tests and by `main.ts` (the `npm run platform` CLI).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { StationError, isStationError } from '../../shared/errors.js';
import type { TrustList } from '../../shared/platform/api.js';
import { parseCertificate, pemToDer, type Certificate } from '../../shared/x509/x509.js';
import { BatchService, type Facility } from './batch/batchService.js';
import { FaultInjector, NO_FAULTS, parseFaultSpec, type FaultCounters, type FaultSpec } from './faultInjector.js';
import { InFlight } from './http/inFlight.js';
import { createPlatformServer } from './http/platformServer.js';
import { loadOrCreateDscs, type DscAlg } from './issuance/dscKeys.js';
import { Issuer, type IssuanceMode } from './issuance/issuer.js';
import { PlatformStore } from './platformStore.js';
import { QuietCheckpoint } from './quietCheckpoint.js';
import { generatePopulation, type PopulationPerson } from './population.js';
import { SerialQueue } from './serialQueue.js';

export interface PlatformOptions {
  dataDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** CA certificates (PEM text, possibly several blocks, or DER) that facility certificates must chain to. */
  trustCa?: readonly (string | Uint8Array)[];
  facilities?: readonly Facility[];
  faults?: FaultSpec | string | null;
  seed?: number;
  dscAlg?: DscAlg;
  /** People added to (or replacing, by id) the population at start. */
  population?: readonly PopulationPerson[];
  /** Synthetic people generated from the seed at the FIRST start of a data dir (default 1000). */
  populationSize?: number;
  /** Upload body limit (default 32 MiB); 413 above it. */
  maxBodyBytes?: number;
  clock?: () => Date;
  /** Default: random per start. */
  adminToken?: string;
  /** How long after its expiry a facility certificate still covers batches signed before it (default 30 days). */
  certGraceDays?: number;
  /**
   * When certificates are signed (issuance/issuer.ts): `inline` (default) before the upload's
   * reply, so the feed has them as soon as the upload is answered; `background` after it, as a
   * national platform does — `issueNow()` / `POST /v1/_sim/issue-now` waits for the queue;
   * `manual` only when asked that way (certificates that come later than the answer).
   */
  issuance?: IssuanceMode;
  onError?: (error: unknown) => void;
}

export interface RunningPlatform {
  url: string;
  port: number;
  adminToken: string;
  facilities: string[];
  trustListPath: string;
  trustList: TrustList;
  stats(): FaultCounters;
  /** Signs every certificate still queued; resolves with the number of people considered. */
  issueNow(): Promise<number>;
  close(): Promise<void>;
}

export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;
const DAY_MS = 86400_000;
/** No upload committed for this long: the platform checkpoints its WAL (quietCheckpoint.ts). */
const CHECKPOINT_QUIET_MS = 1000;

function trustAnchors(inputs: readonly (string | Uint8Array)[]): Certificate[] {
  const anchors: Certificate[] = [];
  for (const [i, input] of inputs.entries()) {
    try {
      const ders = typeof input === 'string' ? pemToDer(input) : [input];
      if (ders.length === 0) throw new Error('no CERTIFICATE block');
      anchors.push(...ders.map((der) => parseCertificate(der)));
    } catch (e) {
      throw new StationError('TRUST_CA_INVALID', `Chứng thư CA tin cậy thứ ${i + 1} không đọc được`, `Trusted CA certificate ${i + 1} cannot be read`, {
        cause: isStationError(e) ? e.toInfo() : String(e),
      });
    }
  }
  return anchors;
}

function checkFacilities(facilities: readonly Facility[]): void {
  const codes = new Set<string>();
  const keys = new Set<string>();
  for (const f of facilities) {
    if (codes.has(f.code) || keys.has(f.apiKey)) {
      throw new StationError('FACILITY_DUPLICATE', `Cơ sở ${f.code} hoặc khóa API bị khai báo hai lần`, `Facility ${f.code} or its API key is declared twice`);
    }
    codes.add(f.code);
    keys.add(f.apiKey);
  }
}

export async function startPlatform(options: PlatformOptions): Promise<RunningPlatform> {
  const clock = options.clock ?? (() => new Date());
  const seed = options.seed ?? 1;
  const facilities = [...(options.facilities ?? [])];
  checkFacilities(facilities);
  const anchors = trustAnchors(options.trustCa ?? []);
  const spec = typeof options.faults === 'string' ? parseFaultSpec(options.faults) : (options.faults ?? null);
  mkdirSync(options.dataDir, { recursive: true });
  const store = PlatformStore.open(options.dataDir);
  try {
    if (store.getMeta('population.generated') === undefined) {
      store.upsertPeople(generatePopulation(seed, options.populationSize ?? 1000));
      store.setMeta('population.generated', JSON.stringify({ seed, size: options.populationSize ?? 1000 }));
    }
    if (options.population) store.upsertPeople(options.population);
    const dscs = await loadOrCreateDscs(options.dataDir, options.dscAlg ?? 'ES256', clock());
    // Without --faults the injector injects nothing but still counts requests for /v1/_sim/stats.
    const faults = new FaultInjector(spec ?? NO_FAULTS, seed);
    const queue = new SerialQueue();
    const inFlight = new InFlight();
    const issuer = new Issuer({
      store, queue, dsc: () => dscs.active, clock, whenIdle: () => inFlight.idle(), ...(options.onError ? { onError: options.onError } : {}),
    });
    const checkpoint = new QuietCheckpoint({
      run: () => queue.run(() => void store.checkpoint()),
      whenIdle: () => inFlight.idle(),
      quietMs: CHECKPOINT_QUIET_MS,
      ...(options.onError ? { onError: options.onError } : {}),
    });
    const batches = new BatchService({
      store,
      anchors: () => anchors,
      queue,
      issuer,
      issuance: options.issuance ?? 'inline',
      clock,
      certGraceMs: (options.certGraceDays ?? 30) * DAY_MS,
      maxSkewMs: 5 * 60_000,
      ...(options.onError ? { onIssuanceError: options.onError } : {}),
      onCommitted: () => checkpoint.kick(),
    });
    const adminToken = options.adminToken ?? randomBytes(24).toString('base64url');
    const server = createPlatformServer({
      context: { store, batches, issuer, dscs, faults, clock, maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES },
      facilities,
      adminToken,
      inFlight,
      ...(options.onError ? { onError: options.onError } : {}),
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    const port = (server.address() as AddressInfo).port;
    // People queued before a stop (or a crash) are issued for now.
    if (options.issuance !== 'manual') issuer.kick();
    let closing: Promise<void> | null = null;
    return {
      url: `http://127.0.0.1:${port}`,
      port,
      adminToken,
      facilities: facilities.map((f) => f.code),
      trustListPath: dscs.trustListPath,
      trustList: dscs.trustList,
      stats: () => faults.stats(),
      issueNow: () => issuer.drain(),
      close: () =>
        (closing ??= new Promise<void>((resolve) => {
          issuer.close();
          checkpoint.close();
          server.close(() => resolve());
          server.closeAllConnections();
        })
          .then(() => queue.idle())
          .then(() => store.close())),
    };
  } catch (e) {
    store.close();
    throw e;
  }
}
