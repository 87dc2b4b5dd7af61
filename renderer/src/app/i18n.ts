/**
 * i18next for the console: one namespace per feature (features/<name>/i18n.ts), `common` for
 * texts several features show (ui/i18n.ts) and `app` for the shell's own. zh-CN is the default and
 * the fallback; every table is typed to have the zh-CN keys, so English is never partial.
 */
import i18next from 'i18next';
import type { i18n as I18n, InitOptions } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { sessionTexts } from '../features/session';
import { softphoneTexts } from '../features/softphone';
import { waybillTexts } from '../features/waybills';
import type { Texts } from '../ui/i18n';
import { commonTexts } from '../ui/i18n';

export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];

const appZhCN = {
  app: { language: '语言', languageName: '中文' },
  connection: {
    lost: '与工作台服务的连接已断开，正在重连…',
    noToken: '访问地址缺少访问令牌',
    noTokenHint: '请打开工作台服务启动时打印的完整地址（含 ?token=…）。',
  },
  tabs: { lookup: '查件', shift: '本班次' },
};
const appEn: Texts<typeof appZhCN> = {
  app: { language: 'Language', languageName: 'English' },
  connection: {
    lost: 'Connection to the desk service lost; reconnecting…',
    noToken: 'This address has no access token',
    noTokenHint: 'Open the full address the desk service printed when it started (with ?token=…).',
  },
  tabs: { lookup: 'Lookup', shift: 'Shift' },
};
const appTexts = { ns: 'app', 'zh-CN': appZhCN, en: appEn } as const;

/** Every namespace, as `{ ns, 'zh-CN': table, en: table }`. */
export const namespaces = [appTexts, commonTexts, sessionTexts, waybillTexts, softphoneTexts];

export interface I18nOptions {
  /**
   * Called for a key with no text in any language (tests fail on it: no raw key on screen).
   * Lookups that pass their own `defaultValue` are not reported.
   */
  onMissingKey?: (ns: string, key: string) => void;
}

/** A fresh i18next instance (tests make their own); zh-CN unless told otherwise. */
export function createI18n(lng: Language = 'zh-CN', options: I18nOptions = {}): I18n {
  const instance = i18next.createInstance();
  const resources = Object.fromEntries(
    languages.map((language) => [
      language,
      Object.fromEntries(namespaces.map((n) => [n.ns, n[language]])),
    ]),
  );
  const { onMissingKey } = options;
  const missing: InitOptions = onMissingKey
    ? {
        saveMissing: true,
        missingKeyHandler: (_lngs, ns, key, fallbackValue) => {
          if (fallbackValue === key) onMissingKey(ns, key);
        },
      }
    : {};
  void instance.use(initReactI18next).init({
    lng,
    fallbackLng: 'zh-CN',
    ns: namespaces.map((n) => n.ns),
    defaultNS: 'app',
    resources,
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
    showSupportNotice: false,
    ...missing,
  });
  return instance;
}
