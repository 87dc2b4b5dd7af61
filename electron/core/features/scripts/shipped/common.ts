/**
 * The pieces every shipped script is built from: the standard opening and closing
 * (docs/DOMAIN.md §9), hold etiquette, the identity check and the waybill confirmation. Each
 * script document stays self-contained (a lead edits one script without touching the others); the
 * shared text lives here once.
 */
import type { Disposition } from '@shared/softphone/call-state';
import type { ScriptDocInput } from '@shared/scripts/model';

export type StepInput = ScriptDocInput['steps'][number];

export const callTypeOptions = [
  '查件',
  '下单/预约取件',
  '咨询',
  '投诉',
  '理赔',
  '改址/转寄',
  '退回',
  '催派',
  '大客户业务',
  '其他',
] as const;

/** 开场: greeting with company and 工号 (§9), then the recording notice. */
export function opening(next: string): StepInput[] {
  return [
    {
      id: 'open_greet',
      kind: 'checkpoint',
      item: 'greeting',
      title: '开场问候',
      text: '您好，{company}，工号{agent.no}，很高兴为您服务。',
      next: 'open_record',
    },
    {
      id: 'open_record',
      kind: 'checkpoint',
      item: 'recording_notice',
      title: '录音告知',
      text: '为了保障服务质量，本次通话将会被录音，请您知悉。',
      next,
    },
  ];
}

/**
 * 结束: "anything else?" — more: back to the generic script's question (the caller's next
 * request); no: the closing phrase and the end with this script's disposition.
 */
export function closing(disposition: Disposition): StepInput[] {
  return [
    {
      id: 'close_more',
      kind: 'ask',
      title: '是否还有其他问题',
      text: '请问还有其他可以帮您的吗？',
      field: { id: 'more', type: 'choice', label: '其他问题', options: ['没有了', '还有其他问题'] },
      next: 'close_route',
    },
    {
      id: 'close_route',
      kind: 'branch',
      cases: [
        {
          when: [{ on: 'field', field: 'more', op: 'eq', value: '还有其他问题' }],
          to: 'close_again',
        },
      ],
      otherwise: 'close_bye',
    },
    { id: 'close_again', kind: 'jump', script: 'generic', to: 'need' },
    {
      id: 'close_bye',
      kind: 'checkpoint',
      item: 'closing',
      title: '结束语',
      text: '感谢您的来电，祝您生活愉快，再见。',
      next: 'close_end',
    },
    { id: 'close_end', kind: 'end', text: '通话结束，请完成话后小结。', disposition },
  ];
}

/** 核实身份: nothing about a parcel or a person before this (docs/DOMAIN.md §1). */
export function identity(id: string, next: string, text?: string): StepInput {
  return {
    id,
    kind: 'checkpoint',
    item: 'identity',
    title: '核实身份',
    text:
      text ??
      '为保护您的信息安全，请问您是寄件人还是收件人？请提供对应手机号的后四位，核实后为您查询。',
    next,
  };
}

/** 等待礼仪: ask, say how long, thank on return (§9). */
export function hold(id: string, next: string): StepInput {
  return {
    id,
    kind: 'checkpoint',
    item: 'hold_etiquette',
    title: '等待礼仪',
    text: '需要查询时先征得同意："请您稍等，大约需要两分钟为您核实，可以吗？" 回来后："感谢您的耐心等待。"',
    next,
  };
}

/**
 * The waybill: confirm the one the screen pop found, else ask for it. Both lead to `next`; the
 * asked number is captured as `waybill_no`. The first step's id is `prefix`.
 */
export function waybill(prefix: string, next: string): StepInput[] {
  return [
    {
      id: prefix,
      kind: 'branch',
      cases: [{ when: [{ on: 'has_waybill', is: true }], to: `${prefix}_confirm` }],
      otherwise: `${prefix}_ask`,
    },
    {
      id: `${prefix}_confirm`,
      kind: 'say',
      title: '确认运单',
      text: '请问您要办理的是运单号 {waybill.number} 的快件吗？',
      next,
    },
    {
      id: `${prefix}_ask`,
      kind: 'ask',
      title: '询问运单号',
      text: '请您提供一下运单号，我来为您查询。',
      field: { id: 'waybill_no', type: 'waybill', label: '运单号', hint: '如 SF1234567890123' },
      next,
    },
  ];
}
