/**
 * The scripts the desk ships with, one per call type of docs/DOMAIN.md §1 plus the generic
 * opening/closing (§9 standard phrases, §6 快递暂行条例 Art. 21 and 28). zh-CN text. Each has a
 * `revision`: raise it when the shipped text changes, so desks that already have the script get
 * the new one (as a new version, or offered to the lead when a lead has edited it; see
 * ../shipped-sync.ts).
 */
import type { Disposition } from '@shared/softphone/call-state';
import type { ScriptDocInput, ScriptKey } from '@shared/scripts/model';
import type { StepInput } from './common';
import { callTypeOptions, closing, hold, identity, opening, waybill } from './common';

export interface ShippedScript {
  revision: number;
  doc: ScriptDocInput;
}

const routeTo: Record<(typeof callTypeOptions)[number], ScriptKey | null> = {
  查件: 'tracking',
  '下单/预约取件': 'order',
  咨询: 'enquiry',
  投诉: 'complaint',
  理赔: 'claim',
  '改址/转寄': 'redirect',
  退回: 'return',
  催派: 'chase_delivery',
  大客户业务: 'key_account',
  其他: null,
};

function script(
  key: ScriptKey,
  title: string,
  required: ScriptDocInput['required'],
  main: StepInput[],
  disposition: Disposition,
): ScriptDocInput {
  return {
    key,
    title,
    required,
    start: 'open_greet',
    steps: [...opening('main'), ...main, ...closing(disposition)],
  };
}

const generic: ScriptDocInput = {
  key: 'generic',
  title: '通用开场与结束',
  required: ['greeting', 'recording_notice', 'closing'],
  start: 'direction',
  steps: [
    {
      id: 'direction',
      kind: 'branch',
      cases: [{ when: [{ on: 'direction', is: 'outbound' }], to: 'out_greet' }],
      otherwise: 'open_greet',
    },
    {
      id: 'out_greet',
      kind: 'checkpoint',
      item: 'greeting',
      title: '外呼开场',
      text: '您好，我是{company}客服，工号{agent.no}，请问是{customer.name}吗？打扰您一分钟时间。',
      next: 'open_record',
    },
    ...opening('need'),
    {
      id: 'need',
      kind: 'ask',
      title: '了解来电需求',
      text: '请问有什么可以帮您？',
      field: { id: 'call_type', type: 'choice', label: '来电类型', options: [...callTypeOptions] },
      next: 'route',
    },
    {
      id: 'route',
      kind: 'branch',
      cases: callTypeOptions.flatMap((option) => {
        const key = routeTo[option];
        return key
          ? [
              {
                when: [
                  { on: 'field' as const, field: 'call_type', op: 'eq' as const, value: option },
                ],
                to: `to_${key}`,
              },
            ]
          : [];
      }),
      otherwise: 'other_note',
    },
    ...callTypeOptions.flatMap((option): StepInput[] => {
      const key = routeTo[option];
      return key ? [{ id: `to_${key}`, kind: 'jump', script: key, to: 'main' }] : [];
    }),
    {
      id: 'other_note',
      kind: 'ask',
      title: '记录诉求',
      text: '好的，请您具体说一下，我为您记录。',
      field: { id: 'summary', type: 'text', label: '来电诉求', hint: '简要记录客户的问题' },
      next: 'other_reply',
    },
    {
      id: 'other_reply',
      kind: 'say',
      title: '答复',
      text: '您反映的问题已经记录，我们会尽快为您处理。',
      next: 'close_more',
    },
    ...closing('other'),
  ],
};

