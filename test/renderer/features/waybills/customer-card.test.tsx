import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CallView, ScreenPop, SoftphoneView, WaybillDetail } from '@shared/contract';
import type { FakeApi } from '../../fake-api';
import { baseHandlers, createFakeApi, idlePhone } from '../../fake-api';
import { renderDesk, signedInSession } from '../../fixtures';
import { seedFacts } from '../../../helpers/complaints';

/**
 * The caller's card on a ringing call shows their recent parcels — status and problem flags in
 * the agent's language, phone numbers in scan notes masked — and one key each opens the detail.
 */
const anomaly = (kind: 'stalled' | 'awaiting_sender', expired: boolean) => ({
  kind,
  since: Date.UTC(2026, 10, 20, 6),
  deadline: Date.now() + (expired ? -3_600_000 : 7_200_000),
  remainingMs: expired ? -3_600_000 : 7_200_000,
  expired,
  estimated: false,
  reportBy: Date.now() + 86_400_000 * 20,
  reportWindowClosed: false,
});

const parcel = (n: number, extra: Partial<ScreenPop['waybills'][number]> = {}) => ({
  id: `w${n}`,
  number: `SF12345678901${n}`,
  carrier: 'SF' as const,
  status: 'IN_TRANSIT' as const,
  originCity: '深圳市',
  destCity: '杭州市',
  senderName: '王芳',
  receiverName: '李娜',
  createdAt: Date.UTC(2026, 10, 18),
  promisedAt: Date.UTC(2026, 10, 20),
  lastEventAt: Date.UTC(2026, 10, 20, 6),
  lastEventText: '【杭州市】运输中',
  anomalies: [],
  ...extra,
});

const pop: ScreenPop = {
  number: '13912345678',
  customers: [
    { id: 'cu1', name: '王芳', company: null, class: 'A', keyAccountTier: null, city: '深圳市' },
  ],
  waybills: [
    parcel(1, {
      status: 'DELIVERY_FAILED',
      lastEventText: '【杭州市】派件未成功，派件员 13987654321 联系不上收件人',
      anomalies: [anomaly('awaiting_sender', false), anomaly('stalled', true)],
    }),
    parcel(2, { status: 'DELIVERED', lastEventText: '已签收，代收点电话 0571-88776655' }),
    parcel(3),
    parcel(4),
    parcel(5),
  ],
  lastContacts: [
    {
      at: Date.UTC(2026, 10, 21, 2),
      direction: 'inbound',
      disposition: 'legacy_complaint_code',
      agentName: '李娜',
      answered: true,
      outcome: 'answered',
    },
  ],
};

const ringing: CallView = {
  id: 'c1',
  direction: 'inbound',
  remoteNumber: '13912345678',
  remoteName: null,
  customerId: 'cu1',
  phase: 'offering',
  remoteRinging: false,
  hold: 'none',
  muted: false,
  transfer: { kind: 'none', target: null, phase: null, talkingTo: null },
  transferNote: null,
  reconnecting: false,
  offeredAt: Date.now(),
  answeredAt: null,
  holdSince: null,
  ringDeadline: Date.now() + 60_000,
  endedAt: null,
  cause: null,
  hungUpBy: null,
  dtmfSent: '',
  remoteHold: false,
  remoteHoldSince: null,
  silence: null,
  sessionTimer: null,
};

function detailOf(number: string): WaybillDetail {
  const row = pop.waybills.find((w) => w.number === number)!;
  const { anomalies, ...rest } = row;
  return {
    waybill: {
      ...rest,
      senderPhoneMasked: '138****5678',
      receiverPhoneMasked: '139****0000',
      senderAddress: '广东省深圳市南山区科技路1号',
      receiverAddress: '浙江省杭州市西湖区文化路12号',
      serviceType: '标准快递',
      itemDescription: '手机',
      weightG: 800,
      declaredValueFen: null,
      insured: false,
      freightFen: 2300,
    },
    events: [],
    anomalies,
    notes: [],
    asOf: null,
    source: 'mirror',
  };
}

