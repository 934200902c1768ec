/**
 * Batch signing (issue 4, DESIGN §5) on a SoftHSM2 token with an EC P-256 key (test/fixtures/
 * softhsm.ts), through the station as the app runs it: `openStation(...).signing.sign({pin})`
 * with the real forked signer host (dist/electron/signer/main.js).
 *
 * Baseline (same run, same token): per-record signing straight through pkcs11js — one session,
 * logged in once, SHA-256 in Node + C_SignInit + C_Sign per record (fixtures/rawSigner.ts): the
 * ceiling of any per-record scheme. The ratio says how much one signature per batch beats it.
 *
 * Slow token: the same with 200 ms injected into the token's calls by the fault port
 * (test/fixtures/faultPkcs11.ts, loaded into the host by STATION_SIGNER_TEST_PORT), next to the
 * per-record estimate: 10,000 × the per-signature time measured through the same port here.
 *
 * Records: bulk-loaded as `ready` (fixtures/bulkLoad.ts). Each timed `sign` covers what the user
 * waits for: token listing and certificate choice, reading the records, CBOR + Merkle tree +
 * proofs, the token signature, verification, and the durable store of batch, items, states and
 * audit entries. The signer host is started (and the token listed) before timing. Two ways in:
 * a bare `sign` call with nothing read before it ("sign called cold"), and as the signing screen
 * does it — tokens listed, a second of PIN entry (fixtures/pinEntry.ts), then `sign` timed from
 * the press of "Sign": the station reads the first batch on its second thread while the PIN is
 * typed. 100k records (which the station signs as batches of at most 10,000, one PIN) run the
 * screen's way in a child process (fixtures/signBatchChild.ts) stopped at BIG_BATCH_BUDGET_MS:
 * the figure is then an upper bound, and says so. The batch figures are medians (of 5 requests in
 * process, of 3 children for 100k).
 */
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { stationDatabasePath } from '../../electron/core/db/openStationDatabase.js';
import { forkSignerHost } from '../../electron/core/signer-client/hostProcess.js';
import { MAX_BATCH_RECORDS } from '../../electron/core/signing/signBatch.js';
import { openStation, type StationCore } from '../../electron/core/station.js';
import { createFaultPort, type FaultSpec } from '../fixtures/faultPkcs11.js';
import { TEST_FACILITY, createSoftHsmToken, type SoftHsmToken } from '../fixtures/softhsm.js';
import { bulkLoadRecords } from './fixtures/bulkLoad.js';
import { PIN_ENTRY_MS, typingPin } from './fixtures/pinEntry.js';
import { openRawSigner } from './fixtures/rawSigner.js';
import type { SignChildReport, SignChildRequest } from './fixtures/signBatchChild.js';
import { median, medianOf, throughput, type Figure } from './harness.js';

const SUITE = 'signing';
const FAULT_PORT = fileURLToPath(new URL('../fixtures/faultPkcs11.js', import.meta.url));
const LATENCY_MS = 200;
const SLOW_BATCH = 10_000;
/**
 * Records per sign request → how many requests are timed in this process (after an untimed 1k);
 * each figure is the median request (one 10k batch moved by half with the shared machine's load).
 */
const BATCHES: [number, number][] = [[1_000, 5], [10_000, 5]];
/**
 * 10k batches signed as the signing screen does it (pinEntry.ts): the tokens listed, a second of
 * PIN entry, then the signature — timed from "Sign". The requests above are timed from a bare
 * `sign` call with nothing read before it.
 */
const SCREEN_RUNS = 5;
const SCREEN_BATCH = 10_000;
const SCREEN_WAY = `, timed from Sign after listing + ${PIN_ENTRY_MS / 1000} s PIN entry`;
/** 100k-record signings, each in a fresh child: the figure is the median. */
const BIG_RUNS = 3;
/** Signed as several batches: the station caps a batch at MAX_BATCH_RECORDS. */
const BIG_BATCH = 100_000;
const BIG_BATCH_BUDGET_MS = 120_000;
/** Every PKCS#11 function the host calls (the fault port's names), for "latency on every call". */
const TOKEN_CALLS = ['C_Initialize', 'C_GetInfo', 'C_GetSlotList', 'C_GetTokenInfo', 'C_GetMechanismList', 'C_OpenSession', 'C_CloseSession',
  'C_Login', 'C_Logout', 'C_FindObjectsInit', 'C_FindObjects', 'C_FindObjectsFinal', 'C_GetAttributeValue', 'C_SignInit', 'C_Sign'];

/** A record-sized input per call (what a per-record scheme hashes and signs). */
function recordBytes(i: number): Uint8Array {
  const b = new Uint8Array(180);
  new DataView(b.buffer).setUint32(0, i);
  return b;
}

