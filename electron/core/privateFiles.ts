/**
 * The station's folder holds personal data (names, id numbers, dates of birth, phone numbers)
 * and the facility's platform key: on POSIX it is the user's alone, whatever the umask. Debian's
 * umask 022 left the folder 0755 and `station.db`, `-wal`, `-shm` 0644, readable by every local
 * account (security probe, session 18). On Windows the per-user profile folder's ACL does this;
 * chmod there only toggles the read-only flag, so it is left alone.
 */
import { chmodSync, mkdirSync, statSync } from 'node:fs';

const POSIX = process.platform !== 'win32';

/** Creates `dir` (and any missing parent) as 0700; an existing folder is left as it is. */
export function makePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/**
 * Takes group and other permissions off `path` if it exists and has any (the owner's bits stay:
 * a read-only file stays read-only). SQLite creates `-wal` and `-shm` with the database file's
 * mode, so a database made private before its first write keeps them private too. Best effort:
 * a file of another owner or on a read-only disk is left, and opening it goes on.
 */
export function keepPrivate(path: string): void {
  if (!POSIX) return;
  try {
    const mode = statSync(path).mode & 0o777;
    if ((mode & 0o077) !== 0) chmodSync(path, mode & 0o700);
  } catch {
    // Missing, not ours, or a read-only disk: nothing to tighten here.
  }
}
