// Every method of the contract under bad input, against a real station (a real data folder and
// SQLite file, the handlers as openStation wires them, a software key in place of the token): the
// standard is that bad input at any entry point gets a clear, specific error in Vietnamese and
// English and loses nothing already stored. Each call goes in as the Electron MessagePort carries
// it (a structured clone: NaN, Infinity, undefined and deep nesting arrive as sent; the browser
// host's JSON carries a subset of that). For every reply: either ok with a result the contract's
// schema accepts, or a stable code other than INTERNAL with two non-empty messages that differ;
// a refused call changes no stored row; no call hangs. After the run the database is intact, the
// audit chain verifies and every record stored before is still there.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SETTINGS_KEYS, contract, type MethodName } from '../../../shared/rpc/contract.js';
import type { RpcReply } from '../../../shared/rpc/protocol.js';
import type { StationCore } from '../../../electron/core/station.js';
import { PNG_BYTES, STANDARD_HEADER, makeDoses, standardRow, writeDelimited } from '../../fixtures/clinicFiles.js';
import { generateRecords } from '../../fixtures/records.js';
import { FACILITY, openSyncWorld } from '../sync/syncWorld.js';

/** The rows a refused call must leave as they were (sync state may be written by a call that then fails: the last error). */
const STORED = ['people', 'dose_records', 'batches', 'batch_leaves', 'certificates', 'certificates_replaced', 'certificates_set_aside', 'import_runs', 'audit_log', 'settings', 'discarded_records'];

function digest(station: StationCore): string {
  const h = createHash('sha256');
  for (const table of STORED) {
    for (const row of station.store.db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).raw().iterate()) h.update(JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v)));
  }
  return h.digest('hex');
}

/** Codes that mean the core did not handle the input: a defect whenever bad input meets them. */
const NOT_HANDLED = new Set(['INTERNAL', 'RPC_INVALID_RESULT', 'RPC_REPLY_UNSENDABLE']);
const CALL_BOUND_MS = 8000;

interface World {
  station: StationCore;
  ready: string[];
  signed: string[];
  people: string[];
  batch: string;
  csv: { name: string; base64: string };
  /** An unsigned record no other call uses: the valid records.discard takes it. */
  spare: string;
}

/** A valid call of each method (the fuzz mutates it one field at a time). */
const VALID: { [M in MethodName]: (w: World) => Record<string, unknown> } = {
  'station.status': () => ({}),
  'records.validate': (w) => ({ ...recordInput(0), recordId: w.ready[0] }),
  'records.create': () => ({ ...recordInput(1), confirmWarnings: true }),
  'records.update': (w) => ({ id: w.ready[1], ...recordInput(2), confirmWarnings: true }),
  // Each call corrects another signed record (UNCORRECTED): a record is corrected once.
  'records.correct': () => ({ id: UNCORRECTED, ...recordInput(3), reason: 'Sai số lô', confirmWarnings: true }),
  'records.get': (w) => ({ id: w.signed[1] }),
  'records.list': () => ({ state: 'ready', vaccine: 'PFIZER', dateFrom: '2021-01-01', dateTo: '2022-12-31', search: 'nguyen', limit: 10, offset: 0 }),
  'records.counts': () => ({}),
  // The valid call discards one unsigned record (kept in discarded_records, checked at the end).
  'records.discard': (w) => ({ id: w.spare, reason: 'Nhập trùng' }),
  'people.duplicates': () => ({ limit: 10 }),
  'people.merge': (w) => ({ keepId: w.people[0], mergeId: w.people[1], reason: 'Trùng người' }),
  'people.distinct': (w) => ({ aId: w.people[0], bId: w.people[2] ?? w.people[0], reason: 'Khác quê quán' }),
  'import.preview': (w) => ({ file: w.csv, sheet: 'Sheet1' }),
  'import.commit': (w) => ({ file: w.csv, confirmWarnings: true }),
  'import.exportFailed': (w) => ({ file: w.csv }),
  'audit.list': () => ({ limit: 5, beforeSeq: 10 }),
  'audit.verify': () => ({}),
  'settings.get': () => ({ key: 'facility.name' }),
  'settings.set': () => ({ key: 'facility.name', value: 'Trạm Y tế Phường 1' }),
  'tasks.cancel': () => ({ taskId: 'task-1' }),
  'backups.list': () => ({}),
  'backups.create': () => ({}),
  'token.list': () => ({}),
  'sign.preview': (w) => ({ recordIds: w.ready.slice(2, 4), limit: 10 }),
  'sign.batch': (w) => ({ pin: '1234', recordIds: w.ready.slice(4, 5), confirmFinalTry: false, limit: 1 }),
  'batches.list': () => ({ limit: 10, offset: 0 }),
  'batches.requeue': (w) => ({ id: w.batch }),
  'batches.export': (w) => ({ id: w.batch }),
  'sync.status': () => ({}),
  'sync.run': () => ({ taskId: 'sync-1' }),
  'sync.dismissSetAside': () => ({ id: '0123456789abcdef' }),
  'sync.undoDismissSetAside': () => ({ id: '0123456789abcdef' }),
  'identity.verify': (w) => ({ personIds: w.people.slice(0, 2) }),
  'certificates.list': () => ({ search: 'nguyen', expired: false, limit: 10, offset: 0 }),
  'certificates.get': (w) => ({ recordId: w.signed.at(-1) }),
  'dcc.verify': () => ({ image: { width: 2, height: 2, rgbaBase64: Buffer.alloc(16, 255).toString('base64') } }),
};

