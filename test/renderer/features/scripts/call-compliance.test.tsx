import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ComplianceRecord } from '@shared/scripts/contract';
import { noEvidence } from '@shared/scripts/evidence';
import type { CallRecord } from '@shared/softphone/contract';
import type { FakeApi } from '../../fake-api';
import { baseHandlers, createFakeApi } from '../../fake-api';
import { renderDesk, signedInSession } from '../../fixtures';

const at = Date.UTC(2026, 11, 2, 2, 0, 0);
const call = (id: string, answered: boolean): CallRecord => ({
  id,
  sipCallId: `${id}@pbx`,
  direction: 'inbound',
  remoteNumber: '13912345678',
  remoteNumberRaw: null,
  remoteName: null,
  customerId: null,
  customerName: '王芳',
  waybillNumbers: [],
  offeredAt: at,
  answeredAt: answered ? at + 5_000 : null,
  endedAt: at + 120_000,
  endCause: answered ? 'remote_hangup' : 'ring_timeout',
  hungUpBy: 'remote',
  holdMs: 0,
  holdCount: 0,
  transferTarget: null,
  transferResult: null,
  acwEndedAt: at + 150_000,
  disposition: answered ? 'chase_delivery' : null,
  autoClassified: false,
  notes: null,
});

const record: ComplianceRecord = {
  callId: 'k1',
  agent: { employeeNo: '1001', name: '张伟' },
  script: { key: 'chase_delivery', version: 2, title: '催派' },
  startedAt: at + 5_000,
  closedAt: at + 120_000,
  checkpoints: [
    { item: 'greeting', required: true, outcome: 'met' },
    { item: 'recording_notice', required: true, outcome: 'met' },
    { item: 'hold_etiquette', required: false, outcome: 'skipped' },
    { item: 'closing', required: true, outcome: 'open' },
  ],
  captured: { callback_at: '2026-12-03 15:00' },
  path: [],
  suggestedDisposition: 'chase_delivery',
  openReason: '客户急于挂断',
  evidence: noEvidence,
};

async function setup(language: 'zh-CN' | 'en', compliance: (id: string) => unknown) {
  const api: FakeApi = createFakeApi({
    ...baseHandlers,
    'auth.session': () => signedInSession({ status: 'ready' }, at),
    'call.history': () => [call('k1', true), call('k2', true), call('k3', false)],
    'scripts.compliance': ({ callId }) => compliance(callId) as ComplianceRecord | null,
  });
  renderDesk(api, language);
  await userEvent.click(
    await screen.findByRole('tab', { name: language === 'en' ? 'Shift' : '本班次' }),
  );
  const table = await screen.findByRole('table', {
    name: language === 'en' ? 'My recent calls' : '我的最近通话',
  });
  return { api, table };
}

describe('call history: script compliance per call', () => {
  it('shows the script and version, met/skipped/open, and the reason for open items', async () => {
    const user = userEvent.setup();
    const { api, table } = await setup('zh-CN', (id) => {
      if (id === 'k1') return record;
      if (id === 'k2') return null;
      throw new Error('only answered calls are asked');
    });
    const rows = () => within(table).getAllByRole('row').slice(1);
    await waitFor(() => expect(rows()[0]!.textContent).toContain('催派（第 2 版）'));
    expect(rows()[0]!.textContent).toContain('已完成 2');
    expect(rows()[0]!.textContent).toContain('已跳过 1');
    expect(rows()[0]!.textContent).toContain('未完成 1');
    expect(rows()[1]!.textContent).toContain('—');
    // The unanswered call is not asked about.
    expect(api.calls.filter((c) => c.name === 'scripts.compliance').map((c) => c.args)).toEqual([
      { callId: 'k1' },
      { callId: 'k2' },
    ]);

    await user.click(within(rows()[0]!).getByRole('button', { name: /展开/ }));
    const details = await screen.findByRole('region', { name: '话术合规' });
    expect(
      within(details)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['已完成开场问候并报工号', '已完成告知通话录音', '未完成结束语', '已跳过等待礼仪']);
    expect(details.textContent).toContain('未完成原因：客户急于挂断');
    // No ids on screen.
    for (const id of ['chase_delivery', 'hold_etiquette', 'closing', 'k1'])
      expect(table.textContent).not.toContain(id);
  });

  it('reads in English, and says when the record could not be loaded', async () => {
    const { table } = await setup('en', (id) => {
      if (id === 'k1') return record;
      throw new Error('down');
    });
    const rows = () => within(table).getAllByRole('row').slice(1);
    await waitFor(() => expect(rows()[0]!.textContent).toContain('Chase delivery (version 2)'));
    expect(rows()[0]!.textContent).toContain('Open 1');
    await waitFor(() =>
      expect(rows()[1]!.textContent).toContain('Could not load the compliance record'),
    );
  });
});