async function ring(
  language: 'zh-CN' | 'en' = 'zh-CN',
): Promise<{ api: FakeApi; card: HTMLElement }> {
  const api = createFakeApi({
    ...baseHandlers,
    'auth.session': () => signedInSession({ status: 'ringing' }),
    'waybill.get': ({ number }) => detailOf(number),
  });
  renderDesk(api, language);
  await screen.findByRole('status', { name: language === 'en' ? 'Agent state' : '座席状态' });
  const phone: SoftphoneView = { ...idlePhone, call: ringing };
  act(() => api.emit('softphone.changed', phone));
  act(() => api.emit('screenPop.ready', { callId: 'c1', pop }));
  const card = await screen.findByRole('region', {
    name: language === 'en' ? 'Caller' : '来电客户',
  });
  return { api, card };
}

/** A button by its accessible name (aria-label): getByRole over the whole console is slow in jsdom. */
function button(scope: HTMLElement, name: string): HTMLButtonElement {
  const found = scope.querySelector<HTMLButtonElement>(`button[aria-label="${name}"]`);
  if (!found) throw new Error(`no button named ${name}`);
  return found;
}

const opened = (api: FakeApi) =>
  api.calls
    .filter((c) => c.name === 'waybill.get')
    .map((c) => (c.args as { number: string }).number);

describe('the caller’s card: recent parcels', () => {
  it('lists each parcel with its status, route and problem flags, phone numbers masked', async () => {
    const { card } = await ring();
    const list = within(card).getByText('最近包裹').closest('.ant-list') as HTMLElement;
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(5);
    // The caller's number is masked on the card's title too.
    expect(card.textContent).toContain('来电客户 139****5678');
    expect(card.textContent).not.toContain('13912345678');
    expect(items[0]!.textContent).toContain('SF123456789011');
    expect(items[0]!.textContent).toContain('派送未成功');
    expect(items[0]!.textContent).toContain('深圳市 → 杭州市');
    expect(items[0]!.textContent).toContain('无法派送，待寄件人答复');
    expect(items[0]!.textContent).toContain('长时间未更新');
    expect(items[0]!.textContent).toContain('派件员 139****4321');
    expect(items[1]!.textContent).toContain('已签收');
    expect(items[1]!.textContent).toContain('057****6655');
    // No full phone number anywhere in the list, no internal identifiers.
    expect(list.textContent).not.toMatch(/13987654321|88776655|DELIVERY_FAILED|awaiting_sender/);
    // A call type the console does not know reads as such, never as the stored code.
    expect(card.textContent).not.toContain('legacy_complaint_code');
    expect(card.textContent).toContain('其他类型');
  });

  it('opens a parcel’s detail by its key (Alt+1…Alt+5), shown on the control and in its name', async () => {
    const user = userEvent.setup();
    const { api, card } = await ring();
    const second = button(card, '打开运单 SF123456789012 Alt+2');
    expect(second.getAttribute('aria-keyshortcuts')).toBe('Alt+2');
    expect(second.textContent).toContain('Alt+2');
    await user.keyboard('{Alt>}2{/Alt}');
    expect(opened(api)).toEqual(['SF123456789012']);
    await user.keyboard('{Alt>}5{/Alt}');
    await user.click(button(card, '打开运单 SF123456789011 Alt+1'));
    expect(opened(api)).toEqual(['SF123456789012', 'SF123456789015', 'SF123456789011']);
    // The detail opens (the drawer shows the waybill).
    await screen.findByRole('dialog');
    expect(document.body.textContent?.match(/SF123456789011/g)?.length).toBeGreaterThan(1);
  });

  it('speaks English, statuses and flags included', async () => {
    const { card } = await ring('en');
    const list = within(card).getByText('Recent parcels').closest('.ant-list') as HTMLElement;
    expect(button(card, 'Open waybill SF123456789011 Alt+1').textContent).toContain('Alt+1');
    expect(list.textContent).not.toMatch(/DELIVERY_FAILED|awaiting_sender|IN_TRANSIT/);
  });

  it('a customer without parcels says so', async () => {
    const api = createFakeApi({
      ...baseHandlers,
      'auth.session': () => signedInSession({ status: 'ringing' }),
    });
    renderDesk(api);
    await screen.findByRole('status', { name: '座席状态' });
    act(() => api.emit('softphone.changed', { ...idlePhone, call: ringing }));
    act(() => api.emit('screenPop.ready', { callId: 'c1', pop: { ...pop, waybills: [] } }));
    const card = await screen.findByRole('region', { name: '来电客户' });
    expect(card.textContent).toContain('暂无运单');
    expect(card.querySelector('button[aria-keyshortcuts^="Alt+"]')).toBeNull();
  });
});

