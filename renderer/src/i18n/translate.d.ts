import { type MessageKey } from './vi.js';
export type Language = 'vi' | 'en';
export declare const DICTIONARIES: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>>;
export type Translate = (key: MessageKey, vars?: Readonly<Record<string, string | number>>) => string;
/** Fills `{name}` placeholders; an unknown placeholder stays visible rather than vanishing. */
export declare function translate(lang: Language, key: MessageKey, vars?: Readonly<Record<string, string | number>>): string;
