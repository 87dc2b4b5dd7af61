import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { SipHealth } from '@shared/softphone/contract';
import type { Language } from '../../../../renderer/src/app/i18n';
import { baseHandlers, createFakeApi } from '../../fake-api';
import { renderDesk, signedInSession } from '../../fixtures';

const health = (patch: Partial<SipHealth>): SipHealth => ({
  state: 'connecting',
  lastError: null,
  rttMs: null,
  since: 1,
  attempts: 0,
  failure: null,
  ...patch,
});

/** Every way the chip can look while the phone is not working, in both languages (ADR 0011). */
const cases: [string, Partial<SipHealth>, Record<Language, string>][] = [
  [
    'no account',
    { state: 'unconfigured' },
    { 'zh-CN': '未分配软电话账号', en: 'No softphone account assigned' },
  ],
  [
    'unreachable',
    {
      state: 'connecting',
      failure: 'unreachable',
      attempts: 3,
      lastError: 'WebSocket closed ws://pbx:8080 (code: 1006)',
    },
    { 'zh-CN': '无法连接软电话服务器', en: 'Cannot reach the phone server' },
  ],
  [
    'auth',
    { state: 'failed', failure: 'auth', lastError: 'REGISTER rejected: 401 Unauthorized' },
    { 'zh-CN': '软电话账号或密码错误', en: 'Softphone account or password wrong' },
  ],
  [
    'tls',
    { state: 'connecting', failure: 'tls', attempts: 1, lastError: 'self-signed certificate' },
    { 'zh-CN': '软电话服务器证书无效', en: 'Phone server certificate not trusted' },
  ],
  [
    'timeout',
    { state: 'connecting', failure: 'timeout', attempts: 2, lastError: 'closed before open' },
    { 'zh-CN': '软电话服务器无响应', en: 'Phone server not answering' },
  ],
  [
    'other',
    { state: 'failed', failure: 'other', lastError: 'REGISTER rejected: 500 Server Error' },
    { 'zh-CN': '软电话注册失败', en: 'Softphone registration failed' },
  ],
];

describe('softphone chip: why the phone does not work, in the agent’s language', () => {
  for (const language of ['zh-CN', 'en'] as const) {
    it(`${language}: each failure has its own text, and the detail is in the tooltip`, async () => {
      const user = userEvent.setup();
      const api = createFakeApi({ ...baseHandlers, 'auth.session': () => signedInSession() });
      renderDesk(api, language);
      const chipName = language === 'en' ? 'Softphone' : '软电话';
      const chip = await screen.findByRole('status', { name: chipName });
      const shown = new Set<string>();
      for (const [label, patch, text] of cases) {
        act(() => api.emit('softphone.health', health(patch)));
        expect(chip.textContent, label).toBe(text[language]);
        shown.add(chip.textContent!);
        // The technical detail (and the retrying) is one hover away, not on the chip.
        if (patch.lastError) {
          await user.hover(chip);
          const tip = await screen.findByRole('tooltip');
          await waitFor(() => expect(tip.textContent).toContain(patch.lastError!));
          if (patch.state === 'connecting') {
            expect(tip.textContent).toMatch(
              language === 'en' ? /Retrying \(attempt \d+\)/ : /正在自动重试（第 \d+ 次）/,
            );
          }
          await user.unhover(chip);
        }
      }
      expect(shown.size).toBe(cases.length);
      // Connecting with no failure yet, and registered, are what they were.
      act(() => api.emit('softphone.health', health({ state: 'connecting' })));
      expect(chip.textContent).toBe(language === 'en' ? 'Softphone connecting…' : '软电话连接中…');
      act(() => api.emit('softphone.health', health({ state: 'registered', rttMs: 8 })));
      expect(chip.textContent).toBe(
        language === 'en' ? 'Softphone registered · 8 ms' : '软电话已注册 · 8 ms',
      );
    });
  }

  it('a refused 示闲 is explained in the agent’s language', async () => {
    const user = userEvent.setup();
    const { ContractError } = await import('@shared/common/errors');
    const api = createFakeApi({
      ...baseHandlers,
      'auth.session': () => signedInSession({ status: 'not_ready', reason: 'login' }),
      'agent.setState': () => {
        throw new ContractError('NO_SIP_ACCOUNT', 'Agent 1001 has no SIP account');
      },
    });
    renderDesk(api);
    await user.click(await screen.findByRole('button', { name: /^示闲/ }));
    expect(await screen.findByText('未分配软电话账号，不能示闲，请联系值班长')).toBeTruthy();
  });
});