describe('the caller’s card: open complaints', () => {
  const ticketOf = (
    over: Partial<NonNullable<ScreenPop['openTickets']>[number]>,
  ): NonNullable<ScreenPop['openTickets']>[number] => ({
    id: 'tk-internal-1',
    number: 'TS202611220001',
    type: 'damage',
    severity: 'major',
    customerName: '王芳',
    waybillNumbers: ['SF123456789011'],
    owner: { employeeNo: '1003', name: '钱七' },
    step: 'register',
    escalatedTo: null,
    watchList: false,
    receivedAt: Date.UTC(2026, 10, 20, 2),
    closedAt: null,
    nextClock: 'report_hq',
    nextDueAt: Date.UTC(2026, 10, 21, 2),
    nextEstimated: false,
    overdue: true,
    ...over,
  });

  it('shows whose each is, its type, severity and next clock (overdue said); the number opens it', async () => {
    const user = userEvent.setup();
    const first = ticketOf({});
    const second = ticketOf({
      id: 'tk-internal-2',
      number: 'TS202611220002',
      type: 'delay',
      severity: 'ordinary',
      owner: { employeeNo: '1001', name: '张伟' },
      nextClock: 'investigate',
      nextDueAt: Date.UTC(2026, 10, 25, 2),
      overdue: false,
    });
    const api = createFakeApi({
      ...baseHandlers,
      'auth.session': () => signedInSession({ status: 'ringing' }),
      'complaints.get': ({ id }) => {
        if (id !== first.id) throw new Error(`unexpected ticket ${id}`);
        return {
          ...first,
          stepsDone: ['register' as const],
          callId: null,
          customerId: 'cu1',
          form: {
            customerName: '王芳',
            requestText: '赔偿',
            packaging: 'ours' as const,
            description: '破损',
            watchList: false,
            cause: 'unknown' as const,
            incidentAt: null,
            facts: { ...seedFacts, requestedFen: null, weightKg: 1 },
          },
          compensation: { payableFen: 2000, exclusion: null, steps: [], requestedFen: null },
          paidFen: null,
          incidentAt: first.receivedAt,
          clocks: [],
          events: [],
          attachments: [],
          editable: false,
        };
      },
    });
    renderDesk(api);
    await screen.findByRole('status', { name: '座席状态' });
    act(() => api.emit('softphone.changed', { ...idlePhone, call: ringing }));
    act(() =>
      api.emit('screenPop.ready', { callId: 'c1', pop: { ...pop, openTickets: [first, second] } }),
    );
    const card = await screen.findByRole('region', { name: '来电客户' });
    // (getByRole over the whole console is slow in jsdom.)
    const section = card.querySelector<HTMLElement>('section[aria-label="该客户的未结投诉"]');
    if (!section) throw new Error('no open complaints on the card');
    const items = [...section.querySelectorAll<HTMLElement>('.ant-list-item')];
    expect(items).toHaveLength(2);
    expect(items[0]!.textContent).toContain('首问：钱七（1003）');
    expect(items[0]!.textContent).toContain('破损');
    expect(items[0]!.textContent).toContain('重大');
    expect(items[0]!.textContent).toContain('上报总公司（24小时）');
    expect(items[0]!.textContent).toContain('已超时');
    expect(items[1]!.textContent).toContain('首问：张伟（1001）');
    expect(items[1]!.textContent).toContain('延误');
    expect(items[1]!.textContent).not.toContain('已超时');
    // No internal ids or codes on screen.
    expect(section.textContent).not.toMatch(/tk-internal|report_hq|damage|major/);
    await user.click(button(section, 'TS202611220001 王芳'));
    expect(api.calls.find((c) => c.name === 'complaints.get')?.args).toEqual({ id: first.id });
    expect(await screen.findByText('投诉工单 TS202611220001')).toBeTruthy();
  });

  it('a caller without open tickets shows no such section', async () => {
    const { card } = await ring();
    expect(card.textContent).toContain('最近包裹');
    expect(card.querySelector('section[aria-label="该客户的未结投诉"]')).toBeNull();
  });
});
