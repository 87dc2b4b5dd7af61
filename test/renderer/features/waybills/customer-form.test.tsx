/**
 * 新建客户 from the card of a number nobody has: every control named, each problem in the agent's
 * language next to its field (found by the form's own check or by main's), and the card showing
 * the customer once created.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Handlers, ScreenPop } from '@shared/contract';
import { ContractError } from '@shared/common/errors';
import type { Language } from '../../../../renderer/src/app/i18n';
import { baseHandlers, createFakeApi } from '../../fake-api';
import { renderDesk, signedInSession } from '../../fixtures';

/** antd re-renders a whole form per field update in jsdom: give it time on a busy machine. */
const until = (check: () => void) => waitFor(check, { timeout: 5000 });

const NUMBER = '13905620562';
const liuMing = {
  id: 'c-new',
  name: '刘明',
  company: null,
  class: 'B' as const,
  keyAccountTier: null,
  city: '安庆市',
};

function setup(overrides: Partial<Handlers> = {}, language: Language = 'zh-CN') {
  let known = false;
  const api = createFakeApi({
    ...baseHandlers,
    'auth.session': () => signedInSession({ status: 'not_ready', reason: 'login' }),
    'search.query': () => ({
      kind: 'phone',
      invalidReason: null,
      rows: [],
      truncated: false,
      matchedCustomers: known ? 1 : 0,
      recognition: null,
    }),
    'screenPop.lookup': ({ number }): ScreenPop => ({
      number,
      customers: known ? [liuMing] : [],
      waybills: [],
      lastContacts: [],
    }),
    'customer.create': (c) => {
      known = true;
      return {
        customer: {
          id: 'c-new',
          name: c.name,
          company: c.company,
          class: c.class,
          province: c.province,
          city: c.city,
          address: `${c.province}${c.city}${c.detail}`,
          phonesMasked: c.phones.map((p) => `${p.slice(0, 3)}****${p.slice(-4)}`),
        },
        sharedPhones: [],
      };
    },
    ...overrides,
  });
  renderDesk(api, language);
  return api;
}

async function openForm(user: ReturnType<typeof userEvent.setup>, names = zh) {
  await user.type(await screen.findByRole('searchbox', { name: names.search }), `${NUMBER}{Enter}`);
  const card = await screen.findByRole('region', { name: names.card });
  expect(within(card).getByText(names.unknown)).toBeTruthy();
  await user.click(within(card).getByRole('button', { name: names.create }));
  return screen.findByRole('dialog', { name: names.create });
}

const zh = {
  search: '查件搜索',
  card: '来电客户',
  unknown: '未识别的号码：可新建客户，或按运单号查询',
  create: '新建客户',
};

/** The error text shown for a control: what its aria-describedby points at. */
function errorOf(control: HTMLElement): string | null {
  const id = control.getAttribute('aria-describedby');
  return id ? (document.getElementById(id)?.textContent ?? null) : null;
}

async function choose(
  user: ReturnType<typeof userEvent.setup>,
  dialog: HTMLElement,
  name: string,
  option: string,
) {
  const box = within(dialog).getByRole('combobox', { name });
  await user.click(box);
  await user.type(box, option);
  const match = await screen.findAllByTitle(option);
  await user.click(match[match.length - 1]!);
}

