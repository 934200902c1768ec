import { foldForSearch, vaccineKey, VACCINES } from './domainPort.js';

/** "Vắc xin" or "vaccine" before the name, folded (the catalog's Vietnamese names have it). */
const VACCINE_WORD = /^(?:vacxin|vaccine)/;
/** A vaccine's name without case, marks, spaces or punctuation (the catalog's key), and without "vắc xin" before it. */
export const nameKey = (text: string): string => vaccineKey(text).replace(VACCINE_WORD, '');

/**
 * Every catalog spelling a vaccine cell writes before a lot joined by a dash, as nameKey folds it:
 * without a digit ("AZD1222-…" cannot be told from a lot) and of four letters or more ("AZ-NJ0342"
 * may be one lot, as "AZ NJ0342" may).
 */
const SPELLINGS: readonly string[] = [
  ...new Set(
    VACCINES.flatMap((v) => [v.code, v.name, v.mp, v.nameVi, v.nameEn, ...v.aliases])
      .filter((name) => !/\d/.test(name) && foldForSearch(name).replace(/[^a-z]/g, '').length >= 4)
      .map(nameKey),
  ),
];

/**
 * A vaccine's name and the rest joined by a dash with no space ("Pfizer-FK1234", "Vero
 * Cell-202107A", "Hayat-Vax-NJ1234"): the name as written and the rest, or null. The name is a
 * catalog spelling, the LONGEST one the cell starts with, so a name with a dash of its own is never
 * cut inside ("Hayat-Vax-…" is not "Hayat" and "Vax-…", "Pfizer-BioNTech-…" not "Pfizer"), and a
 * cell that runs on past a spelling without a dash ("Hayat-Vax1234", "Pfizer-BioNTech1234": the
 * name's end or the lot's start?) is null. The rest may hold dashes of its own ("Pfizer-I-130621").
 * Whether the rest is a lot is the caller's to judge.
 */
export function dashJoinedName(text: string): { words: string; rest: string } | null {
  if (!/[-–]/u.test(text) || /\s[-–]|[-–]\s/u.test(text) || /[:/|()[\]]/.test(text)) return null;
  const key = nameKey(text);
  let longest = '';
  for (const s of SPELLINGS) if (s.length > longest.length && key.startsWith(s)) longest = s;
  if (longest === '') return null;
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '-' && text[i] !== '–') continue;
    const words = text.slice(0, i).trim();
    const rest = text.slice(i + 1);
    if (/\d/.test(words) || /\s/.test(rest) || rest === '') continue;
    if (nameKey(words) === longest) return { words, rest };
  }
  return null;
}
