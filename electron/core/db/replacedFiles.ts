/**
 * The databases that restores replaced, kept beside `station.db` as
 * `station.db.replaced-<yyyymmdd-hhmmss, Viet Nam time>[-n]` (restore.ts, `keepAside`). Each is a
 * whole database (1.5 GB after a year at a big site), and nothing removed them: they piled up
 * beside the daily copies. Listed here for `station backup status` and the settings screen, pruned
 * with the daily copies, and giving way, as they do, when the disk is short of room for the daily
 * copy (dailyBackups.ts, `dailyBackupIfDue`; decisions.md, "Session 21" and "Session 22").
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { VIETNAM_OFFSET_MS } from '../../../shared/domain/dates.js';
import { sameFile } from './sameFile.js';

export interface ReplacedFile {
  path: string;
  /**
   * On disk, with what SQLite keeps beside it (a damaged one was kept with its -wal, which may be
   * most of it): what removing it frees, and what the screens count.
   */
  bytes: number;
  /** When the restore replaced it (ISO, UTC), from its name: a hard link keeps the old file's mtime. */
  replacedAt: string;
}

/** After `<database>.replaced-`: the time, then `-2`, `-3` for a second restore in that second. */
const STAMP = /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:-([1-9]\d*))?$/;

/**
 * Three kept: a restore is rare (a damaged disk, a wrong copy put back), and three cover "restore,
 * find it was the wrong copy, restore again" with the database of each step. Not the daily copies'
 * seven: each is a whole database beside those seven.
 */
export const REPLACED_KEEP = 3;
/**
 * Never pruned while younger than the daily copies reach back: the first of several restores in
 * a row (support trying copies one after another) replaced the database with the newest records,
 * which may exist nowhere else, and its loss may only be noticed days later.
 */
export const REPLACED_MIN_AGE_MS = 7 * 24 * 3600_000;
/**
 * Nor, at any age, the first of several restores in a row (restores less than a day apart): it
 * replaced the database itself, the ones after it only copies that were tried. The newest three
 * such firsts are kept (each another incident, and each a whole database).
 */
export const REPLACED_BURST_MS = 24 * 3600_000;
export const REPLACED_FIRSTS_KEPT = 3;

/** The databases kept beside `dbPath` by restores, newest first (a `-2` after its first). */
export function listReplaced(dbPath: string): ReplacedFile[] {
  const prefix = `${basename(dbPath)}.replaced-`;
  let names: string[];
  try {
    names = readdirSync(dirname(dbPath));
  } catch {
    return [];
  }
  const found: (ReplacedFile & { n: number })[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const m = STAMP.exec(name.slice(prefix.length));
    if (m === null) continue;
    const vn = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
    try {
      const st = statSync(join(dirname(dbPath), name));
      if (st.isFile() && !Number.isNaN(vn)) {
        const path = join(dirname(dbPath), name);
        found.push({ path, bytes: st.size + companionBytes(path), replacedAt: new Date(vn - VIETNAM_OFFSET_MS).toISOString(), n: Number(m[7] ?? 1) });
      }
    } catch {
      // Removed meanwhile.
    }
  }
  found.sort((a, b) => (a.replacedAt < b.replacedAt ? 1 : a.replacedAt > b.replacedAt ? -1 : b.n - a.n));
  return found.map(({ n: _n, ...file }) => file);
}

/** What SQLite may keep beside a database file. */
function companions(path: string): string[] {
  return [`${path}-journal`, `${path}-wal`, `${path}-shm`];
}

function companionBytes(path: string): number {
  let n = 0;
  for (const p of companions(path)) {
    try {
      n += statSync(p).size;
    } catch {
      // None.
    }
  }
  return n;
}

/**
 * How many are kept beside `dbPath` and what they take on disk: `station backup status`, the
 * settings screen, the low-space notice. `listed`: those already listed, for a count that agrees
 * with the list shown beside it.
 */
export function replacedSummary(dbPath: string, listed: ReplacedFile[] = listReplaced(dbPath)): { kept: number; bytes: number } {
  return { kept: listed.length, bytes: listed.reduce((n, r) => n + r.bytes, 0) };
}

