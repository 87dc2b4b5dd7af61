import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp, ConfigProvider } from 'antd';
import { createElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { ContractError } from '@shared/common/errors';
import type { Handlers } from '@shared/contract';
import type { Figures, Panel, Series, TeamView } from '@shared/metrics/contract';
import {
  defaultTargets,
  maxQueueLogBytes,
  queueLogChunkBytes,
  queueLogSliceBytes,
} from '@shared/metrics/contract';
import { jsonTextBytes } from '@shared/metrics/queue-log';
import { DeskApiContext, DeskStoreContext } from '../../../../renderer/src/app/context';
import type { Language } from '../../../../renderer/src/app/i18n';
import { createDeskStore } from '../../../../renderer/src/app/store';
import { MetricsPage } from '../../../../renderer/src/features/metrics';
import { baseHandlers, createFakeApi, idlePhone } from '../../fake-api';
import { createTestI18n, signedInSession } from '../../fixtures';

const states = {
  offline: 0,
  ready: 3_600_000,
  not_ready: 0,
  break: 0,
  ringing: 60_000,
  in_call: 1_800_000,
  after_call_work: 600_000,
};
const figures = (over: Partial<Figures> = {}): Figures => ({
  offered: 20,
  answered: 18,
  missed: 2,
  abandonedRinging: 0,
  refused: 1,
  handled: 18,
  averageTalkMs: 95_000,
  averageHoldMs: null,
  averageAcwMs: 30_000,
  ahtMs: 125_000,
  answerRate: 0.9,
  callsPerWorkingHour: 12,
  occupancy: 0.4,
  stateMs: states,
  adherence: null,
  fcr: 0.75,
  withinStandard: 0.8,
  ordersTaken: 3,
  orderAccuracy: 1,
  insuranceOfferRate: null,
  insuranceTakeUp: null,
  complaintsRegistered: 0,
  scriptCompliance: null,
  ...over,
});
const panel = (over: Partial<Panel> = {}): Panel => ({
  agent: { id: 'a1', name: '张伟', employeeNo: '1001' },
  today: { day: '2026-12-02', window: { from: 0, to: 1 }, figures: figures() },
  shift: { id: 's1', window: { from: 0, to: 1 }, open: true, figures: figures({ handled: 5 }) },
  week: { fromDay: '2026-11-26', toDay: '2026-12-02', figures: figures({ handled: 90 }) },
  teamToday: figures({ handled: 14.5 }),
  teamWeek: figures(),
  targets: defaultTargets,
  queueToday: null,
  ...over,
});
const hours = Array.from({ length: 24 }, (_, hour) => ({
  hour,
  calls: hour === 9 ? 4 : 0,
  ahtMs: hour === 9 ? 120_000 : null,
  stateMs: {
    ...states,
    ready: hour === 9 ? 1_200_000 : 0,
    in_call: hour === 9 ? 900_000 : 0,
    ringing: 0,
    after_call_work: 0,
  },
}));
const series: Series = {
  day: '2026-12-02',
  hours,
  days: [
    { day: '2026-12-01', handled: 10, ahtMs: 150_000, insuranceTakeUp: null },
    { day: '2026-12-02', handled: 4, ahtMs: 120_000, insuranceTakeUp: 0.5 },
  ],
};
const team = (): TeamView => ({
  fromDay: '2026-12-02',
  toDay: '2026-12-02',
  rows: [
    { agent: { id: 'a1', name: '张伟', employeeNo: '1001' }, state: 'in_call', figures: figures() },
    {
      agent: { id: 'a2', name: '王芳', employeeNo: '1002' },
      state: null,
      figures: figures({ ahtMs: null, handled: 0 }),
    },
    {
      agent: { id: 'a3', name: '刘洋', employeeNo: '1003' },
      state: 'ready',
      figures: figures({ ahtMs: 200_000, handled: 30 }),
    },
  ],
  team: figures({ handled: 16 }),
  targets: defaultTargets,
  queue: null,
});

function mount(
  handlers: Partial<Handlers>,
  role: 'agent' | 'lead' = 'agent',
  language: Language = 'zh-CN',
) {
  const session = signedInSession();
  session.agent.role = role;
  const api = createFakeApi({
    ...baseHandlers,
    'auth.session': () => session,
    'metrics.panel': () => panel(),
    'metrics.series': () => series,
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
            { theme: { token: { motion: false } } },
            createElement(AntApp, null, createElement(MetricsPage)),
          ),
        ),
      ),
    ),
  );
  return { api, store };
}

const rowOf = (table: HTMLElement, name: string) =>
  within(table)
    .getAllByRole('row')
    .find((r) => within(r).queryAllByText(name).length > 0)!;