/** Stands for a signed record not corrected yet, looked up at each call. */
const UNCORRECTED = '@uncorrected';

/** Other shapes of a method whose params are a union: each is mutated too. */
const OTHER_SHAPES: Partial<Record<MethodName, (w: World) => Record<string, unknown>[]>> = {
  'settings.set': () => SETTING_VALUES,
  'dcc.verify': () => [{ text: 'HC1:6BFOXN%TS3DHPVO13J /G-/2YRVA.Q/R8VRU2FC1J9M$DC-4' }, { file: { name: 'qr.png', base64: PNG_BYTES.toString('base64') } }],
};

/** Each setting given a value of the right type the station should still refuse or take cleanly. */
const SETTING_VALUES = [
  { key: 'facility.code', value: '79 001', confirmUnsynced: true },
  { key: 'facility.taxCode', value: '0301234567-0001' },
  { key: 'station.id', value: '../../x' },
  { key: 'platform.url', value: 'file:///etc/passwd' },
  { key: 'platform.key', value: 'k\nx' },
  { key: 'pkcs11.module', value: '/etc/passwd' },
  { key: 'ui.language', value: 'fr' },
];

function recordInput(n: number) {
  return {
    person: { idType: 'CCCD', idNumber: `07909000123${n}`, fullName: 'Nguyễn Văn An', dob: '1990-05-01', sex: 'M', nationality: 'VN', phone: '0905123456' },
    dose: { vaccine: 'PFIZER', lot: 'FK1234', doseNumber: 1, vaccinationDate: '2021-09-01' },
  };
}

function deep(depth: number): unknown {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

/** What replaces one field: wrong types, edges of numbers and text, ids of nothing. */
const BAD_VALUES: [string, () => unknown][] = [
  ['number', () => 7],
  ['text', () => 'x'],
  ['boolean', () => true],
  ['null', () => null],
  ['undefined', () => undefined],
  ['array', () => ['x']],
  ['object', () => ({ x: 1 })],
  ['empty text', () => ''],
  ['1e6 characters', () => 'a'.repeat(1_000_000)],
  ['NaN', () => Number.NaN],
  ['Infinity', () => Number.POSITIVE_INFINITY],
  ['-Infinity', () => Number.NEGATIVE_INFINITY],
  ['negative', () => -1],
  ['huge integer', () => 2 ** 53 + 2],
  ['fraction', () => 1.5],
  ['lone high surrogate', () => 'ab\uD800'],
  ['lone low surrogate', () => '\uDC00ab'],
  ['NUL', () => 'a\u0000b'],
  ['nested 1000 deep', () => deep(1000)],
  ['id of nothing', () => 'rec_doesnotexist000000'],
  ['path', () => '../../../etc/passwd'],
  ['bigint', () => 10n],
  ['date', () => new Date(0)],
  ['query syntax', () => `" OR * NEAR( \\ % _ ^ - ' AND`],
];

/** A value of the same type as `v`, drawn widely: any text (query syntax, controls, marks), any number. */
function sameType(v: unknown): fc.Arbitrary<unknown> | null {
  if (typeof v === 'string') {
    return fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.stringMatching(/^[0-9 .\/-]{0,12}$/),
      fc.constantFrom('"', "'", '*', '%', '_', '\\', 'NEAR(', 'AND', 'OR NOT', '(', ')', '^', ':', '-', '\u00a0', '\u200b', '\ufeff', ' ', '0', '-1', '1e309'),
      fc.constant(v).map((x) => x + '"'),
    );
  }
  if (typeof v === 'number') return fc.oneof(fc.integer(), fc.integer({ min: -3, max: 200 }), fc.double(), fc.constantFrom(0, -0, 2 ** 31, 2 ** 53 - 1, -(2 ** 53) + 1));
  if (typeof v === 'boolean') return fc.boolean();
  return null;
}

