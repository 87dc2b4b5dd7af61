import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp, ConfigProvider } from 'antd';
import { createElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { ContractError } from '@shared/common/errors';
import type { TicketClock } from '@shared/complaints/clocks';
import { compensate, defaultCompensationRules, severityOf } from '@shared/complaints/compensation';
import type { Ticket, TicketSummary } from '@shared/complaints/contract';
import type { Handlers, Session } from '@shared/contract';
import { DeskApiContext, DeskStoreContext } from '../../../../renderer/src/app/context';
import type { Language } from '../../../../renderer/src/app/i18n';
import { createDeskStore } from '../../../../renderer/src/app/store';
import { LetterheadCard } from '../../../../renderer/src/features/documents';
import {
  ComplaintRulesCard,
  ComplaintsHost,
  ComplaintsPage,
  RegisterComplaintButton,
  TicketClocks,
} from '../../../../renderer/src/features/complaints';
import { baseHandlers, createFakeApi, idlePhone } from '../../fake-api';
import { createTestI18n, renderDesk, signedInSession } from '../../fixtures';

const now = Date.now();
const HOUR = 3_600_000;

const summary = (over: Partial<TicketSummary> = {}): TicketSummary => ({
  id: 't1',
  number: 'TS202611220001',
  type: 'damage',
  severity: 'ordinary',
  customerName: '李先生',
  waybillNumbers: ['SF1234567890123'],
  owner: { employeeNo: '1001', name: '张伟' },
  step: 'register',
  escalatedTo: null,
  watchList: false,
  receivedAt: now - HOUR,
  closedAt: null,
  nextClock: 'investigate',
  nextDueAt: now + 20 * HOUR,
  nextEstimated: false,
  overdue: false,
  ...over,
});

const facts = {
  type: 'damage' as const,
  requestedFen: 20_000,
  insured: false,
  declaredValueFen: null,
  actualValueFen: null,
  lossFen: null,
  partial: true,
  weightKg: 2.41,
  freightFen: 0,
  fragile: false,
  damage: 'outer' as const,
  signedWithoutNote: false,
  outerDamageProof: false,
  cashClaimed: false,
  abnormalSignature: false,
  billedKg: null,
  checkedKg: null,
  fenPerKg: null,
};

const ticket = (over: Partial<Ticket> = {}): Ticket => ({
  ...summary(),
  stepsDone: ['register'],
  callId: null,
  customerId: null,
  form: {
    customerName: '李先生',
    requestText: '赔偿200元损失费',
    packaging: 'ours',
    description: '广告牌破损',
    watchList: false,
    cause: 'unknown',
    incidentAt: null,
    facts,
  },
  compensation: compensate(facts, defaultCompensationRules),
  paidFen: null,
  incidentAt: now - HOUR,
  clocks: [],
  events: [],
  attachments: [],
  editable: true,
  ...over,
});

function mount(
  handlers: Partial<Handlers>,
  opts: { language?: Language; session?: Session } = {},
  ...children: ReturnType<typeof createElement>[]
) {
  const api = createFakeApi({
    ...baseHandlers,
    'complaints.preview': ({ facts: f }) => {
      const compensation = compensate(f, defaultCompensationRules);
      return {
        compensation,
        severity: severityOf(
          Math.max(f.requestedFen ?? 0, compensation.payableFen),
          defaultCompensationRules,
        ),
      };
    },
    ...handlers,
  });
  const language = opts.language ?? 'zh-CN';
  const store = createDeskStore(api, language);
  store.setState({
    session: opts.session ?? signedInSession(),
    phone: idlePhone,
    deskInfo: baseHandlers['desk.info'](),
  });
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
            createElement(AntApp, null, createElement(ComplaintsHost), ...children),
          ),
        ),
      ),
    ),
  );
  return { api, store };
}

