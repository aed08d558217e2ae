import { createI18n } from 'vue-i18n';
import zhCN from './zh-CN.json';
import en from './en.json';

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

export type MessageSchema = typeof zhCN;

export const i18n = createI18n<[MessageSchema], AppLocale, false>({
  legacy: false,
  locale: 'zh-CN',
  fallbackLocale: 'en',
  messages: { 'zh-CN': zhCN, en },
});
