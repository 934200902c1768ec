/**
 * What a file's names show of damage done before the station saw it (lostLetters.ts: letters a
 * code page lost; legacyFont.ts: a TCVN3 font): the first names under the header are looked at,
 * and the file is refused only when they show it throughout — one mistyped name is its row's error.
 */
import type { HeaderMapping } from './findHeaderRow.js';
import type { SheetRow } from './sheetData.js';

/** Data rows whose names are looked at, how many names must show it, and their least share. */
const SAMPLE_ROWS = 200;
const REFUSE_AT = 3;
const REFUSE_SHARE = 0.2;
/** Rows looked at from the top for a header that shows it, when no header is found. */
export const HEADER_ROWS = 10;
/** Characters of a cell quoted in a refusal. */
const QUOTED = 40;

/** A cell's text as a refusal quotes it. */
export const quoted = (text: string): string => text.trim().slice(0, QUOTED);

export interface NamesShowing {
  /** The first name that shows it, and its row. */
  first: { row: number; name: string };
  /** How many names show it, of how many looked at. */
  showing: number;
  names: number;
}

/** The columns of a row's name: full, family, middle, given, those the header has, in that order. */
export function nameColumns(mapping: HeaderMapping): number[] {
  return [mapping.fields.fullName, mapping.fields.familyName, mapping.fields.middleName, mapping.fields.givenName].filter((c): c is number => c !== undefined);
}

/**
 * The names (full, family or given) of the first SAMPLE_ROWS data rows with one, when REFUSE_AT
 * of them or more, and REFUSE_SHARE of them, hold a text `shows` is true of; null otherwise.
 */
export function namesShowingThroughout(rows: readonly SheetRow[], mapping: HeaderMapping, shows: (name: string) => boolean): NamesShowing | null {
  const columns = nameColumns(mapping);
  let names = 0;
  let showing = 0;
  let first: NamesShowing['first'] | null = null;
  for (let at = mapping.headerIndex + 1; at < rows.length && names < SAMPLE_ROWS; at++) {
    const row = rows[at]!;
    const texts = columns.map((c) => row.cells[c]).filter((v): v is string => typeof v === 'string' && v.trim() !== '');
    if (texts.length === 0) continue;
    names++;
    const bad = texts.find(shows);
    if (bad === undefined) continue;
    showing++;
    first ??= { row: row.row, name: bad };
  }
  return first !== null && showing >= REFUSE_AT && showing >= REFUSE_SHARE * names ? { first, showing, names } : null;
}

/** The first row of `candidates` with two cells or more that `shows` is true of, and its first such cell. */
export function headerShowing(candidates: readonly SheetRow[], shows: (cell: string) => boolean): { row: number; text: string } | null {
  for (const row of candidates) {
    const cells = row.cells.filter((c): c is string => typeof c === 'string' && shows(c));
    if (cells.length >= 2) return { row: row.row, text: cells[0]! };
  }
  return null;
}
