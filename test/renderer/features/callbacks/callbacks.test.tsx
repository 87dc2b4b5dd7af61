import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp, ConfigProvider } from 'antd';
import { createElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { Callback } from '@shared/callbacks/contract';
import { ContractError } from '@shared/common/errors';
import type { Handlers } from '@shared/contract';
import { DeskApiContext, DeskStoreContext } from '../../../../renderer/src/app/context';
import type { Language } from '../../../../renderer/src/app/i18n';
import { createDeskStore } from '../../../../renderer/src/app/store';
import { CallbacksHost, CallbacksPanel } from '../../../../renderer/src/features/callbacks';
import { baseHandlers, createFakeApi, idlePhone } from '../../fake-api';
import { createTestI18n, signedInSession } from '../../fixtures';

const now = Date.now();
const cb = (over: Partial<Callback> = {}): Callback => ({
  id: 'cb1',
  ownerName: '张伟',
  customerName: '王芳',
  numberMasked: '139****5678',
  reason: '查询理赔进度后回复客户',
  dueAt: now + 45 * 60_000,
  createdAt: now - 60_000,
  callId: null,
  waybillNumber: null,
  overdue: false,
  closedAt: null,
  outcome: null,
  note: null,
  ...over,
});

function mount(handlers: Partial<Handlers>, language: Language = 'zh-CN') {
  const api = createFakeApi({
    ...baseHandlers,
    'auth.session': () => signedInSession(),
    ...handlers,
  });
  const store = createDeskStore(api, language);
  store.setState({
    session: signedInSession(),
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
            createElement(
              AntApp,
              null,
              createElement(CallbacksPanel),
              createElement(CallbacksHost),
            ),
          ),
        ),
      ),
    ),
  );
  return { api, store };
}

describe('my call-backs', () => {
  it('lists open call-backs masked, overdue in red; dial and close go to main', async () => {
    let open = [
      cb(),
      cb({ id: 'cb2', customerName: null, numberMasked: '010****4321', dueAt: now - 60_000 }),
    ];
    const { api, store } = mount({
      'callbacks.mine': () => open,
      'callbacks.dial': () => idlePhone,
      'callbacks.close': ({ id, outcome }) => {
        open = open.filter((c) => c.id !== id);
        return cb({ id, closedAt: now, outcome });
      },
    });
    await act(() => store.getState().loadCallbacks());
    const list = screen.getByRole('region', { name: '我的回电' });
    expect(within(list).getByText('139****5678')).toBeTruthy();
    expect(within(list).getByText('已超时')).toBeTruthy();
    expect(within(list).getByText('未识别客户')).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/1\d{10}/);
    await userEvent.click(screen.getByRole('button', { name: '回拨 139****5678' }));
    expect(api.calls.find((c) => c.name === 'callbacks.dial')?.args).toEqual({ id: 'cb1' });
    await userEvent.click(screen.getByRole('button', { name: '完成 139****5678' }));
    await userEvent.click(await screen.findByRole('button', { name: '完成' }));
    await waitFor(() =>
      expect(api.calls.find((c) => c.name === 'callbacks.close')?.args).toEqual({
        id: 'cb1',
        outcome: 'reached',
        note: null,
      }),
    );
    await waitFor(() => expect(screen.queryByText('139****5678')).toBeNull());
  });

  it('promising: a typed number and a quick due time; main’s refusal lands at its field', async () => {
    const { api, store } = mount({
      'callbacks.mine': () => [],
      'callbacks.promise': ({ number }) => {
        if (number === '12345')
          throw new ContractError('BAD_ARGUMENT', 'Not a phone number', [
            { path: 'number', message: 'phone_invalid' },
          ]);
        return cb();
      },
    });
    await act(() => store.getState().loadCallbacks());
    await userEvent.keyboard('{Alt>}g{/Alt}'); // Alt+G, as shown on the button

    const dialog = await screen.findByRole('dialog');
    // Nothing filled in: the form says what is missing and sends nothing.
    await userEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    expect(await within(dialog).findByText('请填写回电号码')).toBeTruthy();
    expect(await within(dialog).findByText('请填写回电事由')).toBeTruthy();
    expect(api.calls.some((c) => c.name === 'callbacks.promise')).toBe(false);
    await userEvent.type(within(dialog).getByRole('textbox', { name: '回电号码' }), '12345');
    await userEvent.type(within(dialog).getByRole('textbox', { name: '回电事由' }), '回复理赔进度');
    await userEvent.click(within(dialog).getByRole('radio', { name: '30分钟后' }));
    await userEvent.click(within(dialog).getByRole('button', { name: '保存' }));
    expect(await within(dialog).findByText('请填写正确的手机号或带区号的固话')).toBeTruthy();
    const sent = api.calls.find((c) => c.name === 'callbacks.promise')?.args as {
      dueAt: number;
      reason: string;
    };
    expect(sent.reason).toBe('回复理赔进度');
    expect(Math.abs(sent.dueAt - (Date.now() + 30 * 60_000))).toBeLessThan(60_000);
  });

  it('a reminder from main shows the call-back (masked) with 现在回拨', async () => {
    const { api, store } = mount({
      'callbacks.mine': () => [cb()],
      'callbacks.dial': () => idlePhone,
    });
    await act(() => store.getState().loadCallbacks());
    act(() => api.emit('callbacks.changed', { id: 'cb1', due: true }));
    expect(await screen.findByText('回电提醒')).toBeTruthy();
    expect(screen.getByText(/给 王芳（139\*\*\*\*5678）回电：查询理赔进度后回复客户/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: '现在回拨' }));
    expect(api.calls.find((c) => c.name === 'callbacks.dial')?.args).toEqual({ id: 'cb1' });
    expect(store.getState().callbacksDue).toEqual([]);
  });

  it('English', async () => {
    const { store } = mount({ 'callbacks.mine': () => [cb()] }, 'en');
    await act(() => store.getState().loadCallbacks());
    expect(screen.getByRole('region', { name: 'My call-backs' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Call back 139****5678' })).toBeTruthy();
  });
});
