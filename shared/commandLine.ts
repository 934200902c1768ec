/**
 * One argument of a command line the station prints for a person to paste (the `station restore`
 * line of a missing or damaged database, of the settings screen). Double quotes read best and are
 * what cmd and PowerShell take; a Windows path cannot hold a `"`. In bash (and sh) double quotes
 * still expand `$`, `` ` ``, `\` and, pasted at a prompt, `!`: a folder named with one of them
 * (or a `"`, which Linux allows) is put in single quotes there, each `'` of it as `'\''`, so the
 * pasted line names the folder that is on disk (probe of session 20).
 */
export function commandLineArgument(text: string, windows: boolean): string {
  if (windows || !/[$`"\\!]/.test(text)) return `"${text}"`;
  return `'${text.replaceAll("'", "'\\''")}'`;
}

/** Whether `path` is a Windows path (a drive letter or a `\\host\share`), for code that cannot ask the platform. */
export function isWindowsPath(path: string): boolean {
  return /^([A-Za-z]:[\\/]|\\\\)/.test(path);
}
