/**
 * The `common` namespace: texts more than one feature shows (the console's name, main's refusals).
 * Each feature has its own namespace in features/<name>/i18n.ts; app/i18n.ts joins them.
 */
import type { ErrorCode } from '@shared/common/errors';

/** A language's table with the same keys as the zh-CN one (the default language). */
export type Texts<T> = { [K in keyof T]: T[K] extends string ? string : Texts<T[K]> };

const zhCN = {
  app: { title: '快递客服坐席工作台' },
  errors: {
    BAD_ARGUMENT: '输入有误，请检查后重试',
    UNKNOWN_REQUEST: '不支持的操作',
    UNAUTHENTICATED: '请先登录',
    FORBIDDEN: '无权执行此操作',
    INVALID_CREDENTIALS: '工号或密码错误',
    ACCOUNT_LOCKED: '连续登录失败次数过多，账号已锁定，请稍后再试或联系值班长',
    ACCOUNT_DISABLED: '账号已停用，请联系值班长',
    ALREADY_SIGNED_IN: '本座席已有人登录，请先签退',
    ILLEGAL_TRANSITION: '当前状态下不能执行该操作',
    NOT_FOUND: '未找到',
    INTERNAL: '系统内部错误，请联系技术支持',
    DISCONNECTED: '与工作台服务的连接已断开',
    NO_SIP_ACCOUNT: '未分配软电话账号，不能示闲，请联系值班长',
    PHONE_NOT_REGISTERED: '软电话尚未注册，暂不能示闲；注册成功后将自动示闲',
  } satisfies Record<ErrorCode, string>,
};

const en: Texts<typeof zhCN> = {
  app: { title: 'Courier Desk' },
  errors: {
    BAD_ARGUMENT: 'Invalid input; check and try again',
    UNKNOWN_REQUEST: 'Unsupported action',
    UNAUTHENTICATED: 'Please sign in first',
    FORBIDDEN: 'Not allowed',
    INVALID_CREDENTIALS: 'Wrong employee number or password',
    ACCOUNT_LOCKED:
      'Too many failed attempts; the account is locked. Try later or ask your shift lead',
    ACCOUNT_DISABLED: 'This account is disabled; ask your shift lead',
    ALREADY_SIGNED_IN: 'Someone is signed in at this desk; sign out first',
    ILLEGAL_TRANSITION: 'Not possible in the current state',
    NOT_FOUND: 'Not found',
    INTERNAL: 'Internal error; contact support',
    DISCONNECTED: 'Connection to the desk service lost',
    NO_SIP_ACCOUNT: 'No softphone account assigned: you cannot go ready. Ask your shift lead',
    PHONE_NOT_REGISTERED:
      'The softphone is not registered yet: you will be set ready once it registers',
  },
};

export const commonTexts = { ns: 'common', 'zh-CN': zhCN, en } as const;