function openBenchStation(dir: string, token: SoftHsmToken, records: number, faults?: FaultSpec): StationCore {
  bulkLoadRecords(dir, { count: records, seed: 21, state: () => 'ready' });
  const env: Record<string, string> = { ...token.env };
  if (faults) Object.assign(env, { STATION_SIGNER_TEST_PORT: FAULT_PORT, STATION_SIGNER_FAULTS: JSON.stringify(faults) });
  const station = openStation({ dataDir: dir, signing: { spawn: forkSignerHost({ env }) } });
  station.store.setSetting('facility.taxCode', TEST_FACILITY.taxCode);
  station.store.setSetting('facility.name', TEST_FACILITY.name);
  station.store.setSetting('pkcs11.module', token.modulePath);
  return station;
}

async function signOnce(station: StationCore, pin: string, limit: number): Promise<number> {
  const start = performance.now();
  const r = await station.signing.sign({ pin, limit });
  const ms = performance.now() - start;
  if (r.count !== limit || r.alg !== 'ES256' || r.batches.length !== 1) {
    throw new Error(`signed ${r.count} records in ${r.batches.length} batches with ${r.alg}, expected ${limit} in one with ES256`);
  }
  return ms;
}

function note(text: string): void {
  process.stdout.write(`  ${SUITE}: ${text}\n`);
}

/** Per-signature time through the fault port at LATENCY_MS, in this process (a few samples). */
function slowPerRecordMs(token: SoftHsmToken, latencyMs: Record<string, number>): number {
  const raw = openRawSigner(token, (real) => createFaultPort(real, { latencyMs }));
  try {
    raw.sign(recordBytes(0));
    const start = performance.now();
    const n = 5;
    for (let i = 1; i <= n; i++) raw.sign(recordBytes(i));
    return (performance.now() - start) / n;
  } finally {
    raw.close();
  }
}

function batchFigure(size: number, batches: number, perSecond: number, rawPerSecond: number, extra = ''): Figure {
  const how = batches === 1 ? 'one batch' : `${batches} batches`;
  return {
    suite: SUITE,
    name: `station signs ${size.toLocaleString('en-US')} ready records, ${how} (SoftHSM EC P-256, forked host)${extra}`,
    value: perSecond,
    unit: 'records/s',
    baseline: { name: 'per-record C_Sign loop through pkcs11js', value: rawPerSecond },
    better: 'higher',
    // The issue's goal is for signing in 10k batches: one such batch, and 100k records as ten.
    ...(size === 10_000 || size === BIG_BATCH ? { goal: '≥ 50,000 records/s', goalMet: perSecond >= 50_000 } : {}),
  };
}

/** One batch signed by a forked station, killed at `budgetMs`. */
function signInChild(dataDir: string, req: SignChildRequest, budgetMs: number): Promise<{ ms: number; batches: number; timedOut: boolean }> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('./fixtures/signBatchChild.js', import.meta.url)), [dataDir], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let report: SignChildReport | null = null;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, budgetMs);
    child.on('message', (m) => (report = m as SignChildReport));
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (timedOut) resolve({ ms: budgetMs, batches: Math.ceil(req.limit / MAX_BATCH_RECORDS), timedOut: true });
      else if (report && report.count === req.limit && report.alg === 'ES256') resolve({ ms: report.ms, batches: report.batches, timedOut: false });
      else reject(new Error(`sign child exited ${code} with ${JSON.stringify(report)}`));
    });
    child.send(req);
  });
}

/**
 * WAL frames one signing writes: the log is truncated first (the station is idle, no reader
 * holds it), and the batch's commit appends `frames` pages to it (the checkpoint runs at idle, so
 * the file is still whole when the call returns).
 */
async function walFramesOf(dataDir: string, sign: () => Promise<number>): Promise<{ ms: number; frames: number }> {
  const path = stationDatabasePath(dataDir);
  const side = new Database(path);
  let pageSize: number;
  try {
    side.pragma('wal_checkpoint(TRUNCATE)');
    pageSize = side.pragma('page_size', { simple: true }) as number;
  } finally {
    side.close();
  }
  const ms = await sign();
  const bytes = statSync(`${path}-wal`).size;
  // 32-byte log header, then each frame: a 24-byte header and the page.
  return { ms, frames: Math.max(0, Math.round((bytes - 32) / (pageSize + 24))) };
}

