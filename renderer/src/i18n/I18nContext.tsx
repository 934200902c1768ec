/**
 * The current language (Vietnamese by default, English on request) and `t()`. The choice is kept
 * in the station's settings (`ui.language`) so every window of this station opens in it.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { translate, type Language, type Translate } from './translate.js';

export { translate, type Language, type Translate };

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
