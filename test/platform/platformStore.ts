/**
 * The simulator's own SQLite database (better-sqlite3, WAL) in its data dir: batches with their
 * stored replies, the records the platform holds, issued certificates and the population.
 * The simulator is the only writer. `synchronous=FULL`: the reply to an upload promises the
 * batch is durable (the lost-reply fault relies on it surviving a crash right after).
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { StationError } from '../../shared/errors.js';
import { personKey } from './identityCheck.js';
import { toCert, toRecord, type BatchCommit, type CertRow, type CertificateRow, type HeldRecord, type NewCertificate, type RecordRow, type StoredBatch } from './platformRows.js';
import type { PopulationPerson } from './population.js';

export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE batches (
     id TEXT PRIMARY KEY, facility TEXT NOT NULL, root BLOB NOT NULL, manifest BLOB NOT NULL,
     created INTEGER NOT NULL, received_at TEXT NOT NULL, reply TEXT NOT NULL);
   CREATE TABLE records (
     id TEXT PRIMARY KEY, batch_id TEXT NOT NULL REFERENCES batches(id), facility TEXT NOT NULL,
     idx INTEGER NOT NULL, person_key TEXT NOT NULL, dose INTEGER NOT NULL, date TEXT NOT NULL,
     vaccine TEXT NOT NULL, record_cbor BLOB NOT NULL, record_json TEXT NOT NULL,
     superseded_by TEXT, accepted_at TEXT NOT NULL);
   CREATE INDEX records_person ON records(person_key);
   CREATE INDEX records_facility ON records(facility, batch_id, idx);
   CREATE TABLE certificates (
     id INTEGER PRIMARY KEY AUTOINCREMENT, record_id TEXT NOT NULL REFERENCES records(id),
     facility TEXT NOT NULL, uvci TEXT NOT NULL UNIQUE, hc1 TEXT NOT NULL, issued_at TEXT NOT NULL,
     expires_at TEXT NOT NULL, revoked_at TEXT, feed_seq INTEGER NOT NULL UNIQUE);
   CREATE INDEX certificates_feed ON certificates(facility, feed_seq);
   CREATE INDEX certificates_record ON certificates(record_id);
   CREATE TABLE population (
     person_key TEXT PRIMARY KEY, id_type TEXT NOT NULL, id_number TEXT NOT NULL,
     full_name TEXT NOT NULL, dob TEXT NOT NULL, sex TEXT NOT NULL);
   CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
  // Issuance runs after the upload's reply (issuer.ts): the people still to consider are a table,
  // written in the upload's transaction, so a restart finishes what a stop left undone.
  `CREATE TABLE issuance_queue (person_key TEXT PRIMARY KEY, queued_at TEXT NOT NULL);`,
  // The record is its signed CBOR (record_cbor); a JSON copy of it doubled what every upload's
  // fsynced commit wrote and cost a JSON.stringify a record. Held records decode it when read.
  `ALTER TABLE records DROP COLUMN record_json;`,
];

export type { BatchCommit, CertificateRow, HeldRecord, NewCertificate, StoredBatch } from './platformRows.js';

export class PlatformStore {
  private readonly statements = new Map<string, Database.Statement>();

  private constructor(private readonly db: Database.Database) {}

  /** Prepared once per SQL text: uploads of thousands of records run these per record. */
  private sql(text: string): Database.Statement {
    let stmt = this.statements.get(text);
    if (!stmt) {
      stmt = this.db.prepare(text);
      this.statements.set(text, stmt);
    }
    return stmt;
  }

  static open(dataDir: string): PlatformStore {
    const db = new Database(join(dataDir, 'platform.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    // Checkpoints run when the platform is quiet (quietCheckpoint.ts); SQLite's own, inside a
    // commit, only past 16,384 pages (64 MB of log, ~100,000 records), a bound on the log's size.
    db.pragma('wal_autocheckpoint = 16384');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > MIGRATIONS.length) {
      db.close();
      throw new StationError(
        'PLATFORM_DB_TOO_NEW',
        'Cơ sở dữ liệu của hệ thống giả lập mới hơn phần mềm',
        'The simulator database is newer than this code',
        { version, known: MIGRATIONS.length },
      );
    }
    for (let v = version; v < MIGRATIONS.length; v++) {
      db.transaction(() => {
        db.exec(MIGRATIONS[v]!);
        db.pragma(`user_version = ${v + 1}`);
      })();
    }
    return new PlatformStore(db);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Copies the log's committed pages into the database file (quietCheckpoint.ts); returns the log's size in pages. */
  checkpoint(): number {
    const [row] = this.db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    return row?.log ?? 0;
  }

  getMeta(key: string): string | undefined {
    const row = this.sql('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  setMeta(key: string, value: string): void {
    this.sql('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  getBatch(id: string): StoredBatch | undefined {
    const row = this.sql('SELECT id, facility, root, reply FROM batches WHERE id = ?').get(id) as
      | { id: string; facility: string; root: Uint8Array; reply: string }
      | undefined;
    return row && { id: row.id, facility: row.facility, root: new Uint8Array(row.root), reply: row.reply };
  }

  getRecord(id: string): HeldRecord | undefined {
    const row = this.sql('SELECT * FROM records WHERE id = ?').get(id) as RecordRow | undefined;
    return row && toRecord(row);
  }

  /** The held records with these ids (one statement: an upload asks for thousands). */
  recordsByIds(ids: readonly string[]): Map<string, HeldRecord> {
    const rows = this.sql('SELECT * FROM records WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as RecordRow[];
    return new Map(rows.map((r) => [r.id, toRecord(r)]));
  }

  /**
   * Every record held for these people (from every facility, superseded ones included), by person
   * key, each list by dose, date, id. A person with none is absent.
   */
  recordsOfPersons(keys: readonly string[]): Map<string, HeldRecord[]> {
    const rows = this.sql(
      'SELECT * FROM records WHERE person_key IN (SELECT value FROM json_each(?)) ORDER BY person_key, dose, date, id',
    ).all(JSON.stringify(keys)) as RecordRow[];
    const out = new Map<string, HeldRecord[]>();
    for (const r of rows) {
      const list = out.get(r.person_key);
      if (list) list.push(toRecord(r));
      else out.set(r.person_key, [toRecord(r)]);
    }
    return out;
  }

  activeCertificatesOf(recordId: string): CertificateRow[] {
    return (
      this.sql('SELECT * FROM certificates WHERE record_id = ? AND revoked_at IS NULL ORDER BY id').all(recordId) as CertRow[]
    ).map(toCert);
  }

  commitBatch(commit: BatchCommit): void {
    const insertBatch = this.sql(
      'INSERT INTO batches (id, facility, root, manifest, created, received_at, reply) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const insertRecord = this.sql(
      `INSERT INTO records (id, batch_id, facility, idx, person_key, dose, date, vaccine, record_cbor, accepted_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const supersede = this.sql('UPDATE records SET superseded_by = ? WHERE id = ? AND superseded_by IS NULL');
    const revoke = this.sql('UPDATE certificates SET revoked_at = ?, feed_seq = ? WHERE id = ? AND revoked_at IS NULL');
    const enqueue = this.sql('INSERT INTO issuance_queue (person_key, queued_at) VALUES (?, ?) ON CONFLICT(person_key) DO NOTHING');
    this.db.transaction(() => {
      const b = commit.batch;
      insertBatch.run(b.id, b.facility, b.root, b.manifest, b.created, b.receivedAt, b.reply);
      for (const r of commit.accepted) {
        insertRecord.run(r.id, r.batchId, r.facility, r.index, r.personKey, r.dose, r.date, r.vaccine, r.recordCbor, r.acceptedAt);
      }
      for (const s of commit.superseded) supersede.run(s.by, s.id);
      // A revocation moves the certificate to the end of the feed, so a station that already
      // pulled it learns of the revocation on its next pull.
      let seq = this.nextFeedSeq();
      for (const r of commit.revoked) revoke.run(r.at, seq++, r.certificateId);
      for (const key of commit.issuance) enqueue.run(key, b.receivedAt);
    })();
  }

  private nextFeedSeq(): number {
    return (this.sql('SELECT coalesce(max(feed_seq), 0) + 1 AS seq FROM certificates').get() as { seq: number }).seq;
  }

  /** The oldest queued people, at most `limit`. */
  queuedForIssuance(limit: number): string[] {
    return (this.sql('SELECT person_key FROM issuance_queue ORDER BY rowid LIMIT ?').all(limit) as { person_key: string }[]).map((r) => r.person_key);
  }

  /** The certificates issued for `done` (queued people), and their removal from the queue, in one transaction. */
  commitIssuance(issued: readonly NewCertificate[], done: readonly string[]): void {
    const insertCert = this.sql(
      `INSERT INTO certificates (record_id, facility, uvci, hc1, issued_at, expires_at, feed_seq) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const dequeue = this.sql('DELETE FROM issuance_queue WHERE person_key = ?');
    // synchronous=NORMAL for this commit alone: issuance commits every few dozen people, and an
    // fsync each time blocked the simulator's one thread for longer than the signing. WAL keeps
    // it atomic and it survives a crash of the process; only a power loss could lose it, and then
    // the queue rows come back with it and the people are issued for again. The next upload's
    // FULL commit syncs the log, and this commit with it.
    this.db.pragma('synchronous = NORMAL');
    try {
      this.db.transaction(() => {
        let seq = this.nextFeedSeq();
        for (const c of issued) insertCert.run(c.recordId, c.facility, c.uvci, c.hc1, c.issuedAt, c.expiresAt, seq++);
        for (const key of done) dequeue.run(key);
      })();
    } finally {
      this.db.pragma('synchronous = FULL');
    }
  }

  /**
   * A reissue (POST /v1/_sim/reissue): the new certificate at the end of the feed, then, when
   * asked, the revocation of the record's earlier ones after it — the order a platform that
   * issues first and revokes later gives. One transaction.
   */
  commitReissue(issued: NewCertificate, revoke: readonly number[], at: string): void {
    const insertCert = this.sql(
      `INSERT INTO certificates (record_id, facility, uvci, hc1, issued_at, expires_at, feed_seq) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const revokeCert = this.sql('UPDATE certificates SET revoked_at = ?, feed_seq = ? WHERE id = ? AND revoked_at IS NULL');
    this.db.transaction(() => {
      let seq = this.nextFeedSeq();
      insertCert.run(issued.recordId, issued.facility, issued.uvci, issued.hc1, issued.issuedAt, issued.expiresAt, seq++);
      for (const id of revoke) revokeCert.run(at, seq++, id);
    })();
  }

  certificatesPage(facility: string, afterSeq: number, limit: number): CertificateRow[] {
    return (
      this.db
        .prepare('SELECT * FROM certificates WHERE facility = ? AND feed_seq > ? ORDER BY feed_seq LIMIT ?')
        .all(facility, afterSeq, limit) as CertRow[]
    ).map(toCert);
  }

  listRecords(facility: string | null): (HeldRecord & { certificates: number; activeCertificates: number })[] {
    const sql = `SELECT r.*, (SELECT count(*) FROM certificates c WHERE c.record_id = r.id) AS certs,
                   (SELECT count(*) FROM certificates c WHERE c.record_id = r.id AND c.revoked_at IS NULL) AS active
                 FROM records r ${facility === null ? '' : 'WHERE r.facility = ?'} ORDER BY r.facility, r.accepted_at, r.batch_id, r.idx`;
    const rows = (facility === null ? this.sql(sql).all() : this.sql(sql).all(facility)) as (RecordRow & {
      certs: number;
      active: number;
    })[];
    // Object.assign, not a spread: the record's lazy `record` getter stays a getter.
    return rows.map((r) => Object.assign(toRecord(r), { certificates: r.certs, activeCertificates: r.active }));
  }

  counts(): { batches: number; records: number; certificates: number; revoked: number; population: number; issuancePending: number } {
    const one = (sql: string) => (this.sql(sql).get() as { n: number }).n;
    return {
      batches: one('SELECT count(*) AS n FROM batches'),
      records: one('SELECT count(*) AS n FROM records'),
      certificates: one('SELECT count(*) AS n FROM certificates'),
      revoked: one('SELECT count(*) AS n FROM certificates WHERE revoked_at IS NOT NULL'),
      population: one('SELECT count(*) AS n FROM population'),
      issuancePending: one('SELECT count(*) AS n FROM issuance_queue'),
    };
  }

  upsertPeople(people: readonly PopulationPerson[]): void {
    const stmt = this.sql(
      `INSERT INTO population (person_key, id_type, id_number, full_name, dob, sex) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(person_key) DO UPDATE SET id_type = excluded.id_type, id_number = excluded.id_number,
         full_name = excluded.full_name, dob = excluded.dob, sex = excluded.sex`,
    );
    this.db.transaction(() => {
      for (const p of people) stmt.run(personKey(p.idType, p.idNumber), p.idType, p.idNumber, p.fullName, p.dob, p.sex);
    })();
  }

  findPerson(key: string): PopulationPerson | undefined {
    const row = this.sql('SELECT id_type, id_number, full_name, dob, sex FROM population WHERE person_key = ?').get(key) as
      | { id_type: PopulationPerson['idType']; id_number: string; full_name: string; dob: string; sex: PopulationPerson['sex'] }
      | undefined;
    return row && { idType: row.id_type, idNumber: row.id_number, fullName: row.full_name, dob: row.dob, sex: row.sex };
  }

  listPopulation(offset: number, limit: number): PopulationPerson[] {
    const rows = this.db
      .prepare('SELECT id_type, id_number, full_name, dob, sex FROM population ORDER BY rowid LIMIT ? OFFSET ?')
      .all(limit, offset) as { id_type: PopulationPerson['idType']; id_number: string; full_name: string; dob: string; sex: PopulationPerson['sex'] }[];
    return rows.map((r) => ({ idType: r.id_type, idNumber: r.id_number, fullName: r.full_name, dob: r.dob, sex: r.sex }));
  }
}
