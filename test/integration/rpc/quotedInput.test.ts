// A refusal that quotes what was sent (an id, a serial, a file name, a setting, a field name) is
// read by a clerk on screen and written to logs. Session 27's fuzz found ids echoed as sent: a line
// break or an ESC could forge a second log line or recolour a terminal, a bidi override reorder
// the words around it, a NUL cut the line in a C reader. Property: whatever text goes in, no
// refusal's message holds a raw control, bidi or line-separator character; each is shown
// escaped (\u001b), so the clerk still sees what was sent.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RpcReply } from '../../../shared/rpc/protocol.js';
import { openSyncWorld, type SyncWorld } from '../sync/syncWorld.js';

/** What must never reach a message raw: C0, DEL, C1, bidi controls and marks, U+2028/9. */
const UNSAFE = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/u;

const UNSAFE_CHARS = ['\u0000', '\n', '\r', '\t', '\u001b', '\u007f', '\u0085', '\u009b', '\u202e', '\u202d', '\u2066', '\u2069', '\u200f', '\u061c', '\u2028', '\u2029'];
/** Text of 1–64 characters (an id's bounds) mixing those with ordinary and Vietnamese letters. */
const text = fc.string({ unit: fc.oneof(fc.constantFrom(...UNSAFE_CHARS), fc.constantFrom('a', 'Z', '7', '-', 'Đ', 'ư', '"', '\\', ' ')), minLength: 1, maxLength: 64 });

let world: SyncWorld;
let people: string[];
beforeAll(async () => {
  world = await openSyncWorld({ records: 4, seed: 28 });
  people = [...new Set(world.station.store.listRecords({ limit: 10 }).items.map((i) => i.person.id))];
}, 30_000);
afterAll(async () => {
  await world.close();
});

const dose = { vaccine: 'PFIZER', lot: 'FK1234', doseNumber: 1, vaccinationDate: '2021-09-01' };
const person = { idType: 'CCCD', idNumber: '079090001234', fullName: 'Nguyễn Văn An', dob: '1990-05-01', sex: 'M', nationality: 'VN' };

/** Calls that quote one text they were given, and refuse it. */
const CALLS: [string, (s: string) => Record<string, unknown>][] = [
  ['records.get', (s) => ({ id: s })],
  ['records.update', (s) => ({ id: s, person, dose })],
  ['records.correct', (s) => ({ id: s, person, dose, reason: 'Sai số lô' })],
  ['records.discard', (s) => ({ id: s, reason: 'Nhập trùng' })],
  ['people.merge', (s) => ({ keepId: s, mergeId: people[0], reason: 'Trùng người' })],
  ['identity.verify', (s) => ({ personIds: [s] })],
  ['batches.requeue', (s) => ({ id: s })],
  ['batches.export', (s) => ({ id: s })],
  ['certificates.get', (s) => ({ recordId: s })],
  ['sync.dismissSetAside', (s) => ({ id: s })],
  ['sign.preview', (s) => ({ recordIds: [s] })],
  ['sign.batch', (s) => ({ pin: '1234', tokenSerial: s })],
  ['settings.set', (s) => ({ key: 'facility.code', value: s })],
  ['settings.set', (s) => ({ key: 'station.id', value: s })],
  ['settings.set', (s) => ({ key: 'platform.url', value: s })],
  ['import.preview', (s) => ({ file: { name: s, base64: Buffer.from('not a spreadsheet').toString('base64') } })],
  ['records.get', (s) => ({ id: 'x', [s]: 1 })],
  ['no.such.method', () => ({})],
];

describe('a refusal shows the text it quotes safely', () => {
  it.each(CALLS.map(([m, p], i) => [`${m} #${i}`, m, p] as const))('%s', async (_label, method, params) => {
    let id = 0;
    await fc.assert(
      fc.asyncProperty(text, async (s) => {
        const reply: RpcReply = await world.station.dispatcher.handle(structuredClone({ id: ++id, method, params: params(s) }), { emit: () => {} });
        if (reply.ok) return;
        for (const m of [reply.error.message, reply.error.message_vi, reply.error.message_en]) {
          expect(m, `${reply.error.code}: ${JSON.stringify(m)}`).not.toMatch(UNSAFE);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('shows each character escaped, so the clerk still sees what was sent', async () => {
    const reply = await world.station.dispatcher.handle({ id: 1, method: 'records.get', params: { id: 'rec\u001b[31m\u202eabc\n' } }, { emit: () => {} });
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('RECORD_NOT_FOUND');
    expect(reply.error.message_en).toContain('rec\\u001b[31m\\u202eabc\\u000a');
  });
});
