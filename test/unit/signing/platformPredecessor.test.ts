// Which earlier record a correction's signed copy names: the nearest one the platform holds.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { platformPredecessor } from '../../../electron/core/signing/platformPredecessor.js';

/**
 * `rejected`: refused in its batch's answer (the platform's code on the record), refused in its
 * state before answers were audited per batch (a `record.rejected` entry), or refused after it
 * was corrected (`record.platform_refused`).
 */
function chain(records: { id: string; supersedes: string | null; signed: boolean; rejected: boolean | 'per-record-entry' | 'after-correction' }[], otherEntries: [string, string, string][] = []) {
  const db = new Database(':memory:');
  db.exec(`CREATE TABLE dose_records (id TEXT PRIMARY KEY, supersedes TEXT, platform_code TEXT, batch_seq INTEGER);
    CREATE TABLE audit_log (entity TEXT, entity_id TEXT, action TEXT);`);
  for (const r of records) {
    // Signed: the record has a place in a signed batch (migration 0009).
    db.prepare('INSERT INTO dose_records VALUES (?, ?, ?, ?)').run(r.id, r.supersedes, r.rejected === true ? 'IDENTITY_MISMATCH' : null, r.signed ? 1 : null);
    if (r.rejected === 'per-record-entry' || r.rejected === 'after-correction') {
      db.prepare(`INSERT INTO audit_log VALUES ('record', ?, ?)`).run(r.id, r.rejected === 'per-record-entry' ? 'record.rejected' : 'record.platform_refused');
    }
  }
  for (const e of otherEntries) db.prepare('INSERT INTO audit_log VALUES (?, ?, ?)').run(...e);
  return platformPredecessor(db);
}

describe('platformPredecessor', () => {
  it('names the corrected record when the platform holds (or will hold) it', () => {
    const find = chain([{ id: 'a', supersedes: null, signed: true, rejected: false }]);
    expect(find('a')).toBe('a');
  });

  it('skips refused records back to the nearest accepted one', () => {
    const find = chain([
      { id: 'a', supersedes: null, signed: true, rejected: false },
      { id: 'b', supersedes: 'a', signed: true, rejected: true },
      { id: 'c', supersedes: 'b', signed: true, rejected: true },
    ]);
    expect(find('c')).toBe('a');
  });

  it('skips a record refused before answers were audited per batch (its own record.rejected entry)', () => {
    const find = chain([
      { id: 'a', supersedes: null, signed: true, rejected: false },
      { id: 'b', supersedes: 'a', signed: true, rejected: 'per-record-entry' },
    ]);
    expect(find('b')).toBe('a');
  });

  it('names nothing when every earlier record was refused', () => {
    const find = chain([
      { id: 'a', supersedes: null, signed: true, rejected: true },
      { id: 'b', supersedes: 'a', signed: true, rejected: true },
    ]);
    expect(find('b')).toBeNull();
    expect(find(null)).toBeNull();
  });

  it('skips a record the platform refused after it had been corrected here (superseded, no record.rejected)', () => {
    const find = chain([
      { id: 'a', supersedes: null, signed: true, rejected: 'after-correction' },
      { id: 'b', supersedes: 'a', signed: true, rejected: false },
    ]);
    expect(find('a')).toBeNull();
    expect(find('b')).toBe('b');
  });

  it('counts only refusals of the record itself: other entities and actions do not hide it', () => {
    const find = chain([{ id: 'a', supersedes: null, signed: true, rejected: false }], [
      ['record', 'a', 'record.submitted'],
      ['batch', 'a', 'record.rejected'],
      ['record', 'a2', 'record.platform_refused'],
    ]);
    expect(find('a')).toBe('a');
  });
});