const tracking = script(
  'tracking',
  '查件',
  ['greeting', 'recording_notice', 'identity', 'closing'],
  [
    ...waybill('main', 'identity'),
    identity('identity', 'lookup'),
    {
      id: 'lookup',
      kind: 'branch',
      cases: [{ when: [{ on: 'has_waybill', is: true }], to: 'by_status' }],
      otherwise: 'status_seen',
    },
    {
      id: 'status_seen',
      kind: 'ask',
      title: '查询结果',
      text: '（在查件中输入运单号）系统显示的状态是：',
      field: {
        id: 'status_seen',
        type: 'choice',
        label: '运单状态',
        options: ['运输中', '派送中', '已签收', '疑难件/滞留', '其他'],
      },
      next: 'by_status',
    },
    {
      id: 'by_status',
      kind: 'branch',
      cases: [
        {
          when: [{ on: 'anomaly', in: ['stalled', 'delayed', 'lost', 'awaiting_sender'] }],
          to: 'problem',
        },
        { when: [{ on: 'waybill_status', in: ['STALLED', 'DELIVERY_FAILED'] }], to: 'problem' },
        { when: [{ on: 'waybill_status', in: ['DELIVERED'] }], to: 'delivered' },
        {
          when: [{ on: 'field', field: 'status_seen', op: 'eq', value: '疑难件/滞留' }],
          to: 'problem',
        },
        {
          when: [{ on: 'field', field: 'status_seen', op: 'eq', value: '已签收' }],
          to: 'delivered',
        },
        { when: [{ on: 'has_waybill', is: true }], to: 'normal' },
      ],
      otherwise: 'normal_seen',
    },
    {
      id: 'normal',
      kind: 'say',
      title: '告知状态',
      text: '您的快件 {waybill.number} 目前的状态是：{waybill.status}，预计 {waybill.promised} 送达，请您留意查收。',
      next: 'close_more',
    },
    {
      id: 'normal_seen',
      kind: 'say',
      title: '告知状态',
      text: '您的快件目前的状态是：{field.status_seen}，有新的进展会及时通知您。',
      next: 'close_more',
    },
    {
      id: 'problem',
      kind: 'say',
      title: '疑难件/滞留说明',
      text: '非常抱歉，您的快件 {waybill.number} 目前显示为{waybill.status}，需要联系网点核实具体原因。',
      next: 'problem_hold',
    },
    hold('problem_hold', 'callback'),
    {
      id: 'callback',
      kind: 'ask',
      title: '约定回电时间',
      text: '核实后我们会给您回电，请问您方便接听电话的时间是？',
      field: {
        id: 'callback_at',
        type: 'datetime',
        label: '回电时间',
        hint: '如 2026-12-03 15:00',
      },
      next: 'promise',
    },
    {
      id: 'promise',
      kind: 'checkpoint',
      item: 'callback_promise',
      title: '承诺回电',
      text: '好的，我们会在 {field.callback_at} 前给您回电告知处理结果，请保持电话畅通。',
      next: 'close_more',
    },
    {
      id: 'delivered',
      kind: 'ask',
      title: '已签收核实',
      text: '系统显示您的快件已经签收，请问您收到了吗？',
      field: { id: 'received', type: 'choice', label: '是否收到', options: ['已收到', '未收到'] },
      next: 'delivered_route',
    },
    {
      id: 'delivered_route',
      kind: 'branch',
      cases: [
        { when: [{ on: 'field', field: 'received', op: 'eq', value: '未收到' }], to: 'false_sign' },
      ],
      otherwise: 'close_more',
    },
    {
      id: 'false_sign',
      kind: 'say',
      title: '虚假签收',
      text: '非常抱歉！显示签收但您并未收到，我们将按虚假签收为您登记投诉，并尽快联系派件网点核实。',
      next: 'to_complaint',
    },
    { id: 'to_complaint', kind: 'jump', script: 'complaint', to: 'kind' },
  ],
  'tracking',
);

