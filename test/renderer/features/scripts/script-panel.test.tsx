import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CallView, SoftphoneView } from '@shared/contract';
import { ContractError } from '@shared/common/errors';
import type { RunView } from '@shared/scripts/contract';
import type { RunContext } from '@shared/scripts/context';
import type { CallEvidence } from '@shared/scripts/evidence';
import { applyEvidence, confirmHoldPhrases, noEvidence } from '@shared/scripts/evidence';
import type { Catalog, ScriptKey, ScriptVersion } from '@shared/scripts/model';
import { scriptDocSchema, scriptKeys } from '@shared/scripts/model';
import { advance, openCheckpoints, startRun } from '@shared/scripts/run';
import { shippedScripts } from '../../../../electron/core/features/scripts/shipped/scripts';
import type { FakeApi } from '../../fake-api';
import { baseHandlers, createFakeApi, idlePhone } from '../../fake-api';
import { renderDesk, signedInSession } from '../../fixtures';

const now = Date.now();
const catalog: Catalog = Object.fromEntries(
  scriptKeys.map((k) => [k, scriptDocSchema.parse(shippedScripts[k].doc)]),
);
const published: ScriptVersion[] = scriptKeys.map((key) => ({
  key,
  version: 1,
  doc: catalog[key]!,
  note: '出厂话术',
  source: 'shipped',
  publishedAt: now,
  publishedBy: null,
}));

const call: CallView = {
  id: 'c1',
  direction: 'inbound',
  remoteNumber: '13912345678',
  remoteName: '王芳',
  customerId: 'cu1',
  phase: 'active',
  remoteRinging: false,
  hold: 'none',
  muted: false,
  transfer: { kind: 'none', target: null, phase: null, talkingTo: null },
  transferNote: null,
  reconnecting: false,
  offeredAt: now,
  answeredAt: now,
  holdSince: null,
  ringDeadline: null,
  endedAt: null,
  cause: null,
  hungUpBy: null,
  dtmfSent: '',
  remoteHold: false,
  remoteHoldSince: null,
  silence: null,
  sessionTimer: null,
};
const phoneWith = (c: Partial<CallView>): SoftphoneView => ({
  ...idlePhone,
  call: { ...call, ...c },
});

const context: RunContext = {
  company: '示例速递',
  agent: { employeeNo: '1001', name: '张伟' },
  call: { direction: 'inbound', number: '13912345678' },
  customer: { name: '王芳', class: 'B', keyAccountTier: null },
  waybill: {
    number: 'SF1234567890123',
    status: 'STALLED',
    promisedAt: null,
    anomalies: ['stalled'],
  },
  insurance: { rateBp: 50, minPremiumFen: 100 },
  timeZone: 'Asia/Shanghai',
};

/** main's side of the call's run, with the real engine and the shipped scripts. */
function mainRuns(start: ScriptKey = 'chase_delivery') {
  let view: RunView | null = null;
  // What the call proves (holds, orders): main reads it from the softphone and orders features.
  let evidence: CallEvidence = noEvidence;
  const make = (engine: RunView['run']): RunView => {
    const run = applyEvidence(engine, evidence);
    return {
      callId: 'c1',
      startedWith: { key: start, version: 1 },
      pinned: Object.fromEntries(scriptKeys.map((k) => [k, 1])),
      doc: catalog[run.script]!,
      context,
      run,
      open: openCheckpoints(run),
      closedAt: null,
      openReason: null,
      evidence,
    };
  };
  return {
    get view() {
      return view;
    },
    setEvidence(e: CallEvidence) {
      evidence = e;
    },
    handlers: {
      'scripts.run': () => (view ? (view = make(view.run)) : null),
      'scripts.holdEtiquette': ({ phrases }: { phrases: ('ask' | 'wait' | 'thanks')[] }) => {
        const r = confirmHoldPhrases(view!.run.hold, evidence.holds, phrases);
        if (!r.ok)
          throw new ContractError('BAD_ARGUMENT', 'refused', [
            { path: 'phrases', message: r.error },
          ]);
        return (view = make({ ...view!.run, hold: r.etiquette }));
      },
      'scripts.start': ({ script }: { script?: ScriptKey }) => {
        if (view) return view;
        const r = startRun(catalog, script ?? start, context);
        if (!r.ok) throw new Error(r.error);
        return (view = make(r.state));
      },
      'scripts.act': ({ action }: { action: Parameters<typeof advance>[1] }) => {
        const r = advance(view!.run, action, catalog, context);
        if (!r.ok)
          throw new ContractError('BAD_ARGUMENT', 'refused', [
            { path: 'action', message: r.error },
          ]);
        return (view = make(r.state));
      },
      'scripts.close': ({ reason }: { reason?: string }) => {
        if (view!.open.length > 0 && !reason)
          throw new ContractError('BAD_ARGUMENT', 'x', [
            { path: 'reason', message: 'reason_required' },
          ]);
        return (view = { ...view!, closedAt: Date.now(), openReason: reason ?? null });
      },
    },
  };
}