describe('the complaint form (登记投诉)', () => {
  it(
    'from a waybill: the seed case, 48.20 元 beside the 200 asked; bad input refused in Chinese, nothing sent',
    {
      timeout: 120_000,
    },
    async () => {
      const user = userEvent.setup({ delay: null });
      const { api } = mount(
        {
          'complaints.register': (a) => {
            if (a.waybillNumbers.includes('SF0000000000000')) {
              throw new ContractError('NOT_FOUND', 'No such waybill', [
                { path: 'waybillNumbers.0', message: 'not_found' },
              ]);
            }
            return ticket();
          },
          'complaints.list': () => ({ items: [], more: false }),
        },
        {},
        createElement(RegisterComplaintButton, {
          waybillNumber: 'SF1234567890123',
          customerName: '李先生',
        }),
      );
      await user.click(screen.getByRole('button', { name: '登记投诉' }));
      const dialog = await screen.findByRole('dialog');
      expect(within(dialog).getByRole('textbox', { name: '运单号' })).toHaveProperty(
        'value',
        'SF1234567890123',
      );
      // Nothing required filled in: said at the fields, nothing sent.
      await user.click(within(dialog).getByRole('button', { name: '登记' }));
      expect(await within(dialog).findByText('请填写客户诉求')).toBeTruthy();
      expect(within(dialog).getByText('重量须大于 0 且不超过 100,000 公斤')).toBeTruthy();
      // A negative weight and an amount of 10¹² 元.
      await user.type(within(dialog).getByRole('spinbutton', { name: '重量（公斤）' }), '-2.41');
      await user.type(
        within(dialog).getByRole('spinbutton', { name: '诉求金额（元）' }),
        '1000000000000',
      );
      await user.click(within(dialog).getByRole('button', { name: '登记' }));
      expect(await within(dialog).findByText('金额须在 0 到 1,000,000 元之间')).toBeTruthy();
      expect(within(dialog).getByText('重量须大于 0 且不超过 100,000 公斤')).toBeTruthy();
      expect(api.calls.some((c) => c.name === 'complaints.register')).toBe(false);

      const weight = within(dialog).getByRole('spinbutton', { name: '重量（公斤）' });
      await user.clear(weight);
      await user.type(weight, '2.41');
      const amount = within(dialog).getByRole('spinbutton', { name: '诉求金额（元）' });
      await user.clear(amount);
      await user.type(amount, '200');
      await user.type(
        within(dialog).getByRole('textbox', { name: '客户诉求（原话）' }),
        '赔偿200元损失费',
      );
      await user.type(
        within(dialog).getByRole('textbox', { name: '情况描述' }),
        '两块广告牌，一块破损',
      );
      // The desk's rules, beside what was asked.
      const beside = within(dialog).getByRole('region', { name: '按规定可赔' });
      expect(await within(beside).findByText('可赔 48.20元 · 一般')).toBeTruthy();
      expect(within(beside).getByText('客户要求 200.00元')).toBeTruthy();
      expect(within(beside).getByText(/2\.41公斤 × 20\.00元 = 48\.20元/)).toBeTruthy();

      // A waybill main does not know: said at the field.
      const numbers = within(dialog).getByRole('textbox', { name: '运单号' });
      await user.clear(numbers);
      await user.type(numbers, 'SF0000000000000');
      await user.click(within(dialog).getByRole('button', { name: '登记' }));
      expect(await within(dialog).findByText('运单号不存在')).toBeTruthy();

      await user.clear(numbers);
      await user.type(numbers, 'SF1234567890123');
      await user.click(within(dialog).getByRole('button', { name: '登记' }));
      await waitFor(() =>
        expect(
          api.calls.filter((c) => c.name === 'complaints.register').at(-1)?.args,
        ).toMatchObject({
          customerName: '李先生',
          waybillNumbers: ['SF1234567890123'],
          requestText: '赔偿200元损失费',
          packaging: 'ours',
          facts: { type: 'damage', weightKg: 2.41, requestedFen: 20_000, insured: false },
        }),
      );
      // The registered ticket opens, its compensation steps beside the request.
      expect(await screen.findByText('投诉工单 TS202611220001')).toBeTruthy();
    },
  );

  it('F8 during a call starts from the caller’s customer', async () => {
    const { api, store } = mount({
      'complaints.register': () => ticket({ callId: 'c1' }),
    });
    act(() =>
      store.setState({
        phone: { ...idlePhone, call: { id: 'c1' } as never },
        callPop: {
          callId: 'c1',
          pop: {
            number: '13912345678',
            customers: [
              {
                id: 'cust-1',
                name: '王芳',
                company: null,
                class: 'B',
                keyAccountTier: null,
                city: '杭州',
              },
            ],
          } as never,
        },
      }),
    );
    await userEvent.keyboard('{F8}');
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('来自当前来电')).toBeTruthy();
    expect(within(dialog).getByRole('textbox', { name: '客户' })).toHaveProperty('value', '王芳');
    void api;
  });
});

