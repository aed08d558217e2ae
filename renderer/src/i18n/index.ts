import { createI18n } from 'vue-i18n';
import { sharedWords } from '@contract';
import zhCNOwn from './zh-CN.json';
import enOwn from './en.json';

export type AppLocale = 'zh-CN' | 'en';
export const appLocales: AppLocale[] = ['zh-CN', 'en'];

/** Follow the system locale: any Chinese variant gets zh-CN, other languages English; zh-CN when unknown. */
export function resolveLocale(tag: string | undefined): AppLocale {
  if (!tag) return 'zh-CN';
  const lower = tag.toLowerCase();
  if (lower.startsWith('zh')) return 'zh-CN';
  if (lower.startsWith('en')) return 'en';
  return 'en';
}

type Words = { [key: string]: unknown };

function isWords(value: unknown): value is Words {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The page's own words with the core's shared ones (contract/words) merged in at every depth. */
function withShared<Own extends Words, Shared extends Words>(own: Own, shared: Shared): Own & Shared {
  const merged: Words = { ...own };
  for (const [key, value] of Object.entries(shared)) {
    const mine = merged[key];
    merged[key] = isWords(mine) && isWords(value) ? withShared(mine, value) : value;
  }
  return merged as Own & Shared;
}

/** Every message of each language: what the app, and tests that need real wording, are given. */
export const messages = { 'zh-CN': withShared(zhCNOwn, sharedWords['zh-CN']), en: withShared(enOwn, sharedWords.en) };

export type MessageSchema = (typeof messages)['zh-CN'];

export const i18n = createI18n<[MessageSchema], AppLocale, false>({
  legacy: false,
  locale: 'zh-CN',
  fallbackLocale: 'en',
  messages,
});
