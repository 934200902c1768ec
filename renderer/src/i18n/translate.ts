/** The dictionaries by language and `translate()`: pure, so tests and non-React code can use them. */
import { en } from './en.js';
import { vi, type MessageKey } from './vi.js';

export type Language = 'vi' | 'en';
export const DICTIONARIES: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = { vi, en };

export type Translate = (key: MessageKey, vars?: Readonly<Record<string, string | number>>) => string;

/**
 * Fills `{name}` placeholders; an unknown placeholder stays visible rather than vanishing. English
 * counts choose their word with `{name|one|other}` ("{n} {n|record|records}"): `one` when the
 * variable is 1 (as a number, or as text formatNumber wrote). Vietnamese nouns do not change.
 */
export function translate(lang: Language, key: MessageKey, vars?: Readonly<Record<string, string | number>>): string {
  const text = DICTIONARIES[lang][key];
  if (vars === undefined) return text;
  return text
    .replace(/\{(\w+)\|([^|{}]*)\|([^|{}]*)\}/g, (whole, name: string, one: string, other: string) => (name in vars ? (isOne(vars[name]!) ? one : other) : whole))
    .replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

function isOne(value: string | number): boolean {
  return typeof value === 'number' ? value === 1 : value.trim() === '1';
}