describe('ticket clocks', () => {
  const clocks: TicketClock[] = [
    { key: 'investigate', dueAt: now - HOUR, state: 'overdue', estimated: false, next: true },
    {
      key: 'negotiation_letter',
      dueAt: now + 20 * HOUR,
      state: 'running',
      estimated: false,
      next: false,
    },
    {
      key: 'statutory_answer',
      dueAt: now + 150 * HOUR,
      state: 'running',
      estimated: false,
      next: false,
    },
    { key: 'result', dueAt: now + 2000 * HOUR, state: 'running', estimated: true, next: false },
    { key: 'report_hq', dueAt: now - 5 * HOUR, state: 'met', estimated: false, next: false },
  ];

  it('the next one highlighted, overdue red, 按工作日估算 where the calendar lacks the year', async () => {
    mount({}, {}, createElement(TicketClocks, { clocks, timeZone: 'Asia/Shanghai' }));
    const list = screen.getByRole('list', { name: '处理时限' });
    const items = within(list).getAllByRole('listitem');
    const next = items.find((i) => i.getAttribute('aria-current') === 'true')!;
    expect(within(next).getByText('前期调查（1个工作日）')).toBeTruthy();
    expect(within(next).getByText('下一个到期')).toBeTruthy();
    expect(within(next).getByText('已超时')).toBeTruthy();
    expect(next.style.color).toBe('rgb(207, 19, 34)');
    expect(items.filter((i) => i.getAttribute('aria-current') === 'true')).toHaveLength(1);
    const estimated = items.find((i) => within(i).queryByText('按工作日估算'))!;
    expect(within(estimated).getByText('结果报经理调帐（60个工作日）')).toBeTruthy();
    expect(items.filter((i) => within(i).queryByText('按工作日估算'))).toHaveLength(1);
    const met = items.find((i) => i.getAttribute('data-state') === 'met')!;
    expect(met.style.color).toBe('');
    expect(within(met).getByText('已完成')).toBeTruthy();
  });

  it('the ticket view: clocks, steps; the next step goes to main; a refusal says why in Chinese', async () => {
    let t = ticket({ clocks });
    const { api, store } = mount({
      'complaints.get': () => t,
      'complaints.advance': ({ step }) => {
        t = { ...t, step };
        return t;
      },
      'complaints.clockDone': () => {
        throw new ContractError('FORBIDDEN', 'This ticket belongs to another agent');
      },
    });
    await act(() => store.getState().openTicket('t1'));
    const drawer = await screen.findByRole('dialog');
    expect(within(drawer).getByText('客户要求 200.00元')).toBeTruthy();
    expect(within(drawer).getByText(/= 48\.20元/)).toBeTruthy();
    await userEvent.click(within(drawer).getByRole('button', { name: '完成「协商」' }));
    expect(api.calls.find((c) => c.name === 'complaints.advance')?.args).toEqual({
      id: 't1',
      step: 'negotiate',
      note: null,
    });
    expect(await within(drawer).findByRole('button', { name: '完成「答复」' })).toBeTruthy();
    await userEvent.click(
      within(drawer).getByRole('button', { name: '标记完成 前期调查（1个工作日）' }),
    );
    expect(await within(drawer).findByText('无权执行此操作')).toBeTruthy();
  });
});