async function setup(language: 'zh-CN' | 'en' = 'zh-CN', start?: ScriptKey) {
  const main = mainRuns(start);
  const api = createFakeApi({
    ...baseHandlers,
    'auth.session': () => signedInSession({ status: 'ready' }, now),
    'scripts.published': () => published,
    ...main.handlers,
  });
  const store = renderDesk(api, language);
  await screen.findByRole('region', { name: language === 'en' ? 'Call script' : '话术' });
  await screen.findByText(language === 'en' ? 'Start practice' : '开始练习');
  return { api, main, store };
}
const sent = (api: FakeApi, name: string) => api.calls.filter((c) => c.name === name);
const text = () => screen.getByTestId('script-text').textContent;
/** One of the alerts on screen says `words` (other features may show theirs beside it). */
const alertSaying = (words: string) =>
  waitFor(() =>
    expect(screen.getAllByRole('alert').some((a) => a.textContent?.includes(words))).toBe(true),
  );

describe('script panel during a call', () => {
  it('starts the suggested script on answer with the call filled in, and is driven by the keyboard', async () => {
    const user = userEvent.setup();
    const { api } = await setup();
    act(() => api.emit('softphone.changed', phoneWith({})));
    await waitFor(() =>
      expect(sent(api, 'scripts.start')).toEqual([
        { name: 'scripts.start', args: { callId: 'c1' } },
      ]),
    );
    expect(await screen.findByText('催派 · 第 1 版')).toBeTruthy();
    expect(text()).toBe('您好，示例速递，工号1001，很高兴为您服务。');
    const open = screen.getByRole('list', { name: '未完成的合规项' });
    expect(
      within(open)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['开场问候并报工号', '告知通话录音', '核实身份', '承诺回电/答复时限', '结束语']);

    // Alt+Y: the checkpoint is met (and leaves the open list).
    await user.keyboard('{Alt>}y{/Alt}');
    await waitFor(() => expect(text()).toBe('为了保障服务质量，本次通话将会被录音，请您知悉。'));
    expect(sent(api, 'scripts.act').at(-1)!.args).toEqual({
      callId: 'c1',
      action: { type: 'checkpoint', outcome: 'met' },
    });
    expect(within(open).queryByText('开场问候并报工号')).toBeNull();
    await user.click(screen.getByRole('button', { name: /已完成/ }));
    await waitFor(() => expect(text()).toBe('请问您要办理的是运单号 SF1234567890123 的快件吗？'));
    // Alt+N on a say step; then the identity check; then the 滞留 branch.
    await user.keyboard('{Alt>}n{/Alt}');
    await waitFor(() => expect(screen.getByText(/合规项：核实身份/)).toBeTruthy());
    await user.keyboard('{Alt>}y{/Alt}');
    await waitFor(() => expect(text()).toContain('目前显示为疑难件'));
    await user.keyboard('{Alt>}n{/Alt}');
    await waitFor(() => expect(screen.getByText(/合规项：等待礼仪/)).toBeTruthy());
    await user.keyboard('{Alt>}q{/Alt}'); // skipped: no hold needed

    // The call-back time: bad input is refused here in Chinese, nothing sent.
    const box = await screen.findByRole('textbox', { name: '回电时间' });
    const acts = sent(api, 'scripts.act').length;
    await user.type(box, '明天下午{Enter}');
    await alertSaying('请输入日期和时间，如 2026-12-03 15:00');
    expect(sent(api, 'scripts.act')).toHaveLength(acts);
    await user.clear(box);
    await user.type(box, '2026-12-03 15:00{Enter}');
    await waitFor(() =>
      expect(text()).toBe(
        '已为您登记催派，我们会在 2026-12-03 15:00 前回电告知处理结果，请保持电话畅通。',
      ),
    );
    expect(screen.getByRole('definition').textContent).toBe('2026-12-03 15:00');

    // Alt+U goes back and undoes the capture.
    await user.keyboard('{Alt>}u{/Alt}');
    await waitFor(() => expect(screen.getByRole('textbox', { name: '回电时间' })).toBeTruthy());
    expect(screen.queryByRole('definition')).toBeNull();

    // Search across the steps (Alt+F) and go to one.
    await user.keyboard('{Alt>}f{/Alt}');
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: '搜索步骤' }));
    await user.keyboard('结束语');
    await user.click(screen.getByRole('button', { name: '跳到：结束语' }));
    await waitFor(() => expect(text()).toBe('感谢您的来电，祝您生活愉快，再见。'));
  }, 90_000);

  it('asks for a reason when the call ends with open compliance items, and keeps it', async () => {
    const user = userEvent.setup();
    const { api } = await setup();
    act(() => api.emit('softphone.changed', phoneWith({})));
    await screen.findByText('催派 · 第 1 版');
    act(() => api.emit('softphone.changed', phoneWith({ phase: 'ended', endedAt: Date.now() })));
    await user.click(await screen.findByRole('button', { name: '结束话术' }));
    await alertSaying('请填写未完成合规项的原因');
    expect(sent(api, 'scripts.close')).toHaveLength(0);
    await user.type(screen.getByRole('textbox', { name: '未完成合规项的原因' }), '客户急于挂断');
    await user.click(screen.getByRole('button', { name: '结束话术' }));
    expect(await screen.findByText('本通话的话术已结束')).toBeTruthy();
    expect(screen.getByText('原因：客户急于挂断')).toBeTruthy();
    expect(sent(api, 'scripts.close')[0]!.args).toEqual({ callId: 'c1', reason: '客户急于挂断' });
  });

  it('practises a script without a call: nothing sent to main, placeholders never "undefined"', async () => {
    const user = userEvent.setup();
    const { api } = await setup('en');
    await waitFor(() => expect(sent(api, 'scripts.published')).toHaveLength(1));
    await user.click(screen.getByRole('combobox', { name: 'Script' }));
    await user.click(await screen.findByTitle('Order / pickup'));
    await user.click(screen.getByRole('button', { name: 'Start practice' }));
    expect(await screen.findByText('Practice')).toBeTruthy();
    for (let i = 0; i < 2; i++) await user.click(screen.getByRole('button', { name: /Done/ }));
    await user.type(screen.getByRole('textbox', { name: '取件地址' }), '杭州市西湖区{Enter}');
    await user.type(await screen.findByRole('textbox', { name: '物品名称' }), '手机{Enter}');
    await user.type(await screen.findByRole('textbox', { name: '声明价值（元）' }), '2000{Enter}');
    await waitFor(() => expect(text()).toContain('保价费为 ¥10.00'));
    expect(document.body.textContent).not.toContain('undefined');
    expect(screen.getByText('Compliance item: Insurance rules stated (Art. 21)')).toBeTruthy();
    expect(sent(api, 'scripts.act')).toHaveLength(0);
    expect(sent(api, 'scripts.start')).toHaveLength(0);
  });
});

