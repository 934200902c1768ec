// The line a missing or damaged database prints to restore its newest copy, pasted at a bash
// prompt as it is (decisions.md, "Session 20: what a probe of Vietnamese paths found"). Real
// folders and an interactive bash, which also expands `!`; `station` is a shell function here that
// prints the arguments it was given.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { restoreAdvice } from '../../../electron/core/db/backupFiles.js';
import { commandLineArgument } from '../../../shared/commandLine.js';
import { makeTempDir } from '../../fixtures/clinicFiles.js';
import { restoreCommand } from '../../../renderer/src/screens/settings/restoreCommand.js';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir('station-restore-line-');
});
afterEach(() => tmp.cleanup());

/** The arguments `station` receives when `line` is pasted at an interactive bash prompt. */
function pastedAtBash(line: string): string[] {
  const define = `station() { "${process.execPath}" -e 'console.log(JSON.stringify(process.argv.slice(1)))' -- "$@"; }`;
  const r = spawnSync('bash', ['--norc', '--noprofile', '-i'], { input: `${define}\n${line}\n`, encoding: 'utf8' });
  const out = r.stdout.trim().split('\n').at(-1) ?? '';
  expect(out, r.stderr).toMatch(/^\[/);
  return JSON.parse(out) as string[];
}

const FOLDERS = [
  "Nguyễn Văn An's PC/Dữ liệu trạm".normalize('NFD'),
  'Trạm $HOME (2024)',
  'Trạm `tên` y tế',
  'Trạm Y tế "Hòa Bình"',
  'Trạm!số 1',
  "Trạm Hòa 'Bình' \\",
];

describe('the restore line of a station whose folder has a name bash reads specially', () => {
  it.each(FOLDERS)('names the folder and the copy as they are on disk: %s', (name) => {
    const dataDir = join(tmp.dir, name);
    mkdirSync(join(dataDir, 'backups'), { recursive: true });
    const copy = join(dataDir, 'backups', 'station-daily-20261124-104500.db');
    writeFileSync(copy, '');
    const advice = restoreAdvice(dataDir, { replace: true });
    const line = /restore it with: (.*)$/.exec(advice.en)?.[1] ?? '';
    expect(advice.vi).toContain(line);
    expect(pastedAtBash(line)).toEqual(['--data-dir', dataDir, 'restore', copy, '--replace']);
  });

  it('keeps double quotes where nothing in the name needs more, and on Windows', () => {
    expect(commandLineArgument('/home/an/Dữ liệu trạm', false)).toBe('"/home/an/Dữ liệu trạm"');
    expect(commandLineArgument('C:\\Users\\Nguyễn Văn An\\AppData\\Roaming\\VaccinePassportStation', true)).toBe('"C:\\Users\\Nguyễn Văn An\\AppData\\Roaming\\VaccinePassportStation"');
    // The settings screen's line, from the backups folder it is given.
    const dataDir = join(tmp.dir, 'Trạm $HOME');
    expect(pastedAtBash(restoreCommand(join(dataDir, 'backups')))).toEqual(['--data-dir', dataDir, 'restore', '<…>', '--replace']);
  });
});