describe('metrics panels', () => {
  it('my panel: today / shift / 7 days beside the team and the targets; null reads 无数据, never 0; definitions on hover', async () => {
    mount({});
    const table = await screen.findByRole('table', { name: '我的指标' });
    const aht = rowOf(table, '平均处理时长');
    expect(
      within(aht)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['平均处理时长', '2:05', '2:05', '2:05', '2:05', '≤ 3:00']);
    const hold = rowOf(table, '平均保持时间');
    expect(within(hold).getAllByText('无数据')).toHaveLength(4);
    expect(within(rowOf(table, '处理量')).getAllByRole('cell')[4]!.textContent).toBe('14.5');
    expect(within(rowOf(table, '接听率')).getAllByRole('cell')[5]!.textContent).toBe('≥ 95.0%');
    // Queue figures: unavailable until a queue log is imported (not 0).
    expect(
      screen.getByRole('region', { name: '队列指标（来自交换机队列日志）' }).textContent,
    ).toContain('暂无（未导入队列日志）');
    // The one-line definition, on hover and for screen readers.
    const name = within(aht).getByText('平均处理时长');
    expect(name.getAttribute('aria-description')).toBe('（通话 + 保持 + 话后处理）÷ 处理量');
    await userEvent.hover(name);
    expect((await screen.findByRole('tooltip')).textContent).toContain(
      '（通话 + 保持 + 话后处理）÷ 处理量',
    );
    // An agent sees no team view.
    expect(screen.queryByRole('region', { name: '全组指标' })).toBeNull();
  });

  it('charts: each has an accessible name and its numbers as a table; no data stays 无数据', async () => {
    mount({});
    const calls = await screen.findByRole('img', { name: '每小时处理量' });
    expect(calls).toBeTruthy();
    const callsTable = screen.getByRole('table', { name: '每小时处理量：数据表' });
    expect(within(rowOf(callsTable, '09:00')).getByRole('cell').textContent).toBe('4');
    const takeUp = screen.getByRole('table', { name: '保价率趋势（近7天）：数据表' });
    expect(within(rowOf(takeUp, '2026-12-01')).getByRole('cell').textContent).toBe('无数据');
    expect(within(rowOf(takeUp, '2026-12-02')).getByRole('cell').textContent).toBe('50%');
    const aht = screen.getByRole('table', { name: '平均处理时长趋势（近7天，秒）：数据表' });
    expect(within(rowOf(aht, '2026-12-01')).getByRole('cell').textContent).toBe('150');
    const statesTable = screen.getByRole('table', { name: '每小时各状态时长（分钟）：数据表' });
    expect(
      within(statesTable)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['时段', '示闲（分钟）', '通话（分钟）']);
    expect(
      within(rowOf(statesTable, '09:00'))
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['20', '15']);
    expect(screen.getByRole('img', { name: '每小时各状态时长（分钟）' })).toBeTruthy();
  });

  it("the lead's team view: sortable, each agent's state, team average; export and import controls", async () => {
    const teamArgs: unknown[] = [];
    const { api } = mount(
      {
        'metrics.team': (a) => {
          teamArgs.push(a);
          return team();
        },
        'metrics.export': (a) => ({
          fileName: a.report === 'team' ? '全组报表.xlsx' : 'x.csv',
          mime: 'application/octet-stream',
          base64: 'AA==',
        }),
      },
      'lead',
    );
    const table = await screen.findByRole('table', { name: '全组指标' });
    const names = () =>
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map((r) => r.querySelector('td')?.textContent);
    expect(names()).toEqual(['张伟（1001）', '王芳（1002）', '刘洋（1003）', '全组平均']);
    expect(within(rowOf(table, '张伟（1001）')).getByText('通话')).toBeTruthy();
    expect(within(rowOf(table, '王芳（1002）')).getByText('未登录')).toBeTruthy();
    // Sort by AHT: ascending, "no data" last.
    const ahtHeader = within(table)
      .getAllByRole('columnheader')
      .find((h) => h.textContent === '平均处理时长')!;
    await userEvent.click(ahtHeader);
    await waitFor(() =>
      expect(names()).toEqual(['张伟（1001）', '刘洋（1003）', '王芳（1002）', '全组平均']),
    );
    await userEvent.click(screen.getByRole('radio', { name: '近7天' }).closest('label')!);
    await waitFor(() =>
      expect(teamArgs.at(-1)).toEqual({ fromDay: '2026-11-26', toDay: '2026-12-02' }),
    );
    await userEvent.click(screen.getByRole('button', { name: '导出全组报表（Excel）' }));
    await waitFor(() =>
      expect(api.calls.find((c) => c.name === 'metrics.export')?.args).toEqual({
        report: 'team',
        fromDay: '2026-11-26',
        toDay: '2026-12-02',
        format: 'xlsx',
      }),
    );
    expect(screen.getByRole('button', { name: '导入队列日志' })).toBeTruthy();
  });

  const report = {
    linesRead: 13,
    calls: 4,
    newCalls: 4,
    ignored: 1,
    problemCount: 2,
    problems: [
      { line: 6, reason: 'too_few_fields' as const },
      { line: 9, reason: 'bad_time' as const },
    ],
  };
  /** Main's side of a chunked import: what arrived, in order, per import. */
  function importHandlers() {
    const received: { index: number; text: string }[] = [];
    let gate: Promise<void> | null = null;
    const handlers: Partial<Handlers> = {
      'metrics.team': () => team(),
      'metrics.queueLogBegin': () => ({
        importId: 'imp-1',
        sliceBytes: queueLogSliceBytes,
        chunkBytes: queueLogChunkBytes,
      }),
      'metrics.queueLogChunk': async ({ index, text }) => {
        received.push({ index, text });
        if (gate) await gate;
        return { received: 0, linesRead: 0 };
      },
      'metrics.queueLogFinish': ({ chunks }) => {
        if (chunks !== received.length) throw new ContractError('BAD_ARGUMENT', 'incomplete');
        return report;
      },
      'metrics.queueLogAbort': () => ({ dropped: true }),
    };
    return {
      handlers,
      received,
      hold() {
        let open!: () => void;
        gate = new Promise((r) => (open = r));
        return () => {
          gate = null;
          open();
        };
      },
    };
  }
  const pickFile = async (file: File) => {
    const input = await screen.findByLabelText<HTMLInputElement>('导入队列日志', {
      selector: 'input',
    });
    await act(async () => {
      fireEvent.change(input, { target: { files: [file] } });
    });
  };

  it('queue_log import: over 20 MB or empty refused before reading, the limit named (nothing sent)', async () => {
    const { handlers } = importHandlers();
    const { api } = mount(handlers, 'lead');
    const big = new File(['x'], 'queue_log');
    Object.defineProperty(big, 'size', { value: 100 * 1024 * 1024 });
    Object.defineProperty(big, 'slice', {
      value: () => {
        throw new Error('read before the size check');
      },
    });
    await pickFile(big);
    expect((await screen.findByRole('alert')).textContent).toContain('文件超过 20 MB，未导入');
    const justOver = new File(['x'], 'queue_log');
    Object.defineProperty(justOver, 'size', { value: maxQueueLogBytes + 1 });
    await pickFile(justOver);
    expect(screen.getByRole('alert').textContent).toContain('文件超过 20 MB，未导入');
    await pickFile(new File([], 'empty.log'));
    expect(screen.getByRole('alert').textContent).toContain('文件为空，未导入');
    expect(api.calls.filter((c) => c.name.startsWith('metrics.queueLog'))).toEqual([]);
  });

  it('queue_log import: a 1.5 MB file read in slices and sent in chunks (a character cut at a slice boundary arrives whole), with an accessible progress bar, then the report by line', async () => {
    const imp = importHandlers();
    const { api } = mount(imp.handlers, 'lead');
    // '客' (3 bytes in UTF-8) straddles the first slice boundary; more Chinese further on.
    const head = 'a'.repeat(queueLogSliceBytes - 1) + '客服\n';
    const line = `1764637200|q.1|客服队列|NONE|ENTERQUEUE||13800138000|1\n`;
    const text = head + line.repeat(Math.ceil((1.5 * 1024 * 1024) / line.length));
    const file = new File([text], 'queue_log');
    expect(file.size).toBeGreaterThan(1.5 * 1024 * 1024);
    const release = imp.hold();
    await pickFile(file);
    const bar = await screen.findByRole('progressbar', { name: '队列日志导入进度' });
    expect(bar).toBeTruthy();
    release();
    const status = await screen.findByText('已导入 4 通队列呼叫（新增 4），忽略 1 行');
    expect(status).toBeTruthy();
    expect(screen.queryByRole('progressbar')).toBeNull();
    const done = screen.getAllByRole('status').find((s) => s.textContent?.includes('已导入'))!;
    expect(done.textContent).toContain('第 6 行：字段不足');
    expect(done.textContent).toContain('第 9 行：时间无效');
    // In order, each under the limit, and together exactly the file's text.
    expect(imp.received.map((c) => c.index)).toEqual(imp.received.map((_, i) => i));
    expect(imp.received.length).toBeGreaterThanOrEqual(4);
    for (const c of imp.received)
      expect(jsonTextBytes(c.text)).toBeLessThanOrEqual(queueLogChunkBytes);
    expect(imp.received.map((c) => c.text).join('')).toBe(text);
    expect(api.calls.find((c) => c.name === 'metrics.queueLogBegin')?.args).toEqual({
      fileName: 'queue_log',
      size: file.size,
    });
    expect(api.calls.find((c) => c.name === 'metrics.queueLogFinish')?.args).toEqual({
      importId: 'imp-1',
      chunks: imp.received.length,
    });
    expect(api.calls.some((c) => c.name === 'metrics.queueLogAbort')).toBe(false);
  });

  it('queue_log import: a slice whose text grows on the wire (quotes, control bytes) is cut under the host limit', async () => {
    const imp = importHandlers();
    mount(imp.handlers, 'lead');
    // 400 KiB of bytes, one slice, but 800 KiB once escaped in JSON.
    const text = '"\u0001'.repeat(200 * 1024) + '\n';
    await pickFile(new File([text], 'odd.log'));
    await screen.findByText('已导入 4 通队列呼叫（新增 4），忽略 1 行');
    expect(imp.received.length).toBeGreaterThanOrEqual(3);
    for (const c of imp.received) {
      expect(jsonTextBytes(c.text)).toBeLessThanOrEqual(queueLogChunkBytes);
    }
    expect(imp.received.map((c) => c.text).join('')).toBe(text);
  });

  it("queue_log import: main's refusals in the UI language — too large, nothing readable, changed while read, forbidden", async () => {
    const imp = importHandlers();
    let refusal: ContractError | null = null;
    let finishRefusal = new ContractError('BAD_ARGUMENT', 'Not a queue log', [
      { path: 'text', message: 'unreadable' },
    ]);
    mount(
      {
        ...imp.handlers,
        'metrics.queueLogBegin': (args, ...rest) => {
          if (refusal) throw refusal;
          return imp.handlers['metrics.queueLogBegin']!(args, ...rest);
        },
        'metrics.queueLogFinish': () => {
          throw finishRefusal;
        },
      },
      'lead',
    );
    const file = new File(['not|a|log\n'], 'photo.jpg');
    await pickFile(file);
    expect((await screen.findByRole('alert')).textContent).toContain(
      '文件中没有可识别的 queue_log 行，未导入',
    );
    // Fewer bytes than the file's size arrived: not "over 20 MB" — the file changed while read.
    finishRefusal = new ContractError('BAD_ARGUMENT', 'Not every chunk', [
      { path: 'chunks', message: 'incomplete' },
    ]);
    await pickFile(file);
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain(
        '文件在读取过程中发生变化或有部分未送达，未导入，请重新选择文件',
      ),
    );
    finishRefusal = new ContractError('BAD_ARGUMENT', 'larger than announced', [
      { path: 'text', message: 'too_long' },
    ]);
    await pickFile(file);
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain('文件在读取过程中发生变化'),
    );
    expect(screen.getByRole('alert').textContent).not.toContain('20 MB');
    refusal = new ContractError('BAD_ARGUMENT', 'too big', [{ path: 'size', message: 'too_long' }]);
    await pickFile(file);
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain('文件超过 20 MB，未导入'),
    );
    refusal = new ContractError('FORBIDDEN', 'Only a shift lead may import');
    await pickFile(file);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('无权执行此操作'));
    expect(screen.getByRole('alert').textContent).not.toContain('Only a shift lead');
  });

  it('queue_log import: a chunk refused (the import expired) drops the import in main and says why', async () => {
    const imp = importHandlers();
    const { api } = mount(
      {
        ...imp.handlers,
        'metrics.queueLogChunk': () => {
          throw new ContractError('NOT_FOUND', 'No such queue log import');
        },
      },
      'lead',
    );
    await pickFile(new File(['not|a|log\n'], 'queue_log'));
    await waitFor(() =>
      expect(api.calls.find((c) => c.name === 'metrics.queueLogAbort')?.args).toEqual({
        importId: 'imp-1',
      }),
    );
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).not.toContain('No such');
    expect(api.calls.some((c) => c.name === 'metrics.queueLogFinish')).toBe(false);
  });

  it('English: the same panel in English, definitions too', async () => {
    mount({}, 'agent', 'en');
    const table = await screen.findByRole('table', { name: 'My metrics' });
    const row = rowOf(table, 'Average hold');
    expect(within(row).getAllByText('No data')).toHaveLength(4);
    expect(within(row).getByText('Average hold').getAttribute('aria-description')).toBe(
      'Hold time ÷ calls that had hold',
    );
  });
});
