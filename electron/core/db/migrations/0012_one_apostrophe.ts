import type { Migration } from './migration.js';

/**
 * A stored name's folded form (people.name_folded: the full-text index's text and the key person
 * matching looks names up by) holds one apostrophe, ', whichever was typed or pasted: ’ ‘ from
 * Word or Zalo, ʼ ʻ from some keyboards, ´ ` for want of one (foldForSearch, session 26). Before,
 * the form was kept: "Rơ Mah HʼLơn" was indexed as the one word "hʼlon" (ʼ and ʻ are letters to
 * the unicode61 tokenizer), so a clerk typing "h'lon" or "h lon" did not find her, and "Ksor H’Bla"
 * was not looked up under "ksor h'bla". Only these characters changed in the fold, and nothing else
 * in it touches them, so replacing them in what is stored gives what the code folds today. The
 * index follows through people_fts_update (0002). Shipped: never edit.
 */
export const m0012OneApostrophe: Migration = {
  version: 12,
  name: 'one_apostrophe',
  sql: `
UPDATE people
SET name_folded = replace(replace(replace(replace(replace(replace(name_folded, '’', ''''), '‘', ''''), 'ʼ', ''''), 'ʻ', ''''), '´', ''''), '\`', '''')
WHERE name_folded GLOB '*[’‘ʼʻ´\`]*';
`,
};