const order = script(
  'order',
  '下单/预约取件',
  ['greeting', 'recording_notice', 'insurance_rules', 'read_back', 'closing'],
  [
    {
      id: 'main',
      kind: 'ask',
      title: '取件地址',
      text: '好的，为您预约上门取件。请问取件地址是？',
      field: { id: 'pickup_address', type: 'text', label: '取件地址', hint: '省市区 + 详细地址' },
      next: 'item',
    },
    {
      id: 'item',
      kind: 'ask',
      title: '物品',
      text: '请问您寄的是什么物品？（现金、易燃易爆等违禁物品不能收寄）',
      field: { id: 'item', type: 'text', label: '物品名称' },
      next: 'value',
    },
    {
      id: 'value',
      kind: 'ask',
      title: '物品价值',
      text: '请问物品价值大约多少元？贵重物品请如实声明价值。',
      field: { id: 'declared_value', type: 'money', label: '声明价值（元）', hint: '如 2000' },
      next: 'insurance',
    },
    {
      id: 'insurance',
      kind: 'checkpoint',
      item: 'insurance_rules',
      title: '告知保价规则（条例第21条）',
      text: '根据《快递暂行条例》第二十一条，为您说明保价规则：保价快件丢失、损毁按声明价值赔偿，按您声明的价值保价费为 {quote.premium}；未保价的按法律规定及运输条款赔偿，赔偿可能低于实际价值。',
      next: 'insure',
    },
    {
      id: 'insure',
      kind: 'ask',
      title: '是否保价',
      text: '请问您是否需要保价？',
      field: { id: 'insure', type: 'choice', label: '保价', options: ['保价', '不保价'] },
      next: 'receiver',
    },
    {
      id: 'receiver',
      kind: 'ask',
      title: '收件信息',
      text: '请提供收件人的姓名、电话和详细地址。',
      field: { id: 'receiver', type: 'text', label: '收件人信息' },
      fillsWaybill: true,
      next: 'pickup_at',
    },
    {
      id: 'pickup_at',
      kind: 'ask',
      title: '取件时间',
      text: '请问您希望快递员什么时间上门取件？',
      field: { id: 'pickup_at', type: 'datetime', label: '取件时间', hint: '如 2026-12-03 15:00' },
      next: 'read_back',
    },
    {
      id: 'read_back',
      kind: 'checkpoint',
      item: 'read_back',
      title: '复述确认',
      text: '跟您核对一下：取件地址 {field.pickup_address}，物品 {field.item}，声明价值 {field.declared_value}，{field.insure}，收件人 {field.receiver}，取件时间 {field.pickup_at}。请问信息正确吗？',
      next: 'booked',
    },
    {
      id: 'booked',
      kind: 'say',
      title: '预约成功',
      text: '已为您预约成功，快递员上门前会电话联系您，请保持电话畅通。',
      next: 'close_more',
    },
  ],
  'order',
);

const enquiry = script(
  'enquiry',
  '咨询（运费/时效/范围）',
  ['greeting', 'recording_notice', 'closing'],
  [
    {
      id: 'main',
      kind: 'ask',
      title: '咨询内容',
      text: '请问您想咨询哪方面的问题？',
      field: {
        id: 'topic',
        type: 'choice',
        label: '咨询内容',
        options: ['运费', '时效', '收派范围'],
      },
      next: 'topic_route',
    },
    {
      id: 'topic_route',
      kind: 'branch',
      cases: [
        { when: [{ on: 'field', field: 'topic', op: 'eq', value: '收派范围' }], to: 'coverage' },
      ],
      otherwise: 'route',
    },
    {
      id: 'route',
      kind: 'ask',
      title: '寄递路线',
      text: '请问从哪里寄到哪里？物品大约多重？',
      field: { id: 'route', type: 'text', label: '始发地—目的地、重量' },
      next: 'price_or_time',
    },
    {
      id: 'price_or_time',
      kind: 'branch',
      cases: [{ when: [{ on: 'field', field: 'topic', op: 'eq', value: '运费' }], to: 'price' }],
      otherwise: 'time',
    },
    {
      id: 'price',
      kind: 'say',
      title: '报价',
      text: '{field.route}：按价目表首重及续重为您报价（以快递员揽收时称重为准）。如需保价，保价费另计。',
      next: 'close_more',
    },
    {
      id: 'time',
      kind: 'say',
      title: '时效',
      text: '{field.route}：正常情况下预计时效请以系统查询为准，节假日及天气原因可能会有延误。',
      next: 'close_more',
    },
    {
      id: 'coverage',
      kind: 'ask',
      title: '地址',
      text: '请问您要寄往或取件的详细地址是？',
      field: { id: 'address', type: 'text', label: '地址' },
      next: 'coverage_say',
    },
    {
      id: 'coverage_say',
      kind: 'say',
      title: '收派范围',
      text: '{field.address}：我为您查询该地址是否在收派范围内；偏远地区可能需要到网点自取。',
      next: 'close_more',
    },
  ],
  'enquiry',
);