async function batchFigures(token: SoftHsmToken, dir: string, rawPerSecond: number): Promise<Figure[]> {
  // + one untimed 10k batch whose WAL pages are counted (after the timed ones, so it changes none of them)
  const inProcess = 1_000 + BATCHES.reduce((s, [size, n]) => s + size * n, 0) + SCREEN_RUNS * SCREEN_BATCH + 10_000;
  const dataDir = join(dir, 'fast');
  const station = openBenchStation(dataDir, token, inProcess + BIG_RUNS * BIG_BATCH);
  const figures: Figure[] = [];
  try {
    await station.signing.listTokens();
    await signOnce(station, token.pin, 1_000);
    /** One batch's figure from its timed requests (the median), said and kept. */
    const oneBatch = (size: number, times: number[], way: string) => {
      const ms = median(times);
      const spread = medianOf(times, (t) => t.toFixed(0));
      note(`${size.toLocaleString('en-US')} records${way}: ${ms.toFixed(0)} ms per batch (${spread} ms)`);
      figures.push(batchFigure(size, 1, size / (ms / 1000), rawPerSecond, `${way}; ${spread} ms`));
    };
    for (const [size, n] of BATCHES) {
      const times: number[] = [];
      for (let i = 0; i < n; i++) times.push(await signOnce(station, token.pin, size));
      oneBatch(size, times, ', sign called cold');
    }
    const screen: number[] = [];
    for (let i = 0; i < SCREEN_RUNS; i++) {
      await station.signing.listTokens();
      await typingPin();
      screen.push(await signOnce(station, token.pin, SCREEN_BATCH));
    }
    oneBatch(SCREEN_BATCH, screen, SCREEN_WAY);
    const wal = await walFramesOf(dataDir, () => signOnce(station, token.pin, 10_000));
    note(`a 10,000-record batch writes ${wal.frames.toLocaleString('en-US')} WAL pages (untimed batch, log truncated first)`);
    if (station.store.countByState().signed !== inProcess) throw new Error('not every record was signed');
  } finally {
    await station.close();
  }
  const bigs: { ms: number; batches: number; timedOut: boolean }[] = [];
  for (let i = 0; i < BIG_RUNS; i++) bigs.push(await signInChild(dataDir, { limit: BIG_BATCH, pin: token.pin, env: token.env }, BIG_BATCH_BUDGET_MS));
  const big = [...bigs].sort((a, b) => a.ms - b.ms)[Math.floor(BIG_RUNS / 2)]!;
  const spread = medianOf(bigs.map((b) => b.ms / 1000), (t) => t.toFixed(2));
  note(`${BIG_BATCH.toLocaleString('en-US')} records: ${big.timedOut ? `stopped at the ${BIG_BATCH_BUDGET_MS / 1000} s budget` : `${(big.ms / 1000).toFixed(1)} s in ${big.batches} batches (${spread} s)`}`);
  const extra = `${SCREEN_WAY}${big.timedOut ? ` — NOT finished in ${BIG_BATCH_BUDGET_MS / 1000} s: an upper bound` : `; ${spread} s`}`;
  figures.push(batchFigure(BIG_BATCH, big.batches, BIG_BATCH / (big.ms / 1000), rawPerSecond, extra));
  return figures;
}

async function slowTokenFigure(token: SoftHsmToken, dir: string, label: string, latencyMs: Record<string, number>): Promise<Figure> {
  const logFile = join(dir, `calls-${label.replace(/\W+/g, '-')}.jsonl`);
  const station = openBenchStation(join(dir, `slow-${label.replace(/\W+/g, '-')}`), token, SLOW_BATCH, { latencyMs, logFile });
  try {
    await station.signing.listTokens();
    const logged = () => readFileSync(logFile, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { method: string }).method);
    const before = logged().length;
    const ms = await signOnce(station, token.pin, SLOW_BATCH);
    const calls = logged().slice(before);
    const byMethod = [...new Set(calls)].map((m) => `${m} ${calls.filter((c) => c === m).length}`).join(', ');
    const perRecord = slowPerRecordMs(token, latencyMs);
    note(`${label}: the batch made ${calls.length} token calls (${byMethod}); one per-record signature takes ${perRecord.toFixed(0)} ms`);
    return {
      suite: SUITE,
      name: `station signs ${SLOW_BATCH.toLocaleString('en-US')} records, ${label}`,
      value: ms / 1000,
      unit: 's',
      baseline: { name: `per-record estimate (${SLOW_BATCH.toLocaleString('en-US')} × measured signature)`, value: (SLOW_BATCH * perRecord) / 1000 },
      better: 'lower',
      goal: '< 2 s',
      goalMet: ms < 2000,
    };
  } finally {
    await station.close();
  }
}

export async function run(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'station-bench-sign-'));
  const token = await createSoftHsmToken({ label: 'Bench facility token', keys: [{ type: 'EC' }] });
  try {
    const raw = openRawSigner(token);
    let i = 0;
    let rawPerSecond: number;
    try {
      rawPerSecond = await throughput(() => raw.sign(recordBytes(i++)), { seconds: 3, warmup: 200, batch: 100 });
    } finally {
      raw.close();
    }
    const figures = await batchFigures(token, dir, rawPerSecond);
    figures.push(await slowTokenFigure(token, dir, `${LATENCY_MS} ms per C_Sign`, { C_Sign: LATENCY_MS }));
    figures.push(await slowTokenFigure(token, dir, `${LATENCY_MS} ms on every token call`, Object.fromEntries(TOKEN_CALLS.map((m) => [m, LATENCY_MS]))));
    return figures;
  } finally {
    token.cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
}
