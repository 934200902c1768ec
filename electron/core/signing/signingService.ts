/**
 * The core's signing side as one object, shared by the RPC handlers and the CLI: the signer
 * host (started on first use, so a station that never signs never loads a PKCS#11 module), token
 * listing in the contract's shape, the batch signature and the outbox queries.
 */
import { bytesToBase64, bytesToHex } from '../../../shared/crypto/bytes.js';
import { algName, isCoseAlg } from '../../../shared/cose/index.js';
import { vietnamDay } from '../../../shared/domain/dates.js';
import { eligibility } from '../../../shared/domain/eligibility.js';
import type { ResultOf } from '../../../shared/rpc/contract.js';
import { batchStore, type StoredBatch } from '../batches/batchStore.js';
import { withPlatformRefusals } from './platformRefusedCertificates.js';
import type { Logger } from '../logger.js';
import { SignerClient, forkSignerHost, type HostSpawner, type SignerClientEvent } from '../signer-client/index.js';
import type { StorePorts } from '../store/ports.js';
import type { StationStore } from '../store/stationStore.js';
import { recordReader, type RecordReader, type WorkerFactory } from './recordReader.js';
import { requeueBatch, stillRefusedCounter } from './requeueRefused.js';
import { prepareFirstBatch, signBatch, stillPrepared, type ReadAhead, type SignBatchOptions } from './signBatch.js';
import { SPLIT_MIN } from './splitRead.js';
import type { TokenSigner } from './signingPorts.js';

export interface SigningOptions {
  /** How to start the signer host; default: fork the built host with this process's environment. */
  spawn?: HostSpawner;
  /** A ready-made signer (tests with a fault port, or a shared client). */
  signer?: TokenSigner & { close?(): Promise<void>; on?(l: (e: SignerClientEvent) => void): () => void };
  /**
   * How to start the worker thread that reads half of each big batch and a long signing's next
   * batch (recordReader.ts); null: read on the core's thread only. Default: the compiled
   * readWorker.js.
   */
  readWorker?: WorkerFactory | null;
}

export function batchSummary(b: StoredBatch): ResultOf<'batches.list'>['items'][number] {
  return {
    id: b.id,
    createdAt: b.createdAt,
    count: b.count,
    alg: isCoseAlg(b.alg) ? algName(b.alg) : String(b.alg),
    root: bytesToHex(b.root),
    state: b.state,
    attempts: b.attempts,
    nextTryAt: b.nextTryAt,
    lastError: b.lastError,
  };
}