/** Every leaf of `valid` (two levels down) with a setter that puts another value there. */
function leaves(valid: Record<string, unknown>): { at: string; value: unknown; put: (x: unknown) => unknown }[] {
  const out: { at: string; value: unknown; put: (x: unknown) => unknown }[] = [];
  const walk = (obj: Record<string, unknown>, path: string[], set: (o: Record<string, unknown>) => unknown) => {
    for (const [key, value] of Object.entries(obj)) {
      const put = (x: unknown) => set({ ...obj, [key]: x });
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) walk(value as Record<string, unknown>, [...path, key], put);
      else if (Array.isArray(value) && value.length > 0) out.push({ at: `${[...path, key].join('.')}[0]`, value: value[0], put: (x) => put([x, ...value.slice(1)]) });
      else out.push({ at: [...path, key].join('.'), value, put });
    }
  };
  walk(valid, [], (o) => o);
  return out;
}

/** Every (label, params) of one valid example mutated at one place. */
function mutations(valid: Record<string, unknown>): [string, unknown][] {
  const out: [string, unknown][] = [];
  const walk = (obj: Record<string, unknown>, path: string[], set: (o: Record<string, unknown>) => unknown) => {
    for (const key of Object.keys(obj)) {
      const at = [...path, key].join('.');
      for (const [label, bad] of BAD_VALUES) out.push([`${at} = ${label}`, set({ ...obj, [key]: bad() })]);
      const { [key]: _dropped, ...rest } = obj;
      out.push([`${at} missing`, set(rest)]);
      const v = obj[key];
      if (v !== null && typeof v === 'object' && !Array.isArray(v) && path.length < 2) {
        walk(v as Record<string, unknown>, [...path, key], (inner) => set({ ...obj, [key]: inner }));
      }
    }
    const where = path.join('.') || 'params';
    out.push([`${where} + extra key`, set({ ...obj, extra: 1 })]);
    out.push([`${where} + own __proto__`, set({ ...(JSON.parse('{"__proto__": {"admin": true}}') as object), ...obj })]);
    out.push([`${where} + constructor`, set({ ...obj, constructor: { prototype: { admin: true } } })]);
  };
  walk(valid, [], (o) => o);
  for (const [label, bad] of BAD_VALUES) out.push([`params = ${label}`, bad()]);
  return out;
}

async function call(station: StationCore, method: string, params: unknown, id: number): Promise<RpcReply | 'hang'> {
  // As the MessagePort delivers it: a structured clone of what the renderer sent.
  const raw = structuredClone({ id, method, params });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const bound = new Promise<'hang'>((resolve) => (timer = setTimeout(() => resolve('hang'), CALL_BOUND_MS)));
  try {
    return await Promise.race([station.dispatcher.handle(raw, { emit: () => {} }), bound]);
  } finally {
    clearTimeout(timer);
  }
}

