import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { dictionary, type MessageKey } from './dictionary';

export type Lang = 'zh' | 'en';

interface Localized {
  zh: string;
  en: string;
}

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  /** The message in the current language, `{name}` replaced by `values.name`. */
  t: (key: MessageKey, values?: Record<string, string | number>) => string;
  /** The current language's side of a {zh, en} text (Chinese when the English is empty). */
  pick: (text: Localized | null | undefined) => string;
  /** A date and time from the API (ISO 8601), written the way the language writes it. */
  time: (iso: string) => string;
}

const LANG_KEY = 'zerorun.configurator.lang';
const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh'));
  const value = useMemo<I18n>(() => {
    const index = lang === 'zh' ? 0 : 1;
    return {
      lang,
      setLang: (next) => {
        localStorage.setItem(LANG_KEY, next);
        setLangState(next);
      },
      t: (key, values) =>
        dictionary[key][index].replace(/\{(\w+)\}/g, (whole, name: string) => String(values?.[name] ?? whole)),
      pick: (text) => (text ? (lang === 'en' && text.en ? text.en : text.zh) : ''),
      time: (iso) =>
        new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }),
    };
  }, [lang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
