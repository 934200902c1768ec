import { commandLineArgument, isWindowsPath } from '../../../../shared/commandLine.js';

/**
 * The `station restore` line the settings screen shows, for this station's own data folder: without
 * `--data-dir`, `station` restores into its default folder, not this one when the station was set
 * up elsewhere (`--data-dir`, STATION_DATA_DIR). `--replace`: the folder holds this station.
 */
export function restoreCommand(backupsFolder: string): string {
  // `<data dir>/backups` (or `\backups`), from backups.list; no node:path in the renderer.
  const dataDir = backupsFolder.replace(/[\\/]+[^\\/]+[\\/]*$/, '');
  return `station --data-dir ${commandLineArgument(dataDir, isWindowsPath(dataDir))} restore "<…>" --replace`;
}