/** The defect in one reply, or null. */
function replyDefect(method: MethodName, reply: RpcReply | 'hang'): string | null {
  if (reply === 'hang') return `no answer within ${CALL_BOUND_MS} ms`;
  if (reply.ok) {
    const checked = contract[method].result.safeParse(reply.result);
    return checked.success ? null : `result breaks the contract: ${checked.error.issues.slice(0, 2).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`;
  }
  const { code, message_vi: vi, message_en: en } = reply.error;
  if (NOT_HANDLED.has(code)) return `${code}`;
  if (!/^[A-Z][A-Z0-9_]+$/.test(code)) return `unstable code ${code}`;
  if (!vi || !en) return `${code}: a message missing (vi ${JSON.stringify(vi)}, en ${JSON.stringify(en)})`;
  if (vi === en) return `${code}: one language only (${en})`;
  // Vietnamese without a single mark is English written twice.
  if (!/[^\u0000-\u007f]/.test(vi)) return `${code}: the Vietnamese message is not Vietnamese (${vi})`;
  return null;
}

function seedWorld(station: StationCore, dir: string): Omit<World, 'batch' | 'signed' | 'spare'> {
  const ids = station.store.listRecords({ state: 'ready', limit: 1000 }).items.map((i) => i.record.id);
  // Two people of records not signed, the ones merged last (a person with a signed dose is not merged).
  const byRecord = new Map(station.store.listRecords({ limit: 1000 }).items.map((i) => [i.record.id, i.person.id]));
  const people = [...new Set([ids[7], ids[8], ...byRecord.keys()].map((r) => byRecord.get(r!)!))];
  const csvPath = join(dir, 'upload', 'list.csv');
  mkdirSync(join(dir, 'upload'), { recursive: true });
  writeDelimited(csvPath, [STANDARD_HEADER, ...makeDoses(3, 5).map((d, i) => standardRow(d, i + 1))]);
  const csv = { name: 'Danh sách.csv', base64: readFileSync(csvPath).toString('base64') };
  writeFileSync(csvPath, '');
  return { station, ready: ids.slice(0, 6), people: [...new Set(people)], csv };
}

