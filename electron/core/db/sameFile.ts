import { statSync } from 'node:fs';

/**
 * Whether two paths name the same file on disk (a hard link, the same file by another spelling):
 * same device and inode. False when either is missing, or the file system has no inode numbers
 * (0 on some Windows shares), where nothing can be told.
 */
export function sameFile(a: string, b: string): boolean {
  try {
    const x = statSync(a, { bigint: true });
    const y = statSync(b, { bigint: true });
    return x.dev === y.dev && x.ino === y.ino && x.ino !== 0n;
  } catch {
    return false;
  }
}