describe('script panel: what the call proves', () => {
  const openItems = () =>
    within(screen.getByRole('list', { name: '未完成的合规项' }))
      .getAllByRole('listitem')
      .map((li) => li.textContent);

  it('shows hold etiquette on the real hold: ask and wait while held, thanks after the resume', async () => {
    const user = userEvent.setup();
    const { api, main } = await setup();
    act(() => api.emit('softphone.changed', phoneWith({})));
    await screen.findByText('催派 · 第 1 版');
    expect(screen.queryByRole('region', { name: '等待礼仪' })).toBeNull();

    // The re-INVITE is out but main has no hold yet: a confirmation is refused, in Chinese.
    act(() => api.emit('softphone.changed', phoneWith({ hold: 'holding' })));
    await screen.findByText('等待礼仪（通话保持中）');
    await user.keyboard('{Alt>}i{/Alt}');
    await alertSaying('本通话还没有保持过，无需等待礼仪');

    // Held: main now counts the hold; the item is required and open.
    main.setEvidence({ holds: { count: 1, open: true }, orders: [] });
    act(() => api.emit('softphone.changed', phoneWith({ hold: 'held', holdSince: now })));
    await waitFor(() => expect(openItems()).toContain('等待礼仪'));
    const card = screen.getByRole('region', { name: '等待礼仪' });
    expect(card.textContent).toContain('征询：“请问可以请您稍等一下吗？”');
    await user.keyboard('{Alt>}i{/Alt}');
    await waitFor(() => expect(within(card).getAllByText('已说')).toHaveLength(2));
    expect(sent(api, 'scripts.holdEtiquette').at(-1)!.args).toEqual({
      callId: 'c1',
      phrases: ['ask', 'wait'],
    });
    // No thanks offered while the caller still waits.
    expect(within(card).queryByRole('button', { name: /已致谢/ })).toBeNull();

    main.setEvidence({ holds: { count: 1, open: false }, orders: [] });
    act(() => api.emit('softphone.changed', phoneWith({ hold: 'none', holdSince: null })));
    await screen.findByText('等待礼仪（保持已结束）');
    expect(openItems()).toContain('等待礼仪');
    await user.click(screen.getByRole('button', { name: /已致谢/ }));
    await waitFor(() => expect(openItems()).not.toContain('等待礼仪'));
    expect(sent(api, 'scripts.holdEtiquette').at(-1)!.args).toEqual({
      callId: 'c1',
      phrases: ['thanks'],
    });
    expect(screen.queryByRole('region', { name: '等待礼仪' })).toBeNull();
  });

  it('on 下单: 填写工单 (Alt+V) opens the order form for the call; the 保价 item follows the order', async () => {
    const user = userEvent.setup();
    const { api, main, store } = await setup('zh-CN', 'order');
    act(() => api.emit('softphone.changed', phoneWith({})));
    await screen.findByText('下单/预约取件 · 第 1 版');
    await user.keyboard('{Alt>}v{/Alt}');
    expect(store.getState().orderFormRequest).toMatchObject({ customerId: 'cu1', callId: 'c1' });
    expect(screen.getByRole('button', { name: /填写工单/ })).toBeTruthy();

    // The 保价 step says the order form decides; an order without an outcome leaves it open.
    await user.keyboard('{Alt>}f{/Alt}');
    await user.keyboard('保价规则');
    await user.click(screen.getByRole('button', { name: '跳到：告知保价规则（条例第21条）' }));
    await screen.findByText(/以工单记录的保价结果为准/);
    main.setEvidence({
      holds: { count: 0, open: false },
      orders: [{ number: 'W20261202-1001-001', insurance: null, offered: true }],
    });
    act(() => api.emit('orders.changed', { orderId: 'o1', delivery: 'queued' }));
    expect(
      await screen.findByText('工单 W20261202-1001-001 未记录保价结果，本项仍未完成'),
    ).toBeTruthy();
    await user.keyboard('{Alt>}y{/Alt}'); // a tick does not meet it while an order exists
    await waitFor(() => expect(openItems()).toContain('告知保价规则（条例第21条）'));

    main.setEvidence({
      holds: { count: 0, open: false },
      orders: [{ number: 'W20261202-1001-002', insurance: 'declined', offered: true }],
    });
    act(() => api.emit('orders.changed', { orderId: 'o2', delivery: 'queued' }));
    await waitFor(() => expect(openItems()).not.toContain('告知保价规则（条例第21条）'));
    await user.keyboard('{Alt>}u{/Alt}');
    expect(await screen.findByText('工单 W20261202-1001-002 已记录保价结果：不保价')).toBeTruthy();
  });
});