describe('every RPC method under bad input', () => {
  it('answers each bad call with a stable bilingual refusal or a valid result, and loses nothing stored', async () => {
    const world = await openSyncWorld({ records: 12, seed: 27 });
    try {
      const { station } = world;
      const ready = () => station.store.listRecords({ state: 'ready', limit: 1000 }).items.map((i) => i.record.id);
      const toSign = ready().slice(0, 50);
      const batch = (await station.signing.sign({ recordIds: toSign })).batch;
      await world.client.call('sync.run', {});
      const seeded = seedWorld(station, world.dir);
      const certified = station.store.db.prepare('SELECT record_id FROM certificates').pluck().all() as string[];
      const spare = station.store.createRecord(recordInput(9) as Parameters<typeof station.store.createRecord>[0], { source: 'form' }).record.id;
      const w: World = { ...seeded, signed: [...toSign.filter((r) => !certified.includes(r)), ...certified], batch, spare };
      const recordsBefore = station.store.db.prepare('SELECT id FROM dose_records').pluck().all() as string[];
      const peopleBefore = station.store.db.prepare('SELECT count(*) FROM people').pluck().get() as number;
      const certificatesBefore = station.store.db.prepare('SELECT count(*) FROM certificates').pluck().get() as number;
      expect(certificatesBefore).toBeGreaterThan(0);

      const uncorrected = station.store.db
        .prepare("SELECT id FROM dose_records d WHERE state IN ('signed', 'submitted', 'accepted', 'issued') AND NOT EXISTS (SELECT 1 FROM dose_records c WHERE c.supersedes = d.id) ORDER BY id LIMIT 1")
        .pluck();
      const withUncorrected = (params: unknown) =>
        params !== null && typeof params === 'object' && (params as { id?: unknown }).id === UNCORRECTED ? { ...params, id: uncorrected.get() ?? 'none-left' } : params;
      const defects = new Map<string, string>();
      const changes = station.store.db.prepare('SELECT total_changes()').pluck();
      let known = { changes: -1, digest: '' };
      const stored = () => {
        const now = changes.get() as number;
        if (now !== known.changes) known = { changes: now, digest: digest(station) };
        return known.digest;
      };
      let id = 1;
      const probe = async (method: MethodName, label: string, params: unknown) => {
        const before = stored();
        const reply = await call(station, method, withUncorrected(params), id++);
        const defect = replyDefect(method, reply);
        const key = `${method} [${label}]`;
        if (defect !== null) defects.set(key, defect);
        else if (reply !== 'hang' && !reply.ok && stored() !== before) defects.set(key, `refused (${reply.error.code}) but changed stored rows`);
      };

      // settings.set last: a facility or platform changed would turn the others' valid calls into refusals.
      const methods = (Object.keys(contract) as MethodName[]).sort((a, b) => Number(a === 'settings.set') - Number(b === 'settings.set'));
      for (const method of methods) {
        await fc.assert(
          fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), async (params) => {
            await probe(method, `random ${JSON.stringify(params).slice(0, 60)}`, params);
          }),
          { numRuns: 20 },
        );
        for (const shape of [VALID[method](w), ...(OTHER_SHAPES[method]?.(w) ?? [])]) {
          await probe(method, 'valid', shape);
          for (const [label, params] of mutations(shape)) await probe(method, label, params);
          for (const leaf of leaves(shape)) {
            const arb = sameType(leaf.value);
            if (arb === null) continue;
            await fc.assert(fc.asyncProperty(arb, async (x) => probe(method, `${leaf.at} = ${JSON.stringify(x).slice(0, 60)}`, leaf.put(x))), { numRuns: 8 });
          }
        }
      }

      expect([...defects].map(([k, v]) => `${k}: ${v}`)).toEqual([]);
      // The valid correction at least went through (the mutated ones reach the correction's own checks).
      expect(station.store.db.prepare('SELECT count(*) FROM dose_records WHERE supersedes IS NOT NULL').pluck().get()).toBeGreaterThan(0);
      // No upload of an import is left in the data folder (each is removed when its call ends).
      expect(readdirSync(join(world.dir, 'station', 'tmp')).filter((f) => f.startsWith('upload-') || f.startsWith('failed-'))).toEqual([]);
      expect(station.store.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(station.store.verifyAudit().ok).toBe(true);
      const recordsAfter = new Set(station.store.db.prepare('SELECT id FROM dose_records').pluck().all() as string[]);
      // A record discarded (the valid records.discard) leaves the queue and is kept whole.
      const discarded = station.store.db.prepare('SELECT record_id, row FROM discarded_records').raw().all() as [string, string][];
      expect(discarded.map(([r]) => r)).toEqual([VALID['records.discard'](w).id]);
      for (const [r, row] of discarded) expect((JSON.parse(row) as { id: string }).id).toBe(r);
      expect(recordsBefore.filter((r) => !recordsAfter.has(r) && !discarded.some(([d]) => d === r))).toEqual([]);
      expect(station.store.db.prepare('SELECT count(*) FROM people').pluck().get()).toBeGreaterThanOrEqual(peopleBefore - 1); // the one valid merge
      expect(station.store.db.prepare('SELECT count(*) FROM certificates').pluck().get()).toBeGreaterThanOrEqual(certificatesBefore);
    } finally {
      await world.close();
    }
  }, 120_000);
});