export function signingService(store: StationStore, ports: StorePorts, logger: Logger, opts: SigningOptions = {}) {
  const batches = batchStore(store, ports);
  const stillRefused = stillRefusedCounter(store.db);
  let client: (TokenSigner & { close?(): Promise<void>; on?(l: (e: SignerClientEvent) => void): () => void }) | null = opts.signer ?? null;
  const listeners = new Set<(e: SignerClientEvent) => void>();
  // A lent client's events (hot-plug, restarts) reach the station's listeners like our own's.
  opts.signer?.on?.((e) => listeners.forEach((l) => l(e)));

  function signer() {
    if (!client) {
      const created = new SignerClient({ spawn: opts.spawn ?? forkSignerHost(), logger });
      created.on((e) => listeners.forEach((l) => l(e)));
      client = created;
    }
    return client;
  }
  // The second reading thread: created here, started on a token listing or signature when enough
  // records are ready for a batch to be split (the signing screen lists the tokens first, so it is
  // up while the PIN is typed; a station with a short queue never starts it); never for an
  // in-memory database, which another connection cannot open.
  const reader: RecordReader | null =
    opts.readWorker === null || store.db.memory ? null : recordReader(store.db.name, { logger, ...(opts.readWorker ? { factory: opts.readWorker } : {}) });
  const warmReader = () => {
    if (reader && (store.countByState().ready ?? 0) >= SPLIT_MIN) reader.warm();
  };
  // The first batch of the next signing, read on the worker once it is up after a token listing
  // (signBatch.ts prepareFirstBatch): the signer types the PIN meanwhile. One at a time; a
  // listing keeps one that is still exact, a signature takes it (or drops it), and `asked`
  // counts both so a listing's late answer never installs one after a signature started.
  let prepared: ReadAhead | null = null;
  let asked = 0;
  const prepareFirst = () => {
    if (!reader || (store.countByState().ready ?? 0) < SPLIT_MIN) return;
    if (prepared !== null && stillPrepared(store, prepared)) return;
    prepared = null;
    const ask = ++asked;
    void reader.ready({ keepAlive: false }).then((ok) => {
      if (ok && ask === asked) prepared = prepareFirstBatch({ store, ports, reader });
    });
  };
  const takePrepared = () => {
    asked++;
    const taken = prepared;
    prepared = null;
    return taken;
  };
  const facility = () => ({ taxCode: store.getSetting('facility.taxCode'), name: store.getSetting('facility.name') });

  return {
    batches,
    onSignerEvent(listener: (e: SignerClientEvent) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async listTokens(modulePath?: string): Promise<ResultOf<'token.list'>> {
      warmReader();
      const path = modulePath ?? store.getSetting('pkcs11.module') ?? undefined;
      const listed = await signer().listTokens({ ...(path ? { modulePath: path } : {}), facility: facility() });
      const module = listed.module;
      const tokens = withPlatformRefusals(listed.tokens, batches.certificateRefusals());
      if (tokens.length > 0) prepareFirst();
      return {
        modules: module.candidates.map((c) => ({
          path: c.path,
          source: c.source,
          loaded: c.status === 'loaded',
          reason: c.code === null ? null : { code: c.code, message_vi: c.message_vi ?? c.code, message_en: c.message_en ?? c.code },
        })),
        tokens: tokens.map((t) => ({
          serial: t.serial,
          label: t.label,
          manufacturer: t.manufacturer,
          model: t.model,
          // A token that gives no lengths takes any PIN of 1 character or more (tokenLogin.ts):
          // a 0 here once made the PIN dialog refuse every PIN (probe 18).
          pinMin: t.pinMinLength ?? 1,
          pinMax: t.pinMaxLength,
          flags: {
            countLow: t.flags.pinCountLow,
            finalTry: t.flags.pinFinalTry,
            locked: t.flags.pinLocked,
            pinPad: t.flags.protectedAuthenticationPath,
            pinToBeChanged: t.flags.pinToBeChanged ?? false,
          },
          // Else PIN_TO_BE_CHANGED reached the screen only as the refusal of a PIN typed for nothing.
          warnings: t.warnings,
          certificates: t.certificates.map((c) => ({
            fingerprint: c.fingerprint,
            label: c.label,
            serialNumber: c.serialNumber,
            subject: c.subject,
            issuer: c.issuer,
            notBefore: c.notBefore,
            notAfter: c.notAfter,
            keyType: c.curve ? `${c.keyType} ${c.curve}` : c.keyType,
            keyBits: c.keyBits,
            keyUsage: c.keyUsage,
            extKeyUsage: c.extKeyUsage,
            usable: c.usable,
            whyNot: c.problems,
            warnings: c.warnings,
          })),
          certificatesAfterLogin: t.flags.loginRequired && !t.loggedIn && t.certificates.length === 0,
        })),
      };
    },

    /**
     * What signing now would cover, and how many of those people would get a passport. Drafts a
     * clock behind left are checked again first: the clinic looks here for what waits.
     */
    preview(opts: { recordIds?: string[]; limit?: number }): ResultOf<'sign.preview'> {
      const drafts = store.recheckDatedDrafts();
      const where = opts.recordIds ? `d.id IN (SELECT value FROM json_each(?)) AND d.state = 'ready'` : `d.state = 'ready'`;
      const args = opts.recordIds ? [JSON.stringify(opts.recordIds)] : [];
      // "With warnings" means a warning was found and confirmed. The confirm flag alone is set on
      // every row of an import whose "import the rows with warnings too" box was ticked: the demo
      // said "36 with warnings" of 37 records that had none (probe 19).
      const chosen = store.db
        .prepare(`SELECT d.person_id AS person, d.warnings_confirmed = 1 AND EXISTS
            (SELECT 1 FROM json_each(d.findings) f WHERE json_extract(f.value, '$.severity') = 'warning') AS warned
          FROM dose_records d WHERE ${where} ORDER BY d.seq LIMIT ?`)
        .all(...args, opts.limit ?? 100_000) as { person: string; warned: number }[];
      const people = [...new Set(chosen.map((c) => c.person))];
      const dosesOf = store.db.prepare(`SELECT vaccine, dose_number AS doseNumber, vaccination_date AS vaccinationDate FROM dose_records
        WHERE person_id = ? AND state NOT IN ('superseded', 'rejected')`);
      const eligiblePeople = people.filter((id) => eligibility(dosesOf.all(id) as { vaccine: string; doseNumber: number; vaccinationDate: string }[]).eligible).length;
      return {
        count: chosen.length, withWarnings: chosen.filter((c) => c.warned === 1).length, people: people.length, eligiblePeople,
        rechecked: drafts.rechecked, recheckedReady: drafts.ready, futureDrafts: drafts.future, drafts: store.countByState().draft ?? 0, today: vietnamDay(ports.now()),
      };
    },

    sign(options: SignBatchOptions) {
      store.recheckDatedDrafts();
      warmReader();
      return signBatch({ store, batches, signer: signer(), ports, reader, prepared: takePrepared() }, options);
    },

    listBatches(limit: number, offset: number): ResultOf<'batches.list'> {
      const page = batches.list({ limit, offset });
      return {
        items: page.items.map((b) =>
          b.state === 'failed' && b.lastError !== null ? { ...batchSummary(b), stillRefused: stillRefused(b.id, b.lastError.code) } : batchSummary(b),
        ),
        total: page.total,
      };
    },

    /** A batch the platform refused as a whole: its records back in the signing queue (requeueRefused.ts). */
    requeueBatch(id: string): ResultOf<'batches.requeue'> {
      return requeueBatch({ store, batches, ports, logger }, id);
    },

    exportBatch(id: string): ResultOf<'batches.export'> {
      return { name: `batch-${id}.cbor`, base64: bytesToBase64(batches.uploadBody(id)) };
    },

    async close(): Promise<void> {
      takePrepared();
      await reader?.close();
      await client?.close?.();
    },
  };
}

export type SigningService = ReturnType<typeof signingService>;
