/** The dictionaries by language and `translate()`: pure, so tests and non-React code can use them. */
import { en } from './en.js';
import { vi, type MessageKey } from './vi.js';

export type Language = 'vi' | 'en';
export const DICTIONARIES: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = { vi, en };

export type Translate = (key: MessageKey, vars?: Readonly<Record<string, string | number>>) => string;

/** Fills `{name}` placeholders; an unknown placeholder stays visible rather than vanishing. */
export function translate(lang: Language, key: MessageKey, vars?: Readonly<Record<string, string | number>>): string {
  const text = DICTIONARIES[lang][key];
  if (vars === undefined) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