/** Those dated by the clock (not after `now`), newest first: a date after it says nothing of a file's age. */
function datedBy(dbPath: string, now: Date): ReplacedFile[] {
  return listReplaced(dbPath).filter((r) => Date.parse(r.replacedAt) <= now.getTime());
}

/**
 * The first of each run of restores (REPLACED_BURST_MS apart), newest first: it replaced the
 * database itself, the ones after it only copies that were tried.
 */
function runFirsts(dated: ReplacedFile[]): ReplacedFile[] {
  // Newest first: a file starts its run when the one before it (the next, older) is a day older or more.
  return dated.filter((r, i) => i + 1 >= dated.length || Date.parse(r.replacedAt) - Date.parse(dated[i + 1]!.replacedAt) >= REPLACED_BURST_MS);
}

/**
 * Removes a kept database with what SQLite keeps beside it, those first: a failure leaves the
 * database whole, not its log alone. False when it cannot be removed now (held open, read-only).
 */
export function removeReplaced(path: string): boolean {
  try {
    for (const p of [...companions(path), path]) rmSync(p, { force: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * The kept databases beyond the newest `keep` that are older than `minAgeMs` and first of no run
 * of restores kept (REPLACED_BURST_MS), newest first: what retention prunes. Those dated after
 * `now` (a clock that was wrong) are neither counted nor pruned: their date says nothing of their
 * age. The newest is never pruned, so neither is the one a restore has just made.
 */
export function replacedPrunable(dbPath: string, now: Date, opts: { keep?: number; minAgeMs?: number } = {}): ReplacedFile[] {
  const keep = Math.max(1, opts.keep ?? REPLACED_KEEP);
  const minAgeMs = opts.minAgeMs ?? REPLACED_MIN_AGE_MS;
  const dated = datedBy(dbPath, now);
  const firsts = new Set(runFirsts(dated).slice(0, REPLACED_FIRSTS_KEPT).map((r) => r.path));
  return dated.slice(keep).filter((old) => now.getTime() - Date.parse(old.replacedAt) >= minAgeMs && !firsts.has(old.path));
}

/**
 * Removes what retention prunes (`replacedPrunable`), with what SQLite keeps beside each (a
 * damaged one was kept with its -wal). Returns what it removed. The caller makes sure no restore
 * is running (restoreClaim.ts, `runningRestore`), and prunes only after a good daily copy.
 */
export function pruneReplaced(dbPath: string, now: Date, opts: { keep?: number; minAgeMs?: number } = {}): string[] {
  // One that cannot be removed now is tried again at the next daily copy.
  return replacedPrunable(dbPath, now, opts).filter((old) => removeReplaced(old.path)).map((old) => old.path);
}

/**
 * When the disk is short of room for the daily copy (dailyBackups.ts, `dailyBackupIfDue`, after the old
 * daily copies), the kept databases that may give way, in the order they do (decisions.md,
 * "Session 22"): first those that are not the first of their run of restores (each replaced only a
 * copy being tried, and what was entered in the hours it ran), then the firsts (each replaced the
 * clinic's own database, with records that may exist nowhere else), each group oldest first.
 * Never, however short the disk: the newest (it undoes the last restore); the first of the newest
 * run of restores (the clinic's own database from before the last incident); any other first
 * younger than REPLACED_MIN_AGE_MS (its loss may only be noticed days later); one dated after
 * `now` (its age is unknown); a second name of the live database (a restore killed before its
 * rename: removing it frees nothing, and it is no restore's undo). Those are left out before the
 * newest is chosen (session 22 review: a leftover named newest made the real newest removable).
 */
export function replacedGivingWay(dbPath: string, now: Date): ReplacedFile[] {
  const dated = datedBy(dbPath, now).filter((r) => !sameFile(r.path, dbPath));
  const firsts = runFirsts(dated);
  const young = (r: ReplacedFile) => now.getTime() - Date.parse(r.replacedAt) < REPLACED_MIN_AGE_MS;
  const kept = new Set([...dated.slice(0, 1), ...firsts.slice(0, 1), ...firsts.filter(young)].map((r) => r.path));
  const isFirst = new Set(firsts.map((r) => r.path));
  const oldestFirst = dated.filter((r) => !kept.has(r.path)).reverse();
  return [...oldestFirst.filter((r) => !isFirst.has(r.path)), ...oldestFirst.filter((r) => isFirst.has(r.path))];
}
