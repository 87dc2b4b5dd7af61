/**
 * The `common` namespace: texts more than one feature shows (the console's name, main's refusals).
 * Each feature has its own namespace in features/<name>/i18n.ts; app/i18n.ts joins them.
 */
import type { ErrorCode, IssueCode } from '@shared/common/errors';

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
    HANDOVER_REQUIRED: '本班次还有未记入业务交接本的未完成事项，请先记入交接本再签退',
  } satisfies Record<ErrorCode, string>,
  /** Titles and descriptions made from main's structured specifics (ui/error-text.ts). */
  errorsWithDetails: {
    ACCOUNT_LOCKED: '连续登录失败次数过多，账号已锁定，请 {{minutes}} 分钟后再试或联系值班长',
    fields: '请检查：{{fields}}',
    inState: '当前状态为「{{state}}」',
  },
  /** Why a field was refused (next to the field). */
  issues: {
    invalid: '{{field}}填写有误',
    required: '请填写{{field}}',
    too_long: '{{field}}过长',
    format: '{{field}}格式不正确',
    taken: '{{field}}已被其他座席使用',
    unreadable: '已保存的{{field}}无法读取，请重新输入',
  } satisfies Record<IssueCode | 'invalid', string>,
  /** The shape main requires of the fields it checks itself (SIP accounts). */
  fieldRules: {
    employeeNo: '工号须为 3–16 位字母或数字',
    server: '服务器须为 ws:// 或 wss:// 开头的地址',
    aor: 'SIP 地址须形如 sip:1001@pbx',
    authUser: '认证用户名须为 1–64 位字母、数字或 . _ + -',
    password: '密码须为 1–128 个字符',
    displayName: '显示名称须为 1–64 个字符，不含引号或控制字符',
  },
  /** Field names, for main's field issues (by the last part of the path). */
  fields: {
    unknown: '输入内容',
    employeeNo: '工号',
    password: '密码',
    server: '服务器',
    aor: 'SIP 地址',
    authUser: '认证用户名',
    displayName: '显示名称',
    name: '姓名',
    phones: '电话',
    province: '省份',
    city: '城市',
    district: '区县',
    address: '详细地址',
    class: '客户类别',
    text: '内容',
    number: '运单号',
    reason: '原因',
    notes: '通话小结',
    disposition: '来电类型',
  },
  close: '关闭',
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
    HANDOVER_REQUIRED:
      'This shift has open items not in the handover book: add them before signing out',
  },
  errorsWithDetails: {
    ACCOUNT_LOCKED:
      'Too many failed attempts; the account is locked. Try again in {{minutes}} min or ask your shift lead',
    fields: 'Please check: {{fields}}',
    inState: 'Current state: {{state}}',
  },
  issues: {
    invalid: '{{field}} is not valid',
    required: 'Enter the {{field}}',
    too_long: '{{field}} is too long',
    format: '{{field}} has the wrong format',
    taken: '{{field}} is already used by another agent',
    unreadable: 'The saved {{field}} cannot be read; enter it again',
  },
  fieldRules: {
    employeeNo: 'The employee number is 3–16 letters or digits',
    server: 'Server must be a ws:// or wss:// address',
    aor: 'SIP address must look like sip:1001@pbx',
    authUser: 'Auth user must be 1–64 letters, digits or . _ + -',
    password: 'Password must be 1–128 characters',
    displayName: 'Display name must be 1–64 characters, without quotes or control characters',
  },
  fields: {
    unknown: 'Input',
    employeeNo: 'Employee number',
    password: 'Password',
    server: 'Server',
    aor: 'SIP address',
    authUser: 'Auth user',
    displayName: 'Display name',
    name: 'Name',
    phones: 'Phone',
    province: 'Province',
    city: 'City',
    district: 'District',
    address: 'Address',
    class: 'Customer class',
    text: 'Text',
    number: 'Waybill number',
    reason: 'Reason',
    notes: 'Call summary',
    disposition: 'Call type',
  },
  close: 'Close',
};

export const commonTexts = { ns: 'common', 'zh-CN': zhCN, en } as const;
