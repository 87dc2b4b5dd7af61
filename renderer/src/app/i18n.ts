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
import { adminTexts } from '../features/admin';
import { scriptTexts } from '../features/scripts';
import { orderTexts } from '../features/orders';
import { callbackTexts } from '../features/callbacks';
import { complaintTexts } from '../features/complaints';
import { handoverTexts } from '../features/handover';
import { documentTexts } from '../features/documents';
import { metricTexts } from '../features/metrics';
import type { Texts } from '../ui/i18n';
import { commonTexts } from '../ui/i18n';

export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];

const appZhCN = {
  app: { language: '语言', languageName: '中文', loading: '正在加载…' },
  connection: {
    label: '连接',
    notConnected: '未连接',
    lost: '与工作台服务的连接已断开，正在自动重连…',
    lostHint: '座席状态、软电话和通话计时为断开前的最后状态（已置灰），连接恢复后自动更新。',
    noToken: '访问地址缺少访问令牌',
    noTokenHint: '请打开工作台服务启动时打印的完整地址（含 ?token=…）。',
    refused: '访问令牌已失效，工作台服务拒绝连接',
    refusedHint:
      '工作台服务已更换访问令牌（或地址中的令牌有误）。请打开服务启动时打印的新地址（含 ?token=…）。',
    restarted: '工作台服务已重启，本班次已结束，请重新登录',
    restartedHint: '服务重启时会结束进行中的班次，状态记录已保存。重新登录后开始新的班次。',
    sessionEnded: '断线期间本班次已结束，请重新登录',
    sessionEndedHint: '可能已在其他窗口签退。重新登录后开始新的班次。',
  },
  layout: {
    main: '通话与查件',
    side: '话术与运单详情',
    script: '话术',
    noDetail: '打开运单后，详情显示在这里（不遮挡通话）',
  },
  tabs: {
    lookup: '查件',
    orders: '工单',
    callbacks: '回电',
    callbacksOpen: '{{count}} 个待回电',
    shift: '本班次',
  },
};
const appEn: Texts<typeof appZhCN> = {
  app: { language: 'Language', languageName: 'English', loading: 'Loading…' },
  connection: {
    label: 'Connection',
    notConnected: 'Not connected',
    lost: 'Connection to the desk service lost; reconnecting automatically…',
    lostHint:
      'Agent state, softphone and call timers show the last known state (greyed) and update once the connection is back.',
    noToken: 'This address has no access token',
    noTokenHint: 'Open the full address the desk service printed when it started (with ?token=…).',
    refused: 'The access token is no longer valid; the desk service refused the connection',
    refusedHint:
      'The desk service now uses a new access token (or the token in the address is wrong). Open the new address it printed when it started (with ?token=…).',
    restarted: 'The desk service restarted and your shift has ended: please sign in again',
    restartedHint:
      'A restart ends the shift in progress; its state log is kept. Signing in starts a new shift.',
    sessionEnded: 'Your shift ended while the console was disconnected: please sign in again',
    sessionEndedHint:
      'It may have been signed out in another window. Signing in starts a new shift.',
  },
  layout: {
    main: 'Call and lookup',
    side: 'Script and waybill detail',
    script: 'Call script',
    noDetail: 'Open a waybill: its detail shows here, beside the call',
  },
  tabs: {
    lookup: 'Lookup',
    orders: 'Orders',
    callbacks: 'Call-backs',
    callbacksOpen: '{{count}} open call-backs',
    shift: 'Shift',
  },
};
const appTexts = { ns: 'app', 'zh-CN': appZhCN, en: appEn } as const;

/** Every namespace, as `{ ns, 'zh-CN': table, en: table }`. */
export const namespaces = [
  appTexts,
  commonTexts,
  sessionTexts,
  waybillTexts,
  softphoneTexts,
  adminTexts,
  scriptTexts,
  orderTexts,
  callbackTexts,
  complaintTexts,
  handoverTexts,
  documentTexts,
  metricTexts,
];

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
