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
};

export const documentTexts = { ns: 'documents', 'zh-CN': zhCN, en } as const;
