// The import preview's map of columns names each column's field in the screen's language: a field
// the import learnt to read (a maker or an age column, a year of birth) showed its bare key
// ("manufacturer", "age") because the screen had no label for it.
import { describe, expect, it } from 'vitest';
import { FIELD_LABELS } from '../../../electron/core/import/headerAliases.js';
import { fieldLabel } from '../../../renderer/src/components/fieldLabel.js';
import { translate } from '../../../renderer/src/i18n/translate.js';

describe('the import preview names every field an import reads', () => {
  for (const lang of ['vi', 'en'] as const) {
    it(`in ${lang}`, () => {
      const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(lang, key, params);
      for (const field of Object.keys(FIELD_LABELS)) expect(fieldLabel(field, t), field).not.toBe(field);
    });
  }
});
