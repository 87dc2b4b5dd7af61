/**
 * The orders feature rendered on its own (the shell mounts it; App.tsx is not ours to change):
 * the same providers as <App>, a fake api with the shipped rate table and a seeded customer.
 */
import { render } from '@testing-library/react';
import { App as AntApp, ConfigProvider } from 'antd';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { Handlers, RequestResult } from '@shared/contract';
import type { OrderSummary } from '@shared/orders/contract';
import { rateTableSchema } from '@shared/orders/rates';
import shipped from '../../../../resources/rates/standard.json';
import { DeskApiContext, DeskStoreContext } from '../../../../renderer/src/app/context';
import type { Language } from '../../../../renderer/src/app/i18n';
import type { DeskStore } from '../../../../renderer/src/app/store';
import { createDeskStore } from '../../../../renderer/src/app/store';
import type { FakeApi } from '../../fake-api';
import { createFakeApi } from '../../fake-api';
import { createTestI18n, signedInSession } from '../../fixtures';

export const table = rateTableSchema.parse(shipped);
export const CUSTOMER = '0190f3a2-7c1e-7b8a-9d2e-3f4a5b6c7d8e';
export const PHONE_REF = `@customer:${CUSTOMER}:0`;
/** The customer's number on record: it must never reach the screen. */
export const FULL_PHONE = '13800138000';

export const context = (): RequestResult<'orders.context'> => ({
  today: '2026-12-02',
  priorClaim: false,
  customerClass: 'B',
  customer: {
    id: CUSTOMER,
    name: '张伟',
    province: '广东省',
    city: '深圳市',
    address: '广东省深圳市南山区科苑路15号',
    phones: [{ ref: PHONE_REF, masked: '138****8000' }],
  },
  recent: [],
});

export function summary(patch: Partial<OrderSummary> = {}): OrderSummary {
  return {
    id: 'o1',
    number: 'DD20261202000001',
    createdAt: Date.UTC(2026, 11, 2, 2, 30),
    version: 1,
    agentName: '张伟',
    customerName: '张伟',
    senderName: '张伟',
    recipientName: '李娜',
    goods: '笔记本电脑',
    category: 'electronics',
    totalFen: 4100,
    premiumFen: 3000,
    declaredValueFen: 300000,
    insurance: 'accepted',
    delivery: 'queued',
    attempts: 0,
    lastError: null,
    remoteRef: null,
    amended: false,
    ...patch,
  };
}

export function ordersApi(overrides: Partial<Handlers> = {}): FakeApi {
  return createFakeApi({
    'orders.rateTable': () => table,
    'orders.context': context,
    ...overrides,
  });
}

export function renderOrders(api: FakeApi, ui: ReactNode, language: Language = 'zh-CN'): DeskStore {
  const store = createDeskStore(api, language);
  store.setState({ session: signedInSession() });
  render(
    <I18nextProvider i18n={createTestI18n(language)}>
      <ConfigProvider>
        <AntApp>
          <DeskApiContext.Provider value={api}>
            <DeskStoreContext.Provider value={store}>{ui}</DeskStoreContext.Provider>
          </DeskApiContext.Provider>
        </AntApp>
      </ConfigProvider>
    </I18nextProvider>,
  );
  return store;
}

/** The error text shown for a control: what its aria-describedby points at. */
export function errorOf(control: HTMLElement): string | null {
  const ids = control.getAttribute('aria-describedby');
  if (!ids) return null;
  return ids
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join('');
}
