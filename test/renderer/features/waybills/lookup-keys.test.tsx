/**
 * 查件 as a seat agent works it, keyboard first: the check-digit suggestion is a search one click
 * away, a single exact number opens at once, and the results are reached and opened with the keys.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Handlers, SearchResult, WaybillDetail, WaybillRow } from '@shared/contract';
import { recogniseWaybill } from '@shared/waybills/waybill';
import { baseHandlers, createFakeApi } from '../../fake-api';
import { renderDesk, signedInSession } from '../../fixtures';

/** antd re-renders a whole form per field update in jsdom: give it time on a busy machine. */
const until = (check: () => void) => waitFor(check, { timeout: 5000 });

const row = (id: string, number: string): WaybillRow => ({
  id,
  number,
  carrier: 'EMS',
  status: 'IN_TRANSIT',
  originCity: '安庆市',
  destCity: '杭州市',
  senderName: '刘明',
  receiverName: '王芳',
  createdAt: Date.UTC(2026, 10, 14),
  promisedAt: null,
  lastEventAt: Date.UTC(2026, 10, 15),
  lastEventText: '【合肥转运中心】已发出',
});

const detailOf = (r: WaybillRow): WaybillDetail => ({
  waybill: {
    ...r,
    senderPhoneMasked: '139****0562',
    receiverPhoneMasked: '138****0001',
    senderAddress: '安徽省安庆市迎江区人民路88号',
    receiverAddress: '浙江省杭州市西湖区文化路12号',
    serviceType: '标准快递',
    itemDescription: '文件',
    weightG: 200,
    declaredValueFen: null,
    insured: false,
    freightFen: 1200,
  },
  events: [],
  anomalies: [],
  notes: [],
  asOf: null,
  source: 'mirror',
});

const result = (kind: SearchResult['kind'], rows: WaybillRow[], text = ''): SearchResult => ({
  kind,
  invalidReason: null,
  rows,
  truncated: false,
  matchedCustomers: kind === 'name' ? 1 : 0,
  recognition: kind.startsWith('waybill') ? recogniseWaybill(text) : null,
});

const threeRows = [
  row('w1', 'EA100000001CN'),
  row('w2', 'EA100000002CN'),
  row('w3', 'EA100000003CN'),
];
const exact = row('w9', 'EA123456785CN');

function setup(search: Handlers['search.query']) {
  const api = createFakeApi({
    ...baseHandlers,
    'auth.session': () => signedInSession({ status: 'not_ready', reason: 'login' }),
    'search.query': search,
    'waybill.get': ({ number }) =>
      detailOf([...threeRows, exact].find((r) => r.number === number) ?? exact),
  });
  renderDesk(api);
  return api;
}

const requested = (api: ReturnType<typeof setup>, name: string) =>
  api.calls.filter((c) => c.name === name).map((c) => c.args);

describe('the S10 check-digit suggestion', () => {
  it('is a button that searches the corrected number (and opens it, the single exact hit)', async () => {
    const user = userEvent.setup({ delay: null });
    const api = setup(({ text }) =>
      text === exact.number ? result('waybill', [exact], text) : result('waybill_prefix', [], text),
    );
    const box = await screen.findByRole('searchbox', { name: '查件搜索' });
    await user.type(box, 'EA123456784CN{Enter}');
    expect(await screen.findByText('校验位可能输错，是否为 EA123456785CN？')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '查询 EA123456785CN' }));
    await until(() =>
      expect(requested(api, 'search.query')).toEqual([
        { text: 'EA123456784CN', limit: 1000 },
        { text: 'EA123456785CN', limit: 1000 },
      ]),
    );
    expect((box as HTMLInputElement).value).toBe('EA123456785CN');
    const drawer = await screen.findByRole('dialog', { name: /运单详情 EA123456785CN/ });
    expect(drawer).toBeTruthy();
  });
});

describe('a single exact hit', () => {
  it('opens its detail at once; a lone prefix match or a customer’s one parcel does not', async () => {
    const user = userEvent.setup({ delay: null });
    const api = setup(({ text }) =>
      text.toUpperCase() === exact.number
        ? result('waybill', [exact], text)
        : text === 'EA1234'
          ? result('waybill_prefix', [exact], text)
          : result('name', [exact]),
    );
    const box = await screen.findByRole('searchbox', { name: '查件搜索' });
    await user.type(box, 'EA1234{Enter}');
    await screen.findByText('识别为：运单号前缀');
    await user.clear(box);
    await user.type(box, '刘明{Enter}');
    await screen.findByText('识别为：姓名/公司');
    expect(requested(api, 'waybill.get')).toEqual([]);
    expect(screen.queryByRole('dialog')).toBeNull();

    await user.clear(box);
    await user.type(box, 'ea123456785cn{Enter}');
    await screen.findByRole('dialog', { name: /运单详情 EA123456785CN/ });
    expect(requested(api, 'waybill.get')).toEqual([{ number: 'EA123456785CN' }]);
  });
});

describe('keyboard through the results', () => {
  it('↓ from the box into the rows, ↑/↓ along them, Esc back to the box, Enter opens the row', async () => {
    const user = userEvent.setup({ delay: null });
    const api = setup(() => result('name', threeRows));
    const box = await screen.findByRole('searchbox', { name: '查件搜索' });
    expect(box.getAttribute('aria-describedby')).toBe('lookup-keys');
    expect(document.getElementById('lookup-keys')?.textContent).toBe(
      '↓ 进入结果列表，Enter 打开，Esc 返回搜索框',
    );
    await user.type(box, '刘明{Enter}');
    const results = await screen.findByRole('region', { name: '查询结果' });
    await within(results).findByText('EA100000003CN');
    const rowOf = (number: string) =>
      within(results).getByText(number).closest<HTMLElement>('[role="row"]');

    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(rowOf('EA100000001CN'));
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}'); // stops at the last row
    expect(document.activeElement).toBe(rowOf('EA100000003CN'));
    await user.keyboard('{ArrowUp}');
    expect(document.activeElement).toBe(rowOf('EA100000002CN'));
    await user.keyboard('{Escape}');
    expect(document.activeElement).toBe(box);
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowUp}{ArrowUp}');
    expect(document.activeElement).toBe(box); // ↑ from the first row is the box again
    expect(requested(api, 'waybill.get')).toEqual([]);

    await user.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    await screen.findByRole('dialog', { name: /运单详情 EA100000002CN/ });
    expect(requested(api, 'waybill.get')).toEqual([{ number: 'EA100000002CN' }]);
  });
});
