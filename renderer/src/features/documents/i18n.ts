/** The `documents` namespace: printing letters and reports to PDF. */
import type { Texts } from '../../ui/i18n';

const zhCN = {
  print: {
    apology: '生成致歉信（PDF）',
    negotiation: '生成协商函（PDF）',
    shiftReport: '打印值班报告（PDF）',
    busy: '正在生成 PDF…',
    saved: '已生成 {{file}}',
    failed: '未能生成 PDF，请稍后重试；仍失败请联系技术支持',
  },
  letterhead: {
    title: '函件抬头',
    hint: '致歉信、协商函和值班报告的抬头与落款。',
    company: '公司名称（可不填）',
    department: '落款部门',
    hotline: '客服热线',
    address: '地址',
    save: '保存',
    saved: '已保存，之后打印的函件使用新抬头',
    required: '请填写落款部门',
    tooLong: '不能超过 {{max}} 个字',
    hotlineFormat: '客服热线只能包含数字、空格和 + - ( )',
  },
};

const en: Texts<typeof zhCN> = {
  print: {
    apology: 'Apology letter (PDF)',
    negotiation: 'Negotiation letter (PDF)',
    shiftReport: 'Print shift report (PDF)',
    busy: 'Making the PDF…',
    saved: 'Saved {{file}}',
    failed: 'The PDF could not be made; try again, and call support if it keeps failing',
  },
  letterhead: {
    title: 'Letterhead',
    hint: 'The heading and signature of apology and negotiation letters and shift reports.',
    company: 'Company (optional)',
    department: 'Signing department',
    hotline: 'Service hotline',
    address: 'Address',
    save: 'Save',
    saved: 'Saved; documents printed from now on carry it',
    required: 'Enter the signing department',
    tooLong: 'At most {{max}} characters',
    hotlineFormat: 'The hotline may hold digits, spaces and + - ( ) only',
  },
};

export const documentTexts = { ns: 'documents', 'zh-CN': zhCN, en } as const;