describe('新建客户 for an unknown number', () => {
  it('names every control and starts from the number on the card', async () => {
    const user = userEvent.setup({ delay: null });
    setup();
    const dialog = await openForm(user);
    const f = within(dialog);
    expect((f.getByRole('textbox', { name: '电话 1' }) as HTMLInputElement).value).toBe(NUMBER);
    for (const name of ['姓名', '详细地址', '公司（选填）'])
      expect(f.getByRole('textbox', { name })).toBeTruthy();
    for (const name of ['省份', '城市']) expect(f.getByRole('combobox', { name })).toBeTruthy();
    const classes = f.getByRole('radiogroup', { name: '客户类别' });
    expect(
      within(classes)
        .getAllByRole('radio')
        .map((r) => r.closest('label')?.textContent),
    ).toEqual(['A 类', 'B 类', 'C 类']);
    expect(within(classes).getByRole('radio', { name: 'C 类' })).toHaveProperty('checked', true);
    for (const name of ['添加电话', '保存', '取消'])
      expect(f.getByRole('button', { name })).toBeTruthy();
    await user.click(f.getByRole('button', { name: '添加电话' }));
    expect(f.getByRole('textbox', { name: '电话 2' })).toBeTruthy();
    expect(f.getByRole('button', { name: '删除电话 2' })).toBeTruthy();
  });

  it('shows each problem next to its field in Chinese, and sends nothing while any is left', async () => {
    const user = userEvent.setup({ delay: null });
    const api = setup();
    const dialog = await openForm(user);
    const f = within(dialog);
    await user.clear(f.getByRole('textbox', { name: '电话 1' }));
    await user.type(f.getByRole('textbox', { name: '电话 1' }), '12345');
    await user.click(f.getByRole('button', { name: '添加电话' }));
    await user.type(f.getByRole('textbox', { name: '电话 2' }), '12345');
    await user.type(f.getByRole('textbox', { name: '姓名' }), '刘'.repeat(41));
    await user.click(f.getByRole('button', { name: '保存' }));

    await until(() =>
      expect(errorOf(f.getByRole('textbox', { name: '姓名' }))).toBe('不能超过 40 个字'),
    );
    expect(f.getByRole('textbox', { name: '姓名' }).getAttribute('aria-invalid')).toBe('true');
    expect(errorOf(f.getByRole('textbox', { name: '电话 1' }))).toBe(
      '不是有效的手机或固定电话号码',
    );
    expect(errorOf(f.getByRole('textbox', { name: '电话 2' }))).toBe(
      '不是有效的手机或固定电话号码',
    );
    expect(errorOf(f.getByRole('combobox', { name: '省份' }))).toBe('请填写此项');
    expect(errorOf(f.getByRole('combobox', { name: '城市' }))).toBe('请填写此项');
    expect(errorOf(f.getByRole('textbox', { name: '详细地址' }))).toBe('请填写此项');
    expect(api.calls.filter((c) => c.name === 'customer.create')).toEqual([]);

    // Fixing a field clears its error; a number typed twice is caught.
    await user.clear(f.getByRole('textbox', { name: '电话 1' }));
    await user.type(f.getByRole('textbox', { name: '电话 1' }), NUMBER);
    await until(() => expect(errorOf(f.getByRole('textbox', { name: '电话 1' }))).toBeNull());
    await user.clear(f.getByRole('textbox', { name: '电话 2' }));
    await user.type(f.getByRole('textbox', { name: '电话 2' }), '+86 139 0562 0562');
    await user.click(f.getByRole('button', { name: '保存' }));
    await until(() =>
      expect(errorOf(f.getByRole('textbox', { name: '电话 2' }))).toBe('与前面的号码重复'),
    );
    expect(api.calls.filter((c) => c.name === 'customer.create')).toEqual([]);
  });

  it('puts main’s refusals next to their fields too', async () => {
    const user = userEvent.setup({ delay: null });
    const api = setup({
      'customer.create': () => {
        throw new ContractError('BAD_ARGUMENT', 'Invalid customer', [
          { path: 'city', message: 'unknown_city' },
          { path: 'phones.0', message: 'phone_invalid' },
        ]);
      },
    });
    const dialog = await openForm(user);
    const f = within(dialog);
    await user.type(f.getByRole('textbox', { name: '姓名' }), '刘明');
    await choose(user, dialog, '省份', '安徽省');
    await choose(user, dialog, '城市', '安庆市');
    await user.type(f.getByRole('textbox', { name: '详细地址' }), '迎江区人民路88号');
    await user.click(f.getByRole('button', { name: '保存' }));
    await until(() =>
      expect(errorOf(f.getByRole('combobox', { name: '城市' }))).toBe('请选择该省份下的城市'),
    );
    expect(errorOf(f.getByRole('textbox', { name: '电话 1' }))).toBe(
      '不是有效的手机或固定电话号码',
    );
    expect(api.calls.filter((c) => c.name === 'customer.create')).toHaveLength(1);
    expect(screen.getByRole('dialog', { name: '新建客户' })).toBeTruthy(); // still open
  });

  it('creates the customer and the card shows them, with a warning for a shared phone', async () => {
    const user = userEvent.setup({ delay: null });
    const api = setup({
      'customer.create': (c) => ({
        customer: {
          id: 'c-new',
          name: c.name,
          company: c.company,
          class: c.class,
          province: c.province,
          city: c.city,
          address: `${c.province}${c.city}${c.detail}`,
          phonesMasked: ['139****0562'],
        },
        sharedPhones: [
          { phoneMasked: '139****0562', customers: [{ id: 'c-old', name: '刘小明' }] },
        ],
      }),
      'screenPop.lookup': ({ number }) => ({
        number,
        customers: api.calls.some((c) => c.name === 'customer.create') ? [liuMing] : [],
        waybills: [],
        lastContacts: [],
      }),
    });
    const dialog = await openForm(user);
    const f = within(dialog);
    await user.type(f.getByRole('textbox', { name: '姓名' }), ' 刘明 ');
    await choose(user, dialog, '省份', '安徽省');
    await choose(user, dialog, '城市', '安庆市');
    await user.type(f.getByRole('textbox', { name: '详细地址' }), '迎江区人民路88号');
    await user.click(f.getByRole('radio', { name: 'B 类' }));
    await user.click(f.getByRole('button', { name: '保存' }));

    const card = await screen.findByRole('region', { name: '来电客户' });
    await within(card).findByText('刘明');
    expect(within(card).getByText('B 类客户')).toBeTruthy();
    expect(within(card).queryByText(zh.unknown)).toBeNull();
    const notice = within(card).getByRole('status');
    expect(notice.textContent).toContain('已新建客户 刘明');
    expect(notice.textContent).toContain(
      '号码 139****0562 也登记在 刘小明 名下（可能为家人或同事共用），来电时请确认是哪位客户',
    );
    await until(() => expect(screen.queryByRole('dialog', { name: '新建客户' })).toBeNull());
    expect(api.calls.find((c) => c.name === 'customer.create')?.args).toEqual({
      name: ' 刘明 ',
      phones: [NUMBER],
      province: '安徽省',
      city: '安庆市',
      detail: '迎江区人民路88号',
      class: 'B',
      company: '',
    });
  });

  it('speaks English too', async () => {
    const user = userEvent.setup({ delay: null });
    setup({}, 'en');
    const dialog = await openForm(user, {
      search: 'Lookup search',
      card: 'Caller',
      unknown: 'Unknown number: create a customer, or look up by waybill number',
      create: 'New customer',
    });
    const f = within(dialog);
    for (const name of ['Name', 'Phone 1', 'Address', 'Company (optional)'])
      expect(f.getByRole('textbox', { name })).toBeTruthy();
    for (const name of ['Province', 'City']) expect(f.getByRole('combobox', { name })).toBeTruthy();
    expect(f.getByRole('radiogroup', { name: 'Customer class' })).toBeTruthy();
    await user.clear(f.getByRole('textbox', { name: 'Phone 1' }));
    await user.click(f.getByRole('button', { name: 'Save' }));
    await until(() => expect(errorOf(f.getByRole('textbox', { name: 'Name' }))).toBe('Required'));
    expect(errorOf(f.getByRole('textbox', { name: 'Phone 1' }))).toBe('Required');
    expect(errorOf(f.getByRole('combobox', { name: 'City' }))).toBe('Required');
  });
});