describe('photos', () => {
  it('a 50 MB file is refused at once; a non-image main refuses is said in Chinese', async () => {
    const user = userEvent.setup({ applyAccept: false });
    const { api, store } = mount({
      'complaints.get': () => ticket(),
      'complaints.attachBegin': () => ({ uploadId: 'u1', chunkBytes: 512 * 1024 }),
      'complaints.attachChunk': ({ base64 }) => ({
        received: Buffer.from(base64, 'base64').length,
      }),
      'complaints.attachFinish': () => {
        throw new ContractError('BAD_ARGUMENT', 'Only JPEG, PNG, WebP or HEIC photos', [
          { path: 'file', message: 'not_image' },
        ]);
      },
    });
    await act(() => store.getState().openTicket('t1'));
    const drawer = await screen.findByRole('dialog');
    // rc-upload renders a fresh input after each pick.
    const input = () => drawer.querySelector('input[type=file]') as HTMLInputElement;
    const big = new File(['x'], 'big.jpg', { type: 'image/jpeg' });
    Object.defineProperty(big, 'size', { value: 50 * 1024 * 1024 });
    await user.upload(input(), big);
    expect(await within(drawer).findByText('照片不能超过 10 MB')).toBeTruthy();
    expect(api.calls.some((c) => c.name === 'complaints.attachBegin')).toBe(false);
    await user.upload(input(), new File(['%PDF-1.7'], 'photo.jpg', { type: 'image/jpeg' }));
    expect(await within(drawer).findByText('只能上传 JPEG、PNG、WebP 或 HEIC 照片')).toBeTruthy();
    expect(api.calls.find((c) => c.name === 'complaints.attachChunk')?.args).toEqual({
      uploadId: 'u1',
      index: 0,
      base64: Buffer.from('%PDF-1.7').toString('base64'),
    });
  });
});

describe('the lead’s overdue list', () => {
  it('is one click from the header', async () => {
    const lead = signedInSession();
    lead.agent = { id: 'l1', employeeNo: '9001', name: '李娜', role: 'lead' };
    const { api } = mount(
      {
        'complaints.list': ({ scope }) => ({
          items: scope === 'overdue' ? [summary({ overdue: true, nextDueAt: now - HOUR })] : [],
          more: false,
        }),
      },
      { session: lead },
    );
    await userEvent.click(screen.getByRole('button', { name: '超时投诉' }));
    const drawer = await screen.findByRole('dialog', { name: '本组超时投诉' });
    expect(await within(drawer).findByText('李先生')).toBeTruthy();
    expect(within(drawer).getByText(/已超时/)).toBeTruthy();
    expect(api.calls.find((c) => c.name === 'complaints.list')?.args).toMatchObject({
      scope: 'overdue',
    });
    expect(screen.getByRole('button', { name: '超时投诉 1 件' })).toBeTruthy();
  });

  it('agents see no header button; the tab lists mine (English)', async () => {
    mount(
      { 'complaints.list': () => ({ items: [summary()], more: false }) },
      { language: 'en' },
      createElement(ComplaintsPage),
    );
    expect(screen.queryByRole('button', { name: /Overdue complaints/ })).toBeNull();
    const region = screen.getByRole('region', { name: 'Complaint tickets' });
    expect(await within(region).findByText('李先生')).toBeTruthy();
    expect(within(region).getByText('Damage')).toBeTruthy();
    expect(within(region).getByRole('button', { name: /Register complaint/ })).toBeTruthy();
  });
});

