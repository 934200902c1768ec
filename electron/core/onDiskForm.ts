/**
 * A folder named in the other Unicode form. "Nguyễn Văn An" typed (NFC, one code point per
 * letter) and pasted from a macOS or Zalo copy (NFD, the marks apart) look the same, but ext4 and
 * NTFS keep names as they are given: to them they are two folders. A data folder given in the form
 * it was not created in opened none of the station's data, and a command that writes made a second
 * station in a twin folder that looks the same in Explorer (probe of session 20).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, parse } from 'node:path';

/**
 * `path` with each part that does not exist as given replaced by the one entry of its folder
 * that is the same name in another normalisation form; the parts from the first one that matches
 * nothing are kept as given (a folder to be created, inside the one that exists). A path that
 * exists as given, or that has nothing to normalise, is returned unchanged.
 */
export function onDiskForm(path: string, platform: NodeJS.Platform = process.platform): string {
  if (path.normalize('NFC') === path.normalize('NFD') || existsSync(path)) return path;
  const { root } = parse(path);
  const parts = path.slice(root.length).split(platform === 'win32' ? /[\\/]+/ : /\/+/).filter((p) => p !== '');
  let at = root;
  for (const [i, part] of parts.entries()) {
    const given = join(at, part);
    if (existsSync(given)) {
      at = given;
      continue;
    }
    const same = entriesOf(at).filter((name) => name.normalize('NFC') === part.normalize('NFC'));
    // Two entries that differ only in form: which one is meant cannot be told; keep what was given.
    if (same.length !== 1) return join(given, ...parts.slice(i + 1));
    at = join(at, same[0]!);
  }
  return at;
}

function entriesOf(folder: string): string[] {
  try {
    return readdirSync(folder === '' ? '.' : folder);
  } catch {
    return [];
  }
}
