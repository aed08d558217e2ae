// Words both sides print: the console's pages and the core's exported files and scheduled
// reports (coded call values, agent figure names, the PDF's headings). They live here, once,
// so a downloaded file says what the page says; the renderer merges them into its i18n.
import zhCN from './words/zh-CN.json' with { type: 'json' };
import en from './words/en.json' with { type: 'json' };

export type WordsLanguage = 'zh-CN' | 'en';
export type SharedWords = typeof zhCN;

export const sharedWords: Record<WordsLanguage, SharedWords> = { 'zh-CN': zhCN, en };