describe('安抚致歉 and photos at registration', () => {
  /** A 1×1 PNG (its magic bytes are what counts). */
  const png = (name: string) =>
    new File(
      [
        Buffer.from(
          'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
          'base64',
        ),
      ],
      name,
      { type: 'image/png' },
    );

  /** A PNG whose check (its first bytes read) does not finish until `open()` is called. */
  const slowPng = (name: string) => {
    const photo = png(name);
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const slice = photo.slice.bind(photo);
    photo.slice = (...args: Parameters<Blob['slice']>) => {
      const part = slice(...args);
      const read = part.arrayBuffer.bind(part);
      part.arrayBuffer = () => gate.then(read);
      return part;
    };
    return { photo, open };
  };

  async function fillForm(user: ReturnType<typeof userEvent.setup>, dialog: HTMLElement) {
    await user.type(within(dialog).getByRole('spinbutton', { name: '重量（公斤）' }), '2.41');
    await user.type(within(dialog).getByRole('textbox', { name: '客户诉求（原话）' }), '赔偿');
    await user.type(within(dialog).getByRole('textbox', { name: '情况描述' }), '一块破损');
  }

  /** Main's side of the chunked upload: each begun, each chunk taken whole. */
  const uploads: Partial<Handlers> = {
    'complaints.attachBegin': ({ fileName }) => ({
      uploadId: `u-${fileName}`,
      chunkBytes: 512 * 1024,
    }),
    'complaints.attachChunk': ({ base64 }) => ({
      received: Buffer.from(base64, 'base64').length,
    }),
  };

  /** The form opened and filled, over a main that registers and takes every photo. */
  async function openFilledForm(user: ReturnType<typeof userEvent.setup>) {
    const { api, store } = mount({
      'complaints.register': () => ticket(),
      'complaints.list': () => ({ items: [], more: false }),
      ...uploads,
      'complaints.attachFinish': () => ticket(),
    });
    act(() => store.getState().openComplaintForm({ customerName: '李先生' }));
    const dialog = await screen.findByRole('dialog');
    await fillForm(user, dialog);
    return { api, dialog };
  }

  it(
    'a photo still being checked holds the registration: 登记 waits, then the ticket goes with the photo',
    { timeout: 120_000 },
    async () => {
      const user = userEvent.setup({ delay: null, applyAccept: false });
      const { api, dialog } = await openFilledForm(user);
      const { photo, open } = slowPng('slow.png');
      const photos = within(dialog).getByRole('region', { name: '照片（登记后上传）' });
      await user.upload(photos.querySelector('input[type=file]') as HTMLInputElement, photo);
      expect(await within(dialog).findByText('正在检查照片，请稍候再登记…')).toBeTruthy();
      const save = within(dialog).getByRole('button', { name: '登记' });
      expect(save).toHaveProperty('disabled', true);
      await user.click(save);
      expect(api.calls.some((c) => c.name === 'complaints.register')).toBe(false);
      open();
      await within(photos).findByText(/slow\.png/);
      await waitFor(() => expect(save).toHaveProperty('disabled', false));
      await user.click(save);
      await waitFor(() =>
        expect(api.calls.filter((c) => c.name === 'complaints.attachBegin')).toHaveLength(1),
      );
      expect(api.calls.filter((c) => c.name === 'complaints.register')).toHaveLength(1);
    },
  );

  it(
    'lists the photos in the order they were chosen, even when the first one is checked last',
    { timeout: 120_000 },
    async () => {
      const user = userEvent.setup({ delay: null, applyAccept: false });
      const { dialog } = await openFilledForm(user);
      const { photo: slow, open } = slowPng('first.png');
      const photos = within(dialog).getByRole('region', { name: '照片（登记后上传）' });
      // The file input is made anew after each choice: look it up each time.
      const input = () => photos.querySelector('input[type=file]') as HTMLInputElement;
      await user.upload(input(), slow);
      await user.upload(input(), png('second.png'));
      await within(photos).findByText(/second\.png/);
      open();
      await within(photos).findByText(/first\.png/);
      const names = within(photos)
        .getAllByRole('listitem')
        .map((li) => /\w+\.png/.exec(li.textContent ?? '')?.[0]);
      expect(names).toEqual(['first.png', 'second.png']);
    },
  );

  it(
    'takes at most 20 photos: the 21st is named as one too many and holds the registration until removed',
    { timeout: 120_000 },
    async () => {
      const user = userEvent.setup({ delay: null, applyAccept: false });
      const { api, dialog } = await openFilledForm(user);
      const photos = within(dialog).getByRole('region', { name: '照片（登记后上传）' });
      const input = photos.querySelector('input[type=file]') as HTMLInputElement;
      await user.upload(
        input,
        Array.from({ length: 21 }, (_, i) => png(`p${i + 1}.png`)),
      );
      const extra = await within(photos).findByText(/：每张工单最多 20 张照片$/);
      expect(within(photos).getAllByText(/：每张工单最多 20 张照片$/)).toHaveLength(1);
      await user.click(within(dialog).getByRole('button', { name: '登记' }));
      expect(await within(dialog).findByText('请先移除无法上传的照片')).toBeTruthy();
      expect(api.calls.some((c) => c.name === 'complaints.register')).toBe(false);
      const name = extra.textContent!.split('：')[0]!;
      expect(name).toBe('p21.png'); // the one chosen last
      await user.click(within(photos).getByRole('button', { name: `移除照片 ${name}` }));
      expect(within(photos).queryByText(/每张工单最多 20 张照片/)).toBeNull();
      await user.click(within(dialog).getByRole('button', { name: '登记' }));
      await waitFor(() =>
        expect(api.calls.filter((c) => c.name === 'complaints.attachFinish')).toHaveLength(20),
      );
      const sent = api.calls
        .filter((c) => c.name === 'complaints.attachBegin')
        .map((c) => (c.args as { fileName: string }).fileName);
      expect(sent).not.toContain(name);
      expect(api.calls.filter((c) => c.name === 'complaints.register')).toHaveLength(1);
    },
  );

  it(
    'the form asks whether the customer was soothed (unticked), takes photos and says which cannot go; main refusing one after registering loses nothing',
    { timeout: 120_000 },
    async () => {
      const user = userEvent.setup({ delay: null, applyAccept: false });
      let finished = 0;
      let registered = ticket();
      const { api, store } = mount({
        'complaints.register': (a) =>
          (registered = ticket({
            stepsDone: a.apologized ? ['apologize', 'register'] : ['register'],
          })),
        'complaints.list': () => ({ items: [], more: false }),
        ...uploads,
        'complaints.attachFinish': ({ uploadId }) => {
          if (uploadId === 'u-second.png') {
            throw new ContractError('BAD_ARGUMENT', 'Only JPEG, PNG, WebP or HEIC photos', [
              { path: 'file', message: 'not_image' },
            ]);
          }
          finished++;
          return registered;
        },
      });
      act(() => store.getState().openComplaintForm({ customerName: '李先生' }));
      const dialog = await screen.findByRole('dialog');
      const soothed = within(dialog).getByRole('checkbox', {
        name: '已安抚致歉（通话中已向客户安抚、致歉）',
      });
      expect(soothed).toHaveProperty('checked', false);
      await fillForm(user, dialog);

      const photos = within(dialog).getByRole('region', { name: '照片（登记后上传）' });
      const input = () => photos.querySelector('input[type=file]') as HTMLInputElement;
      const big = new File(['x'], 'big.jpg', { type: 'image/jpeg' });
      Object.defineProperty(big, 'size', { value: 50 * 1024 * 1024 });
      await user.upload(input(), [
        png('first.png'),
        new File(['%PDF-1.7 not a photo'], 'letter.jpg', { type: 'image/jpeg' }),
        big,
        new File([], 'empty.png', { type: 'image/png' }),
      ]);
      expect(
        await within(photos).findByText('letter.jpg：只能上传 JPEG、PNG、WebP 或 HEIC 照片'),
      ).toBeTruthy();
      expect(await within(photos).findByText('big.jpg：照片不能超过 10 MB')).toBeTruthy();
      expect(
        await within(photos).findByText('empty.png：照片是空文件（0 字节），请重新选择'),
      ).toBeTruthy();
      expect(within(photos).getByText(/first\.png/).textContent).not.toContain('：');
      // Nothing is registered while a photo that cannot go is listed.
      await user.click(within(dialog).getByRole('button', { name: '登记' }));
      expect(await within(dialog).findByText('请先移除无法上传的照片')).toBeTruthy();
      expect(api.calls.some((c) => c.name === 'complaints.register')).toBe(false);
      for (const name of ['letter.jpg', 'big.jpg', 'empty.png']) {
        await user.click(within(photos).getByRole('button', { name: `移除照片 ${name}` }));
      }
      await user.upload(input(), png('second.png'));
      await within(photos).findByText(/second\.png/);
      await user.click(soothed);
      await user.click(within(dialog).getByRole('button', { name: '登记' }));

      // Registered (soothed: ticked), then each photo sent in chunks; main refused the second.
      const drawer = await screen.findByRole('dialog', { name: /投诉工单 TS202611220001/ });
      const warning = await within(drawer).findByText('工单已登记，但以下照片未能上传：');
      expect(warning.closest('[role=alert]')!.textContent).toContain(
        'second.png：只能上传 JPEG、PNG、WebP 或 HEIC 照片',
      );
      expect(warning.closest('[role=alert]')!.textContent).not.toContain('first.png');
      const names = api.calls.map((c) => c.name).filter((n) => n.startsWith('complaints.'));
      expect(names.filter((n) => n !== 'complaints.list' && n !== 'complaints.preview')).toEqual([
        'complaints.register',
        'complaints.attachBegin',
        'complaints.attachChunk',
        'complaints.attachFinish',
        'complaints.attachBegin',
        'complaints.attachChunk',
        'complaints.attachFinish',
      ]);
      expect(api.calls.find((c) => c.name === 'complaints.register')?.args).toMatchObject({
        apologized: true,
        customerName: '李先生',
      });
      expect(finished).toBe(1);
      // The step list shows 安抚致歉 done.
      const done = [
        ...drawer.querySelectorAll('.ant-steps-item-finish:not(.ant-timeline-item)'),
      ].map((e) => e.textContent);
      expect(done).toEqual(['安抚致歉', '登记']);
    },
  );

  it('not ticked: registered without it; the owner records it late while at 登记, not after', async () => {
    let t = ticket({ stepsDone: ['register'] });
    const { api, store } = mount({
      'complaints.get': () => t,
      'complaints.advance': ({ step }) => {
        t = { ...t, stepsDone: [step, ...t.stepsDone] };
        return t;
      },
    });
    await act(() => store.getState().openTicket('t1'));
    const drawer = await screen.findByRole('dialog');
    const finished = () =>
      [...drawer.querySelectorAll('.ant-steps-item-finish:not(.ant-timeline-item)')].map(
        (e) => e.textContent,
      );
    expect(finished()).toEqual(['登记']);
    await userEvent.click(within(drawer).getByRole('button', { name: '补记「安抚致歉」' }));
    expect(api.calls.find((c) => c.name === 'complaints.advance')?.args).toEqual({
      id: 't1',
      step: 'apologize',
      note: null,
    });
    await waitFor(() => expect(finished()).toEqual(['安抚致歉', '登记']));
    expect(within(drawer).queryByRole('button', { name: '补记「安抚致歉」' })).toBeNull();
    // Past 登记: no such button.
    act(() =>
      store.setState({
        ticket: ticket({ step: 'negotiate', stepsDone: ['register', 'negotiate'] }),
      }),
    );
    expect(await within(drawer).findByRole('button', { name: '完成「答复」' })).toBeTruthy();
    expect(within(drawer).queryByRole('button', { name: '补记「安抚致歉」' })).toBeNull();
  });
});