const complaint = script(
  'complaint',
  '投诉',
  ['greeting', 'recording_notice', 'identity', 'callback_promise', 'closing'],
  [
    {
      id: 'main',
      kind: 'say',
      title: '致歉',
      text: '非常抱歉给您带来了不好的体验，请您详细说一下情况，我来为您记录。',
      next: 'kind',
    },
    {
      id: 'kind',
      kind: 'ask',
      title: '投诉类型',
      text: '请问您要投诉的是哪一类问题？',
      field: {
        id: 'complaint_type',
        type: 'choice',
        label: '投诉类型',
        options: ['延误', '丢失/短少', '破损', '虚假签收', '服务态度', '其他'],
      },
      next: 'complaint_identity',
    },
    identity('complaint_identity', 'detail'),
    {
      id: 'detail',
      kind: 'ask',
      title: '投诉内容',
      text: '请您描述一下具体情况（时间、地点、经过）。',
      field: { id: 'complaint_detail', type: 'text', label: '投诉内容' },
      next: 'contact',
    },
    {
      id: 'contact',
      kind: 'ask',
      title: '联系电话',
      text: '请问处理结果通过哪个电话联系您？',
      field: { id: 'contact_phone', type: 'phone', label: '联系电话' },
      next: 'registered',
    },
    {
      id: 'registered',
      kind: 'checkpoint',
      item: 'callback_promise',
      title: '承诺答复时限',
      text: '您的投诉已经登记，我们会在 7 日内处理并电话答复您。',
      next: 'claim_offer',
    },
    {
      id: 'claim_offer',
      kind: 'branch',
      cases: [
        {
          when: [{ on: 'field', field: 'complaint_type', op: 'eq', value: '丢失/短少' }],
          to: 'to_claim_ask',
        },
        {
          when: [{ on: 'field', field: 'complaint_type', op: 'eq', value: '破损' }],
          to: 'to_claim_ask',
        },
      ],
      otherwise: 'appeal',
    },
    {
      id: 'to_claim_ask',
      kind: 'ask',
      title: '转理赔',
      text: '快件丢失或破损可以申请理赔，需要现在为您登记理赔吗？',
      field: {
        id: 'to_claim',
        type: 'choice',
        label: '是否理赔',
        options: ['登记理赔', '暂不需要'],
      },
      next: 'to_claim_route',
    },
    {
      id: 'to_claim_route',
      kind: 'branch',
      cases: [
        { when: [{ on: 'field', field: 'to_claim', op: 'eq', value: '登记理赔' }], to: 'to_claim' },
      ],
      otherwise: 'appeal',
    },
    { id: 'to_claim', kind: 'jump', script: 'claim', to: 'main' },
    {
      id: 'appeal',
      kind: 'say',
      title: '申诉渠道',
      text: '如您对处理结果不满意，可以拨打邮政业用户申诉电话 12305 进行申诉。',
      next: 'close_more',
    },
  ],
  'complaint',
);

const claim = script(
  'claim',
  '理赔',
  ['greeting', 'recording_notice', 'identity', 'callback_promise', 'closing'],
  [
    identity('main', 'claim_wb', '理赔需要核实寄件人身份，请提供寄件人姓名及手机号后四位。'),
    ...waybill('claim_wb', 'claim_kind'),
    {
      id: 'claim_kind',
      kind: 'ask',
      title: '理赔原因',
      text: '请问快件是什么情况？',
      field: {
        id: 'claim_kind',
        type: 'choice',
        label: '理赔原因',
        options: ['丢失', '破损', '内件短少', '延误'],
      },
      next: 'insured',
    },
    {
      id: 'insured',
      kind: 'ask',
      title: '是否保价',
      text: '（查看运单详情）这票快件寄出时是否保价？',
      field: { id: 'insured', type: 'choice', label: '保价', options: ['已保价', '未保价'] },
      next: 'insured_route',
    },
    {
      id: 'insured_route',
      kind: 'branch',
      cases: [
        {
          when: [{ on: 'field', field: 'insured', op: 'eq', value: '已保价' }],
          to: 'rule_insured',
        },
      ],
      otherwise: 'rule_uninsured',
    },
    {
      id: 'rule_insured',
      kind: 'say',
      title: '保价件赔偿',
      text: '您的快件已保价，将按保价规则赔偿：丢失或全损按声明价值赔偿，部分损失按比例赔偿。',
      next: 'amount',
    },
    {
      id: 'rule_uninsured',
      kind: 'say',
      title: '未保价件赔偿',
      text: '您的快件未保价，将按相关法律规定及运输条款赔偿，赔偿金额可能低于物品实际价值。',
      next: 'amount',
    },
    {
      id: 'amount',
      kind: 'ask',
      title: '索赔金额',
      text: '请问您的索赔金额是多少元？',
      field: { id: 'claim_amount', type: 'money', label: '索赔金额（元）' },
      next: 'evidence',
    },
    {
      id: 'evidence',
      kind: 'say',
      title: '理赔材料',
      text: '请准备好物品价值凭证（如购物发票）和外包装、物品的照片，理赔专员会联系您收取。',
      next: 'claim_promise',
    },
    {
      id: 'claim_promise',
      kind: 'checkpoint',
      item: 'callback_promise',
      title: '承诺回复时限',
      text: '理赔申请已登记，理赔专员会在 3 个工作日内与您联系。',
      next: 'close_more',
    },
  ],
  'claim',
);