describe('every setting the RPC takes, and the calls that read it', () => {
  // A value settings.set accepts is read later by signing, sync and the status screens: those
  // calls must still answer with a stable bilingual code, never INTERNAL (a station.id past the
  // manifest's 64 characters made every signing fail so).
  it('after each accepted value, creating, signing, syncing and the status calls answer cleanly', async () => {
    const world = await openSyncWorld({ records: 2, seed: 28 });
    try {
      const { station } = world;
      const original = new Map(SETTINGS_KEYS.map((k) => [k, station.store.getSetting(k)]));
      const defects = new Map<string, string>();
      let id = 1;
      let n = 0;
      const fresh = generateRecords(400, { seed: 99, facilityCode: '79001' });
      const check = async (method: MethodName, params: unknown, label: string) => {
        const reply = await call(station, method, params, id++);
        const defect = replyDefect(method, reply);
        if (defect !== null) defects.set(`${label} → ${method}`, defect);
        return reply;
      };
      /** Values of the right type each setting may meet: past a limit elsewhere, blank, a control, a place. */
      const EDGES = ['x'.repeat(65), 'x'.repeat(2048), ' ', '\u0000', 'é'.repeat(50), 'http://127.0.0.1:1', 'https://[::1]:1/v1', '0301234567', '79001', 'vi', ''];
      const tryValue = async (key: (typeof SETTINGS_KEYS)[number], value: string) => {
        const label = `${key} = ${JSON.stringify(value.length > 40 ? `${value.slice(0, 20)}… (${value.length})` : value)}`;
        const set = await check('settings.set', { key, value, confirmUnsynced: true }, label);
        if (set !== 'hang' && set.ok) {
          const { person, dose: { facilityCode: _f, ...dose } } = fresh[n++ % fresh.length]!;
          const created = await check('records.create', { person, dose, confirmWarnings: true }, label);
          const recordIds = created !== 'hang' && created.ok ? [(created.result as { record: { id: string } }).record.id] : [];
          for (const [method, params] of [
            ['sign.preview', { recordIds }],
            ['sign.batch', { pin: '1234', recordIds }],
            ['sync.run', {}],
            ['sync.status', {}],
            ['station.status', {}],
            ['certificates.list', {}],
            ['settings.get', { key }],
          ] as [MethodName, unknown][]) {
            await check(method, params, label);
          }
        }
        for (const [k, v] of original) station.store.setSetting(k, v);
      };
      for (const key of SETTINGS_KEYS) {
        for (const value of EDGES) await tryValue(key, value);
        await fc.assert(fc.asyncProperty(sameType('x') as fc.Arbitrary<string>, (value) => tryValue(key, value)), { numRuns: 6 });
      }
      expect([...defects].map(([k, v]) => `${k}: ${v}`)).toEqual([]);
      expect(station.store.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(station.store.verifyAudit().ok).toBe(true);
    } finally {
      await world.close();
    }
  }, 120_000);
});

describe('settings an older build stored', () => {
  it('is refused at signing with where to put it right, the records left ready; unset, a new one is made', async () => {
    const world = await openSyncWorld({ records: 2, seed: 29 });
    try {
      const { station } = world;
      station.store.setSetting('station.id', 'x'.repeat(65)); // as settings.set took it before session 27
      const refused = await call(station, 'sign.batch', { pin: '1234' }, 1);
      expect(refused !== 'hang' && !refused.ok && refused.error).toMatchObject({ code: 'STATION_ID_INVALID', details: { key: 'station.id', length: 65 } });
      expect(replyDefect('sign.batch', refused)).toBeNull();
      expect(station.store.countByState()).toMatchObject({ ready: 2, signed: 0 });
      const unset = await call(station, 'settings.set', { key: 'station.id', value: null }, 2);
      expect(unset !== 'hang' && unset.ok).toBe(true);
      const signed = await call(station, 'sign.batch', { pin: '1234' }, 3);
      expect(signed !== 'hang' && signed.ok && (signed.result as { count: number }).count).toBe(2);
      expect(station.store.getSetting('station.id')).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await world.close();
    }
  });

  it('an id an older build took that the manifest takes too (Vietnamese, spaces) still signs: the new rule is for ids set from now on', async () => {
    const world = await openSyncWorld({ records: 2, seed: 31 });
    try {
      const { station } = world;
      station.store.setSetting('station.id', 'Trạm Y tế Phường 1');
      const signed = await call(station, 'sign.batch', { pin: '1234' }, 1);
      expect(signed !== 'hang' && signed.ok && (signed.result as { count: number }).count).toBe(2);
      expect(station.store.getSetting('station.id')).toBe('Trạm Y tế Phường 1');
      // Written from now on, the same id is refused with the rule said.
      const set = await call(station, 'settings.set', { key: 'station.id', value: 'Trạm Y tế Phường 2' }, 2);
      expect(set !== 'hang' && !set.ok && set.error).toMatchObject({ code: 'SETTING_INVALID' });
    } finally {
      await world.close();
    }
  });

  it('an API key that cannot go into a request is said as the key, not as the platform unreachable', async () => {
    const world = await openSyncWorld({ records: 1, seed: 30 });
    try {
      const { station } = world;
      await station.signing.sign({});
      station.store.setSetting('platform.key', `${FACILITY.apiKey}\u200b`); // pasted, as settings.set took it before session 27
      const reply = await call(station, 'sync.run', {}, 1);
      expect(reply !== 'hang' && !reply.ok && reply.error).toMatchObject({ code: 'PLATFORM_KEY_INVALID' });
      expect(replyDefect('sync.run', reply)).toBeNull();
      expect(station.store.countByState()).toMatchObject({ signed: 1 });
    } finally {
      await world.close();
    }
  });
});
