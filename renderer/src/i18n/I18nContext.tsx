/**
 * The current language (Vietnamese by default, English on request) and `t()`. The choice is kept
 * in the station's settings (`ui.language`) so every window of this station opens in it.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
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

interface I18n {
  lang: Language;
  setLang(lang: Language): void;
  t: Translate;
  /** The Vietnamese or English side of a bilingual pair from the core. */
  pick(viText: string | undefined, enText: string | undefined): string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ initial, onChange, children }: { initial: Language; onChange?: (lang: Language) => void; children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(initial);
  const setLang = useCallback(
    (next: Language) => {
      setLangState(next);
      onChange?.(next);
    },
    [onChange],
  );
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, vars) => translate(lang, key, vars),
      pick: (viText, enText) => (lang === 'vi' ? (viText ?? enText ?? '') : (enText ?? viText ?? '')),
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (value === null) throw new Error('useI18n outside I18nProvider');
  return value;
}