const redirect = script(
  'redirect',
  '改址/转寄',
  ['greeting', 'recording_notice', 'identity', 'closing'],
  [
    identity('main', 'rd_wb', '改址需要核实寄件人身份，请提供寄件人姓名及手机号后四位。'),
    ...waybill('rd_wb', 'rd_status'),
    {
      id: 'rd_status',
      kind: 'branch',
      cases: [
        {
          when: [{ on: 'waybill_status', in: ['DELIVERED', 'RETURNED', 'CANCELLED'] }],
          to: 'rd_closed',
        },
      ],
      otherwise: 'new_address',
    },
    {
      id: 'rd_closed',
      kind: 'say',
      title: '无法改址',
      text: '非常抱歉，您的快件目前状态为{waybill.status}，已无法改址或转寄。',
      next: 'close_more',
    },
    {
      id: 'new_address',
      kind: 'ask',
      title: '新地址',
      text: '请提供新的收件地址及收件人电话。',
      field: { id: 'new_address', type: 'text', label: '新地址' },
      next: 'rd_fee',
    },
    {
      id: 'rd_fee',
      kind: 'ask',
      title: '费用确认',
      text: '改址或转寄可能产生额外运费，并可能延长送达时间，请问您是否同意？',
      field: { id: 'fee_ok', type: 'choice', label: '是否同意', options: ['同意', '不同意'] },
      next: 'rd_route',
    },
    {
      id: 'rd_route',
      kind: 'branch',
      cases: [
        { when: [{ on: 'field', field: 'fee_ok', op: 'eq', value: '同意' }], to: 'rd_read_back' },
      ],
      otherwise: 'rd_keep',
    },
    {
      id: 'rd_read_back',
      kind: 'checkpoint',
      item: 'read_back',
      title: '复述确认',
      text: '跟您核对一下，新的收件地址为：{field.new_address}，请问正确吗？',
      next: 'rd_done',
    },
    {
      id: 'rd_done',
      kind: 'say',
      title: '已提交',
      text: '改址申请已提交网点，处理结果会短信通知您。',
      next: 'close_more',
    },
    {
      id: 'rd_keep',
      kind: 'say',
      title: '按原地址派送',
      text: '好的，快件将按原地址继续派送。',
      next: 'close_more',
    },
  ],
  'redirect',
);

const returns = script(
  'return',
  '退回',
  ['greeting', 'recording_notice', 'identity', 'closing'],
  [
    identity('main', 'rt_wb', '退回需要核实寄件人身份，请提供寄件人姓名及手机号后四位。'),
    ...waybill('rt_wb', 'rt_status'),
    {
      id: 'rt_status',
      kind: 'branch',
      cases: [{ when: [{ on: 'waybill_status', in: ['DELIVERED'] }], to: 'rt_delivered' }],
      otherwise: 'rt_reason',
    },
    {
      id: 'rt_delivered',
      kind: 'say',
      title: '已签收',
      text: '您的快件已经签收，无法办理退回；如需寄回，请与收件人协商后重新下单。',
      next: 'close_more',
    },
    {
      id: 'rt_reason',
      kind: 'ask',
      title: '退回原因',
      text: '请问退回的原因是？',
      field: {
        id: 'return_reason',
        type: 'choice',
        label: '退回原因',
        options: ['寄件人要求退回', '收件人拒收', '地址错误', '其他'],
      },
      next: 'rt_fee',
    },
    {
      id: 'rt_fee',
      kind: 'say',
      title: '退回说明',
      text: '退回运费一般由寄件人承担，网点会在 2 个工作日内安排退回，退回后短信通知您。',
      next: 'close_more',
    },
  ],
  'return',
);

