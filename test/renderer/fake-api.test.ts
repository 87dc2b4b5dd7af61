import { describe, expect, it } from 'vitest';
import { ContractError } from '@shared/common/errors';
import { baseHandlers, createFakeApi } from './fake-api';

describe('fake api', () => {
  it('refuses arguments the contract refuses, as main would', async () => {
    const api = createFakeApi({ 'waybill.get': () => ({}) as never });
    await expect(api.request('waybill.get', { number: '' })).rejects.toBeInstanceOf(ContractError);
  });

  it('refuses a result that main could never send', async () => {
    const api = createFakeApi({ 'desk.info': () => ({ host: 'web' }) as never });
    await expect(api.request('desk.info', {})).rejects.toThrow();
  });

  it('refuses an event payload that main could never send, and delivers good ones', () => {
    const api = createFakeApi(baseHandlers);
    const seen: unknown[] = [];
    api.on('waybill.refreshed', (p) => seen.push(p));
    expect(() => api.emit('waybill.refreshed', { number: 'SF1', extra: 1 } as never)).toThrow(
      /bad waybill.refreshed payload/,
    );
    expect(() => api.emit('screenPop.ready', { callId: 'c1' } as never)).toThrow(
      /bad screenPop.ready payload/,
    );
    api.emit('waybill.refreshed', { number: 'SF1' });
    expect(seen).toEqual([{ number: 'SF1' }]);
  });
});