describe('the lead’s settings cards (管理 → 设置)', () => {
  const lead = () => {
    const s = signedInSession();
    return { ...s, agent: { ...s.agent, role: 'lead' as const } };
  };

  it(
    'compensation terms: bad values said in Chinese and nothing sent; saved in fen; a refusal said',
    { timeout: 60_000 },
    async () => {
      const user = userEvent.setup({ delay: null });
      let forbid = false;
      const { api } = mount(
        {
          'complaints.setRules': (r) => {
            if (forbid) throw new ContractError('FORBIDDEN', 'Only a shift lead may do this');
            return r;
          },
        },
        { session: lead() },
        createElement(ComplaintRulesCard),
      );
      const card = await screen.findByRole('region', { name: '赔偿标准与投诉等级' });
      const field = (name: string) => within(card).getByRole('spinbutton', { name });
      await waitFor(() => expect(field('每公斤赔偿（元）')).toHaveProperty('value', '20.00'));
      expect(field('重大投诉起点（元）')).toHaveProperty('value', '5000.00');
      const set = async (name: string, value: string) => {
        await user.clear(field(name));
        if (value) await user.type(field(name), value);
      };
      await set('特大投诉起点（元）', '4000');
      await set('延误退还运费比例（%）', '150');
      await set('每公斤赔偿（元）', '');
      await user.click(within(card).getByRole('button', { name: '保存' }));
      expect(await within(card).findByText('特大投诉起点须高于重大投诉起点')).toBeTruthy();
      expect(await within(card).findByText('比例须在 0 到 100 之间')).toBeTruthy();
      expect(await within(card).findByText('金额须在 0.01 到 1,000,000 元之间')).toBeTruthy();
      expect(api.calls.some((c) => c.name === 'complaints.setRules')).toBe(false);

      await set('特大投诉起点（元）', '60000');
      await set('延误退还运费比例（%）', '50');
      await set('每公斤赔偿（元）', '30');
      await set('赔偿上限（元，可不填）', '500');
      await user.click(within(card).getByRole('button', { name: '保存' }));
      expect(await within(card).findByText('已保存，新登记的投诉按此计算')).toBeTruthy();
      expect(api.calls.find((c) => c.name === 'complaints.setRules')?.args).toEqual({
        uninsured: { kind: 'per_kg', fenPerKg: 3000, capFen: 50_000 },
        delayFreightRefund: 0.5,
        abnormalSignatureShare: 0.5,
        severity: { majorFen: 500_000, extraordinaryFen: 6_000_000 },
      });
      forbid = true;
      await user.click(within(card).getByRole('button', { name: '保存' }));
      expect(await within(card).findByText('无权执行此操作')).toBeTruthy();
      expect(card.textContent).not.toMatch(/FORBIDDEN|Only a shift lead/);
    },
  );

  it('letterhead: a hotline with letters and an empty department refused in Chinese; saved trimmed', async () => {
    const user = userEvent.setup({ delay: null });
    const { api } = mount(
      { 'documents.setLetterhead': (h) => h },
      { session: lead() },
      createElement(LetterheadCard),
    );
    const card = await screen.findByRole('region', { name: '函件抬头' });
    const box = (name: string) => within(card).getByRole('textbox', { name });
    await waitFor(() => expect(box('落款部门')).toHaveProperty('value', '客户服务部'));
    await user.type(box('客服热线'), '打400');
    await user.clear(box('落款部门'));
    await user.click(within(card).getByRole('button', { name: '保存' }));
    expect(await within(card).findByText('客服热线只能包含数字、空格和 + - ( )')).toBeTruthy();
    expect(await within(card).findByText('请填写落款部门')).toBeTruthy();
    expect(api.calls.some((c) => c.name === 'documents.setLetterhead')).toBe(false);
    await user.clear(box('客服热线'));
    await user.type(box('客服热线'), '400-800-1234');
    await user.type(box('落款部门'), '客户服务部');
    await user.type(box('公司名称（可不填）'), ' 速达快递有限公司 ');
    await user.click(within(card).getByRole('button', { name: '保存' }));
    expect(await within(card).findByText('已保存，之后打印的函件使用新抬头')).toBeTruthy();
    expect(api.calls.find((c) => c.name === 'documents.setLetterhead')?.args).toEqual({
      company: '速达快递有限公司',
      department: '客户服务部',
      hotline: '400-800-1234',
      address: '',
    });
  });

  it('are in the lead’s 管理 → 工作台设置', { timeout: 60_000 }, async () => {
    const user = userEvent.setup({ delay: null });
    const api = createFakeApi({
      ...baseHandlers,
      'auth.session': () => lead(),
      'admin.trackingSource': () => ({ kuaidi100: null }),
    });
    renderDesk(api);
    await user.click(await screen.findByRole('tab', { name: '管理', hidden: true }));
    const area = await screen.findByRole('region', { name: '值班长管理', hidden: true });
    await user.click(within(area).getByRole('tab', { name: '工作台设置', hidden: true }));
    expect(
      await within(area).findByRole('region', { name: '赔偿标准与投诉等级', hidden: true }),
    ).toBeTruthy();
    expect(
      await within(area).findByRole('region', { name: '函件抬头', hidden: true }),
    ).toBeTruthy();
    await waitFor(() =>
      expect(api.calls.map((c) => c.name)).toEqual(
        expect.arrayContaining(['complaints.rules', 'documents.letterhead']),
      ),
    );
  });

  it('speaks English', async () => {
    mount({}, { session: lead(), language: 'en' }, createElement(LetterheadCard));
    expect(await screen.findByRole('region', { name: 'Letterhead' })).toBeTruthy();
  });
});
