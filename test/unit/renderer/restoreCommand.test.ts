// The settings screen's restore line names this station's data folder, on Windows and elsewhere:
// `station restore` without it restores into the default folder (decisions.md, session 18 probe).
import { describe, expect, it } from 'vitest';
import { restoreCommand } from '../../../renderer/src/screens/settings/restoreCommand.js';

describe('the restore line of the settings screen', () => {
  it('names the data folder that holds the backups folder', () => {
    expect(restoreCommand('C:\\Users\\Trạm Y tế\\AppData\\Roaming\\VaccinePassportStation\\backups'))
      .toBe('station --data-dir "C:\\Users\\Trạm Y tế\\AppData\\Roaming\\VaccinePassportStation" restore "<…>" --replace');
    expect(restoreCommand('/srv/trạm y tế/data/backups')).toBe('station --data-dir "/srv/trạm y tế/data" restore "<…>" --replace');
  });
});
