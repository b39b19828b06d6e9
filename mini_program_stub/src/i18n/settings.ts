/** How the citizen wants to read: Chinese first, English on request; 长辈模式 for large, plain text. */
export interface Settings {
  lang: 'zh' | 'en';
  elderly: boolean;
}

export interface LocalizedText {
  zh: string;
  en: string;
}

export const DEFAULT_SETTINGS: Settings = { lang: 'zh', elderly: false };

/** The server's text in the reader's language (Chinese when the English is missing). */
export function pick(text: LocalizedText | null | undefined, settings: Settings): string {
  if (!text) return '';
  return settings.lang === 'en' && text.en ? text.en : text.zh;
}

/** A remark in brackets, as each language writes them: 西湖区（古墩路） / Xihu (Gudun Road). */
export function aside(text: string, settings: Settings): string {
  if (!text) return '';
  return settings.lang === 'en' ? ` (${text})` : `（${text}）`;
}