const chase = script(
  'chase_delivery',
  '催派',
  ['greeting', 'recording_notice', 'identity', 'callback_promise', 'closing'],
  [
    ...waybill('main', 'cd_identity'),
    identity('cd_identity', 'cd_flags'),
    {
      id: 'cd_flags',
      kind: 'branch',
      cases: [
        {
          when: [
            {
              on: 'anomaly',
              in: ['stalled', 'delayed', 'awaiting_sender', 'storage_limit', 'lost'],
            },
          ],
          to: 'cd_problem',
        },
      ],
      otherwise: 'cd_normal',
    },
    {
      id: 'cd_problem',
      kind: 'say',
      title: '异常说明',
      text: '非常抱歉，您的快件 {waybill.number} 目前显示为{waybill.status}，已超出正常时效，我马上为您催促网点处理。',
      next: 'cd_hold',
    },
    hold('cd_hold', 'cd_callback'),
    {
      id: 'cd_normal',
      kind: 'say',
      title: '催派登记',
      text: '您的快件目前状态为{waybill.status}，预计 {waybill.promised} 送达，我们会通知派送网点尽快为您派送。',
      next: 'cd_callback',
    },
    {
      id: 'cd_callback',
      kind: 'ask',
      title: '约定回电时间',
      text: '催派结果我们会给您回电，请问您方便接听电话的时间是？',
      field: {
        id: 'callback_at',
        type: 'datetime',
        label: '回电时间',
        hint: '如 2026-12-03 15:00',
      },
      next: 'cd_promise',
    },
    {
      id: 'cd_promise',
      kind: 'checkpoint',
      item: 'callback_promise',
      title: '承诺回电',
      text: '已为您登记催派，我们会在 {field.callback_at} 前回电告知处理结果，请保持电话畅通。',
      next: 'close_more',
    },
  ],
  'chase_delivery',
);

const keyAccount = script(
  'key_account',
  '大客户',
  ['greeting', 'recording_notice', 'identity', 'closing'],
  [
    {
      id: 'main',
      kind: 'branch',
      cases: [{ when: [{ on: 'key_account', is: true }], to: 'ka_known' }],
      otherwise: 'ka_ask',
    },
    {
      id: 'ka_known',
      kind: 'say',
      title: '大客户问候',
      text: '{customer.name}您好，感谢贵司的长期合作，大客户专线为您服务（客户等级 {customer.class}）。',
      next: 'ka_identity',
    },
    {
      id: 'ka_ask',
      kind: 'ask',
      title: '客户编号',
      text: '请问贵司的客户编号或合同编号是？',
      field: { id: 'account_no', type: 'text', label: '客户编号/合同号' },
      next: 'ka_identity',
    },
    identity(
      'ka_identity',
      'ka_need',
      '请问您的姓名和在贵司的职务？我们核实对接人信息后为您办理。',
    ),
    {
      id: 'ka_need',
      kind: 'ask',
      title: '业务需求',
      text: '请问今天需要办理什么业务？',
      field: {
        id: 'ka_need',
        type: 'choice',
        label: '业务需求',
        options: ['批量下单', '对账/账单', '运价协议', '投诉处理', '其他'],
      },
      next: 'ka_route',
    },
    {
      id: 'ka_route',
      kind: 'branch',
      cases: [
        { when: [{ on: 'field', field: 'ka_need', op: 'eq', value: '批量下单' }], to: 'ka_order' },
        {
          when: [{ on: 'field', field: 'ka_need', op: 'eq', value: '投诉处理' }],
          to: 'ka_complaint',
        },
      ],
      otherwise: 'ka_detail',
    },
    { id: 'ka_order', kind: 'jump', script: 'order', to: 'main' },
    { id: 'ka_complaint', kind: 'jump', script: 'complaint', to: 'main' },
    {
      id: 'ka_detail',
      kind: 'ask',
      title: '需求记录',
      text: '请您具体说明一下需求，我为您记录并转交大客户经理。',
      field: { id: 'ka_detail', type: 'text', label: '需求内容' },
      next: 'ka_handover',
    },
    {
      id: 'ka_handover',
      kind: 'say',
      title: '转交经理',
      text: '已为您记录，大客户经理会在 1 个工作日内与您联系。',
      next: 'close_more',
    },
  ],
  'key_account',
);

/** Every shipped script, by key. */
export const shippedScripts: Record<ScriptKey, ShippedScript> = {
  generic: { revision: 1, doc: generic },
  tracking: { revision: 1, doc: tracking },
  order: { revision: 1, doc: order },
  enquiry: { revision: 1, doc: enquiry },
  complaint: { revision: 1, doc: complaint },
  claim: { revision: 1, doc: claim },
  redirect: { revision: 1, doc: redirect },
  return: { revision: 1, doc: returns },
  chase_delivery: { revision: 1, doc: chase },
  key_account: { revision: 1, doc: keyAccount },
};
