import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp, ConfigProvider } from 'antd';
import { createElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { ContractError } from '@shared/common/errors';
import type { Compiled, Handlers, Handover, HandoverItem } from '@shared/contract';
import { DeskApiContext, DeskStoreContext } from '../../../../renderer/src/app/context';
import type { Language } from '../../../../renderer/src/app/i18n';
import type { DeskStore } from '../../../../renderer/src/app/store';
import { createDeskStore } from '../../../../renderer/src/app/store';
import { HandoverPage } from '../../../../renderer/src/features/handover';
import { StatusBar } from '../../../../renderer/src/features/session';
import type { FakeApi } from '../../fake-api';
import { baseHandlers, createFakeApi, idlePhone } from '../../fake-api';
import { createTestI18n, signedInSession } from '../../fixtures';

const now = Date.now();
const person = (id: string, name: string, employeeNo: string) => ({ id, name, employeeNo });
const zhang = person('a1', '张伟', '1001');
const wang = person('a2', '王芳', '1002');
const lead = person('l1', '李娜', '9001');

const compiled = (): Compiled => ({
  shiftId: 's1',
  shiftStartedAt: now - 8 * 3_600_000,
  metrics: null,
  handover: null,
  overridden: false,
  notInBook: ['callback:cb1', 'parcel:SF1234567890:arrival_damage'],
  items: [
    {
      key: 'callback:cb1',
      kind: 'callback',
      refId: 'cb1',
      urgency: 'red',
      reason: 'callback_overdue',
      anomaly: null,
      dueAt: now - 60_000,
      title: '回复破损理赔结果',
      customer: '顺达商贸',
      waybill: null,
      major: false,
    },
    {
      key: 'parcel:SF1234567890:arrival_damage',
      kind: 'parcel',
      refId: 'SF1234567890',
      urgency: 'amber',
      reason: 'parcel_announce',
      anomaly: 'arrival_damage',
      dueAt: now + 2 * 3_600_000,
      title: 'SF1234567890',
      customer: '陈静',
      waybill: 'SF1234567890',
      major: false,
    },
  ],
});

const item = (over: Partial<HandoverItem>): HandoverItem => ({
  ...compiled().items[0]!,
  id: 'i1',
  major: false,
  removedReason: null,
  ack: 'pending',
  ackComment: null,
  ackBy: null,
  ackAt: null,
  assignee: null,
  leadComment: null,
  transferred: false,
  ...over,
});

const handover = (over: Partial<Handover> = {}): Handover => ({
  id: 'h1',
  shiftId: 's0',
  team: '一组',
  author: zhang,
  shiftStartedAt: now - 9 * 3_600_000,
  submittedAt: now - 3_600_000,
  note: '下午查件接口偶发超时',
  metrics: null,
  status: 'submitted',
  receiver: null,
  signedBy: null,
  signedAt: null,
  signNote: null,
  correctsId: null,
  items: [
    item({}),
    item({
      id: 'i2',
      key: 'free:x',
      kind: 'incident',
      refId: null,
      reason: 'free',
      title: '分拨中心停电',
      customer: null,
      major: true,
    }),
  ],
  ...over,
});

const line = (h: Handover) => ({
  id: h.id,
  author: h.author,
  team: h.team,
  shiftStartedAt: h.shiftStartedAt,
  submittedAt: h.submittedAt,
  status: h.status,
  items: h.items.length,
  pending: h.items.filter((i) => i.ack === 'pending').length,
  queried: 0,
  ageMs: 90 * 60_000,
  correctsId: h.correctsId,
});

/** A lead's open shift: handed over, three items that came up afterwards not in the book. */
const heldShift = {
  shiftId: 's8',
  agent: { id: 'a9', name: '赵磊', employeeNo: '1009' },
  startedAt: now - 7_200_000,
  handedOver: true,
  overridden: false,
  notInBook: 3,
};

/** The status bar (its 签退) and the 交接 tab's page, as the console shows them. */
function mount(
  handlers: Partial<Handlers>,
  who: 'agent' | 'lead' = 'agent',
  language: Language = 'zh-CN',
): FakeApi & { store: DeskStore } {
  const session = signedInSession();
  if (who === 'lead') session.agent = { ...lead, role: 'lead' };
  else if (handlers['handover.awaitingMe']) session.agent = { ...wang, role: 'agent' };
  const api = createFakeApi({
    ...baseHandlers,
    'auth.session': () => session,
    'handover.awaitingMe': () => [],
    'handover.open': () => [],
    'handover.openShifts': () => [],
    'handover.team': () => [zhang, wang],
    ...handlers,
  });
  const store = createDeskStore(api, language);
  store.setState({ session, phone: idlePhone, deskInfo: baseHandlers['desk.info']() });
  render(
    createElement(
      I18nextProvider,
      { i18n: createTestI18n(language) },
      createElement(
        DeskApiContext.Provider,
        { value: api },
        createElement(
          DeskStoreContext.Provider,
          { value: store },
          createElement(
            ConfigProvider,
            { theme: { token: { motion: false } }, button: { autoInsertSpace: false } },
            createElement(AntApp, null, createElement(StatusBar), createElement(HandoverPage)),
          ),
        ),
      ),
    ),
  );
  return Object.assign(api, { store });
}

const argsOf = (api: FakeApi, name: string) =>
  api.calls.filter((c) => c.name === name).map((c) => c.args);

async function fill(user: ReturnType<typeof userEvent.setup>, field: HTMLElement, text: string) {
  await user.click(field);
  await user.paste(text);
}

/** Long interaction scripts: jsdom is slow on a loaded machine. */
const SLOW = { timeout: 120_000 };

describe('the handover book', () => {
  it(
    'a refused sign-out opens the form with the compiled items; removal needs a reason',
    SLOW,
    async () => {
      const user = userEvent.setup();
      let submitted = false;
      const api = mount({
        'auth.signOut': () => {
          if (submitted) return null;
          throw new ContractError('HANDOVER_REQUIRED', 'open items', undefined, {
            openItems: 2,
          });
        },
        'handover.compile': () => compiled(),
        'handover.submit': (a) => {
          submitted = true;
          return handover({ id: 'h9', shiftId: 's1', note: a.note, items: [] });
        },
      });
      await user.click(await screen.findByRole('button', { name: /签退/, hidden: true }));
      await user.click(await screen.findByRole('button', { name: '确认', hidden: true }));
      const form = await screen.findByRole('region', { name: '业务交接本', hidden: true });
      // No bare refusal: the form says why instead.
      expect(screen.queryByText('当前状态下不能执行该操作')).toBeNull();
      expect(within(form).getByText('本班次还有未完成事项，请填写交接本后再签退。')).toBeTruthy();
      expect(within(form).getByText('紧急')).toBeTruthy();
      // The amber item's label (the new item's urgency picker shows its default too).
      expect(within(form).getAllByText('较急')).toHaveLength(2);
      expect(within(form).getByText('暂无数据')).toBeTruthy();
      expect(within(form).getByText(/待公告（到件破损）/)).toBeTruthy();
      expect(within(form).getByText(/回电已超时/)).toBeTruthy();
      // Nothing internal on screen.
      for (const raw of ['callback_overdue', 'arrival_damage', 'parcel:', 'cb1']) {
        expect(document.body.textContent).not.toContain(raw);
      }

      await user.click(
        within(form).getByRole('button', { name: '删除 回复破损理赔结果', hidden: true }),
      );
      await user.click(within(form).getByRole('button', { name: '提交交接本', hidden: true }));
      expect(await within(form).findByText('请填写删除原因')).toBeTruthy();
      expect(argsOf(api, 'handover.submit')).toEqual([]);

      await fill(
        user,
        within(form).getByRole('textbox', { name: '删除原因 回复破损理赔结果', hidden: true }),
        '客户已来电解决',
      );
      await user.click(within(form).getByRole('combobox', { name: '事项类别', hidden: true }));
      await fill(
        user,
        within(form).getByRole('textbox', { name: '事项内容', hidden: true }),
        '二号话机回声',
      );
      await user.click(within(form).getByRole('button', { name: '增加事项', hidden: true }));
      await fill(
        user,
        within(form).getByRole('textbox', { name: '交接说明', hidden: true }),
        '注意破损件',
      );
      await user.click(within(form).getByRole('button', { name: '提交交接本', hidden: true }));
      await waitFor(() =>
        expect(argsOf(api, 'handover.submit')).toEqual([
          {
            note: '注意破损件',
            removed: [{ key: 'callback:cb1', reason: '客户已来电解决' }],
            added: [
              { kind: 'system_problem', urgency: 'amber', text: '二号话机回声', major: false },
            ],
            correctsId: null,
          },
        ]),
      );
      const done = await screen.findByText('交接本已提交，现在可以签退');
      await user.click(
        within(done.closest('[role="alert"]')!).getByRole('button', { name: '签退', hidden: true }),
      );
      await waitFor(() => expect(argsOf(api, 'auth.signOut')).toHaveLength(2));
      // The refusal brought the 交接 tab to the front (App switches on this).
      expect(api.store.getState().handoverTabRequest).toBe(1);
    },
  );

  it(
    "shows main's refusal of the handover in the agent's language, the form kept",
    SLOW,
    async () => {
      const user = userEvent.setup();
      mount({
        'handover.compile': () => compiled(),
        'handover.submit': () => {
          throw new ContractError('ILLEGAL_TRANSITION', 'This shift is already handed over');
        },
      });
      await user.click(await screen.findByRole('button', { name: '填写交接本', hidden: true }));
      const form = await screen.findByRole('region', { name: '业务交接本', hidden: true });
      await user.click(within(form).getByRole('button', { name: '提交交接本', hidden: true }));
      expect(await within(form).findByText('当前状态下不能执行该操作')).toBeTruthy();
      expect(document.body.textContent).not.toContain('already handed over');
    },
  );

  it(
    'the receiver sees the waiting handover at sign-in, accepts one item and queries another',
    SLOW,
    async () => {
      const user = userEvent.setup();
      let h = handover();
      const api = mount({
        'handover.awaitingMe': () => [line(h)],
        'handover.get': () => h,
        'handover.acknowledge': ({ itemId, decision, comment }) => {
          h = {
            ...h,
            receiver: wang,
            items: h.items.map((i) =>
              i.id === itemId
                ? {
                    ...i,
                    ack: decision === 'accept' ? 'accepted' : 'queried',
                    ackBy: wang,
                    ackAt: now,
                    ackComment: comment,
                    transferred: decision === 'accept' && i.kind === 'callback',
                  }
                : i,
            ),
          };
          return h;
        },
      });
      // Brought to the front at sign-in.
      await waitFor(() => expect(api.store.getState().handoverTabRequest).toBe(1));
      const waiting = await screen.findByRole('region', { name: '待我确认的交接', hidden: true });
      expect(within(waiting).getByText('张伟（1001）交班')).toBeTruthy();
      expect(within(waiting).getByText('已提交 1小时30分钟')).toBeTruthy();
      await user.click(within(waiting).getByRole('button', { name: /^查看/, hidden: true }));
      const detail = await screen.findByRole('region', { name: '交接本', hidden: true });
      await user.click(
        within(detail).getByRole('button', { name: '接收 回复破损理赔结果', hidden: true }),
      );
      expect(await within(detail).findByText('首问责任已转交')).toBeTruthy();
      // A query needs its comment: asked for, nothing sent.
      await user.click(
        within(detail).getByRole('button', { name: '存疑 分拨中心停电', hidden: true }),
      );
      await user.click(
        within(detail).getByRole('button', { name: '存疑 分拨中心停电', hidden: true }),
      );
      expect(await within(detail).findByText('存疑时请写明疑问')).toBeTruthy();
      expect(argsOf(api, 'handover.acknowledge')).toHaveLength(1);
      await fill(
        user,
        within(detail).getByRole('textbox', { name: '存疑说明 分拨中心停电', hidden: true }),
        '停电是否已恢复？',
      );
      await user.click(
        within(detail).getByRole('button', { name: '存疑 分拨中心停电', hidden: true }),
      );
      await waitFor(() =>
        expect(argsOf(api, 'handover.acknowledge')).toEqual([
          { itemId: 'i1', decision: 'accept', comment: null },
          { itemId: 'i2', decision: 'query', comment: '停电是否已恢复？' },
        ]),
      );
      expect(await within(detail).findByText('停电是否已恢复？')).toBeTruthy();
    },
  );

  it(
    'the lead reviews: the age, a comment, a reassignment, sign-off refused without a note, then signed',
    SLOW,
    async () => {
      const user = userEvent.setup();
      let h = handover({
        items: handover().items.map((i) => ({ ...i, ack: 'accepted', ackBy: wang, ackAt: now })),
      });
      const api = mount(
        {
          'handover.open': () => (h.status === 'signed' ? [] : [line(h)]),
          'handover.openShifts': () => [
            {
              shiftId: 's7',
              agent: wang,
              startedAt: now - 3_600_000,
              handedOver: false,
              overridden: false,
              notInBook: 2,
            },
            // Handed over, but items came up afterwards: the lead may still let it go.
            heldShift,
            // Allowed already: nothing holds it, no count.
            {
              shiftId: 's6',
              agent: { id: 'a6', name: '孙丽', employeeNo: '1006' },
              startedAt: now - 7_000_000,
              handedOver: true,
              overridden: true,
              notInBook: 1,
            },
          ],
          'handover.get': () => h,
          'handover.comment': ({ itemId, comment }) =>
            (h = {
              ...h,
              items: h.items.map((i) => (i.id === itemId ? { ...i, leadComment: comment } : i)),
            }),
          'handover.reassign': () => h,
          'handover.overrideSignOut': () => ({
            shiftId: 's7',
            agent: wang,
            startedAt: now - 3_600_000,
            handedOver: false,
            overridden: true,
            notInBook: 2,
          }),
          'handover.signOff': ({ note }) => {
            if (!note) {
              throw new ContractError('BAD_ARGUMENT', 'note required', [
                { path: 'note', message: 'required', code: 'required' },
              ]);
            }
            return (h = { ...h, status: 'signed', signedBy: lead, signedAt: now, signNote: note });
          },
        },
        'lead',
      );
      const review = await screen.findByRole('region', { name: '值班长审阅', hidden: true });
      expect(within(review).getByText('已提交 1小时30分钟')).toBeTruthy();
      // How many items hold each shift, counted by main (before and after its handover).
      const shiftOf = (name: string) =>
        within(review).getByText(new RegExp(name)).closest('li') as HTMLElement;
      expect(within(shiftOf('赵磊')).getByText('交接后新增 3 项未记入')).toBeTruthy();
      expect(within(shiftOf('王芳')).getByText('2 项未完成事项，未交接')).toBeTruthy();
      expect(within(shiftOf('孙丽')).queryByText(/项未/)).toBeNull();
      for (const raw of ['s6', 's7', 's8', 'a9', 'notInBook']) {
        expect(review.textContent).not.toContain(raw);
      }
      expect(
        within(review).getByRole('button', {
          name: '准予签退（交接后新增事项未记入） 赵磊',
          hidden: true,
        }),
      ).toBeTruthy();
      // Override a sign-out: the reason first.
      await user.click(
        within(review).getByRole('button', { name: '准予未交接签退 王芳', hidden: true }),
      );
      expect(await within(review).findByText('请填写准予原因')).toBeTruthy();
      expect(argsOf(api, 'handover.overrideSignOut')).toEqual([]);
      await fill(
        user,
        within(review).getByRole('textbox', { name: '准予原因 王芳', hidden: true }),
        '家中急事',
      );
      await user.click(
        within(review).getByRole('button', { name: '准予未交接签退 王芳', hidden: true }),
      );
      await waitFor(() =>
        expect(argsOf(api, 'handover.overrideSignOut')).toEqual([
          { shiftId: 's7', reason: '家中急事' },
        ]),
      );

      await user.click(within(review).getAllByRole('button', { name: /^查看/, hidden: true })[0]!);
      const detail = await screen.findByRole('region', { name: '交接本', hidden: true });
      await fill(
        user,
        within(detail).getByRole('textbox', { name: '批注 回复破损理赔结果', hidden: true }),
        '优先处理',
      );
      await user.click(
        within(detail).getAllByRole('button', { name: '保存批注', hidden: true })[0]!,
      );
      expect(await within(detail).findByText('值班长批注：优先处理')).toBeTruthy();
      await user.click(within(detail).getByRole('button', { name: '签收', hidden: true }));
      expect(await within(detail).findByText(/请填写签收意见|输入有误/)).toBeTruthy();
      await fill(
        user,
        within(detail).getByRole('textbox', { name: '签收意见', hidden: true }),
        '停电事故已上报',
      );
      await user.click(within(detail).getByRole('button', { name: '签收', hidden: true }));
      expect(
        await within(detail).findByText('已签收的交接本只读；如需更正，请提交更正记录。'),
      ).toBeTruthy();
      expect(within(detail).queryByRole('button', { name: '签收', hidden: true })).toBeNull();
      expect(argsOf(api, 'handover.signOff')).toEqual([
        { id: 'h1', note: null },
        { id: 'h1', note: '停电事故已上报' },
      ]);
    },
  );

  it('history: the search goes to main with its filters; English texts too', SLOW, async () => {
    const user = userEvent.setup();
    const api = mount(
      { 'handover.history': () => [line(handover({ status: 'signed' }))] },
      'agent',
      'en',
    );
    const history = await screen.findByRole('region', { name: 'Handover history', hidden: true });
    await fill(
      user,
      within(history).getByRole('textbox', { name: 'Agent (number or name)', hidden: true }),
      '1001',
    );
    await fill(
      user,
      within(history).getByRole('textbox', { name: 'Waybill number', hidden: true }),
      'SF1234567890',
    );
    await user.click(within(history).getByRole('button', { name: 'Search', hidden: true }));
    await waitFor(() =>
      expect(argsOf(api, 'handover.history')).toEqual([
        {
          agent: '1001',
          from: null,
          to: null,
          shiftId: null,
          customer: null,
          waybill: 'SF1234567890',
        },
      ]),
    );
    expect(await within(history).findByText('张伟（1001）')).toBeTruthy();
    expect(within(history).getByText('Signed off')).toBeTruthy();
    expect(within(history).getByText(/kept at least two years/)).toBeTruthy();
  });
  describe('items that came up after the handover was written', () => {
    /** The shift's handover holds cb1; cb2 was promised after it (not in the book). */
    const late = {
      ...compiled().items[0]!,
      key: 'callback:cb2',
      refId: 'cb2',
      urgency: 'amber' as const,
      reason: 'callback_due' as const,
      dueAt: now + 2 * 3_600_000,
      title: '确认改派地址',
      customer: '李先生',
      waybill: 'SF5556667778',
    };
    const written = (over: Partial<Handover> = {}) =>
      handover({ id: 'h9', shiftId: 's1', items: [item({})], ...over });
    const afterHandover = (h: Handover, inBook: boolean): Compiled => ({
      ...compiled(),
      handover: h,
      items: [compiled().items[0]!, late],
      notInBook: inBook ? [] : [late.key],
    });

    it(
      'a refused sign-out shows the new items; adding them to the book lets the agent sign out',
      SLOW,
      async () => {
        const user = userEvent.setup();
        let added = false;
        const api = mount({
          'auth.signOut': () => {
            if (added) return null;
            throw new ContractError('HANDOVER_REQUIRED', 'new since the handover', undefined, {
              openItems: 1,
              handoverId: 'h9',
            });
          },
          'handover.compile': () => afterHandover(written(), added),
          'handover.addCompiled': () => {
            added = true;
            return written({ items: [item({}), item({ ...late, id: 'i9' })] });
          },
        });
        await user.click(await screen.findByRole('button', { name: /签退/, hidden: true }));
        await user.click(await screen.findByRole('button', { name: '确认', hidden: true }));
        const section = await screen.findByRole('region', {
          name: '交接后新增事项（1）',
          hidden: true,
        });
        // Not the whole form again (the handover exists): only what is missing from it.
        expect(screen.queryByRole('region', { name: '业务交接本', hidden: true })).toBeNull();
        expect(
          within(section).getByText('交接本提交后又有 1 项未完成事项，记入交接本后才能签退。'),
        ).toBeTruthy();
        const [list, ...more] = within(section).getAllByRole('listitem', { hidden: true });
        expect(more).toHaveLength(0);

        expect(within(list!).getByText('确认改派地址')).toBeTruthy();
        expect(within(list!).getByText('较急')).toBeTruthy();
        expect(within(list!).getByText('李先生')).toBeTruthy();
        expect(within(list!).getByText('SF5556667778')).toBeTruthy();
        expect(within(list!).getByText(/前须回电/)).toBeTruthy();
        expect(within(section).queryByText('回复破损理赔结果')).toBeNull();
        for (const raw of ['callback_due', 'callback:', 'cb2', 'h9']) {
          expect(document.body.textContent).not.toContain(raw);
        }
        await user.click(
          within(section).getByRole('button', { name: '记入交接本（1 项）', hidden: true }),
        );
        await waitFor(() => expect(argsOf(api, 'handover.addCompiled')).toEqual([{ all: true }]));
        const done = await screen.findByText('所有未完成事项均已记入交接本，现在可以签退');
        // One sign-out prompt: not also the plain "submitted" one.
        expect(screen.queryByText('交接本已提交，现在可以签退')).toBeNull();
        await user.click(
          within(done.closest('[role="alert"]')!).getByRole('button', {
            name: '签退',
            hidden: true,
          }),
        );
        await waitFor(() => expect(argsOf(api, 'auth.signOut')).toHaveLength(2));
        expect(api.store.getState().session).toBeNull();
      },
    );

    it(
      "English; a signed handover gets a correction; main's refusal in the agent's language",
      SLOW,
      async () => {
        const user = userEvent.setup();
        const signed = written({ status: 'signed', signedBy: lead, signedAt: now });
        const api = mount(
          {
            'handover.compile': () => afterHandover(signed, false),
            'handover.addCompiled': () => {
              throw new ContractError('BAD_ARGUMENT', 'Not an open item of this shift', [
                { path: 'keys.0', message: 'format', code: 'format' },
              ]);
            },
          },
          'agent',
          'en',
        );
        await user.click(
          await screen.findByRole('button', { name: 'Write the handover', hidden: true }),
        );
        const section = await screen.findByRole('region', {
          name: 'New since the handover (1)',
          hidden: true,
        });
        expect(
          within(section).getByText(
            'The lead has signed the handover off: the new items go in as a correction.',
          ),
        ).toBeTruthy();
        expect(within(section).getByText('Soon')).toBeTruthy();
        const compiles = argsOf(api, 'handover.compile').length;
        await user.click(
          within(section).getByRole('button', { name: 'Add to the book (1)', hidden: true }),
        );
        expect(await within(section).findByText('Invalid input; check and try again')).toBeTruthy();
        expect(argsOf(api, 'handover.addCompiled')).toEqual([{ all: true }]);
        // Refused: the list is compiled again, so what the agent sees is what main has now.
        await waitFor(() =>
          expect(argsOf(api, 'handover.compile').length).toBeGreaterThan(compiles),
        );
        expect(document.body.textContent).not.toContain('Not an open item');
        expect(document.body.textContent).not.toContain('keys.0');
      },
    );

    it(
      'the 可以签退 prompt goes as soon as an item comes up after the handover: the new items show instead',
      SLOW,
      async () => {
        const user = userEvent.setup();
        /** A complaint registered after the late call-back went into the book. */
        const ticket = {
          ...late,
          key: 'complaint:t1',
          kind: 'complaint' as const,
          refId: 't1',
          reason: 'complaint_clock' as const,
          title: 'TS20261122001',
          waybill: null,
        };
        let step: 'form' | 'written' | 'promised' | 'added' | 'registered' = 'form';
        const api = mount({
          'handover.compile': () => {
            if (step === 'form') return compiled();
            if (step === 'promised') return afterHandover(written(), false);
            const inBook = afterHandover(written(), true);
            return step === 'registered'
              ? { ...inBook, items: [...inBook.items, ticket], notInBook: [ticket.key] }
              : inBook;
          },
          'handover.submit': () => {
            step = 'written';
            return written();
          },
          'handover.addCompiled': () => {
            step = 'added';
            return written({ items: [item({}), item({ ...late, id: 'i9' })] });
          },
        });
        await user.click(await screen.findByRole('button', { name: '填写交接本', hidden: true }));
        const form = await screen.findByRole('region', { name: '业务交接本', hidden: true });
        await user.click(within(form).getByRole('button', { name: '提交交接本', hidden: true }));
        expect(await screen.findByText('交接本已提交，现在可以签退')).toBeTruthy();

        // A call-back promised now: main says so, and the console no longer offers the sign-out.
        step = 'promised';
        api.emit('callbacks.changed', { id: 'cb2', due: false });
        const section = await screen.findByRole('region', {
          name: '交接后新增事项（1）',
          hidden: true,
        });
        expect(within(section).getByText('确认改派地址')).toBeTruthy();
        expect(screen.queryByText('交接本已提交，现在可以签退')).toBeNull();
        // Closing the notice does not bring the prompt back: the item is still not in the book.
        await user.click(within(section).getByRole('button', { name: '取消', hidden: true }));
        await waitFor(() =>
          expect(
            screen.queryByRole('region', { name: '交接后新增事项（1）', hidden: true }),
          ).toBeNull(),
        );
        expect(screen.queryByText(/现在可以签退/)).toBeNull();

        await user.click(screen.getByRole('button', { name: '填写交接本', hidden: true }));
        await user.click(
          await screen.findByRole('button', { name: '记入交接本（1 项）', hidden: true }),
        );
        expect(await screen.findByText('所有未完成事项均已记入交接本，现在可以签退')).toBeTruthy();

        // Then a complaint is registered: that prompt goes too.
        step = 'registered';
        api.emit('complaints.changed', { id: 't1', ownerId: 'a1' });
        const again = await screen.findByRole('region', {
          name: '交接后新增事项（1）',
          hidden: true,
        });
        expect(within(again).getByText('TS20261122001')).toBeTruthy();
        expect(screen.queryByText(/现在可以签退/)).toBeNull();
        for (const raw of ['complaint:', 't1', 'cb2', 'h9']) {
          expect(document.body.textContent).not.toContain(raw);
        }
      },
    );
  });

  it(
    "the lead's counts follow item changes: one request at a time, the last after the last change; nothing else reloads",
    SLOW,
    async () => {
      let count = 3;
      const held: (() => void)[] = [];
      const api = mount(
        {
          // Each answer waits until the test lets it go, with the count main has by then.
          'handover.openShifts': (() =>
            new Promise((resolve) =>
              held.push(() => resolve([{ ...heldShift, notInBook: count }])),
            )) as unknown as Handlers['handover.openShifts'],
        },
        'lead',
      );
      const asked = (name: string) => api.calls.filter((c) => c.name === name).length;
      const review = await screen.findByRole('region', { name: '值班长审阅', hidden: true });
      await waitFor(() => expect(held).toHaveLength(1));
      held[0]!();
      expect(await within(review).findByText('交接后新增 3 项未记入')).toBeTruthy();
      const others = [asked('handover.open'), asked('handover.team')];

      // An outbox delivering a queue: five changes while the first recount is still out.
      count = 4;
      for (let n = 1; n <= 5; n += 1) {
        api.emit('orders.changed', { orderId: `o${n}`, delivery: 'delivered' });
      }
      await waitFor(() => expect(held).toHaveLength(2));
      count = 5;
      held[1]!();
      // One more, started after the last change, and only one.
      await waitFor(() => expect(held).toHaveLength(3));
      held[2]!();
      expect(await within(review).findByText('交接后新增 5 项未记入')).toBeTruthy();
      expect(asked('handover.openShifts')).toBe(3);
      expect([asked('handover.open'), asked('handover.team')]).toEqual(others);
    },
  );

  it("the lead's open shifts in English: the count of items not in the book", SLOW, async () => {
    mount(
      {
        'handover.openShifts': () => [heldShift],
      },
      'lead',
      'en',
    );
    const review = await screen.findByRole('region', { name: "Lead's review", hidden: true });
    expect(
      await within(review).findByText('3 item(s) new since the handover, not in the book'),
    ).toBeTruthy();
    expect(
      within(review).getByRole('button', {
        name: 'Allow sign-out (items new since the handover not in the book) 赵磊',
        hidden: true,
      }),
    ).toBeTruthy();
  });
});
