import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp } from 'antd';
import type { ReactElement } from 'react';
import { createElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContractError } from '@shared/common/errors';
import type { Handlers } from '@shared/contract';
import type { Figures, Panel } from '@shared/metrics/contract';
import { defaultTargets } from '@shared/metrics/contract';
import { stateStatuses } from '@shared/metrics/sums';
import { DeskApiContext, DeskStoreContext } from '../../../../renderer/src/app/context';
import type { Language } from '../../../../renderer/src/app/i18n';
import { createDeskStore } from '../../../../renderer/src/app/store';
import { PrintLetterButton } from '../../../../renderer/src/features/documents';
import { MyMetrics } from '../../../../renderer/src/features/metrics/components/MyMetrics';
import { baseHandlers, createFakeApi } from '../../fake-api';
import { createTestI18n, signedInSession } from '../../fixtures';

const PDF = '%PDF-1.4 致歉信';
const pdfBase64 = Buffer.from(PDF).toString('base64');

/** Mounts `children` in a console store over the fake api (antd's App for the metrics panel). */
function mountWith(
  handlers: Partial<Handlers>,
  children: ReactElement[],
  language: Language = 'zh-CN',
) {
  const api = createFakeApi({ ...baseHandlers, ...handlers });
  const store = createDeskStore(api, language);
  store.setState({ session: signedInSession() });
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
          createElement(AntApp, null, ...children),
        ),
      ),
    ),
  );
  return api;
}

function mount(
  handlers: Partial<Handlers>,
  kind: 'apology' | 'negotiation' | 'both',
  language: Language = 'zh-CN',
) {
  return mountWith(
    handlers,
    kind === 'both'
      ? [
          createElement(PrintLetterButton, { key: 'a', ticketId: 't-1', kind: 'apology' }),
          createElement(PrintLetterButton, { key: 'n', ticketId: 't-1', kind: 'negotiation' }),
        ]
      : [createElement(PrintLetterButton, { key: kind, ticketId: 't-1', kind })],
    language,
  );
}

/** Files "saved" by `savePdf` (the anchor's click), with their blobs. */
let saved: { name: string; blob: Blob }[];
const urls = new Map<string, Blob>();
beforeEach(() => {
  saved = [];
  URL.createObjectURL = (blob: Blob) => {
    const url = `blob:test/${urls.size}`;
    urls.set(url, blob as Blob);
    return url;
  };
  URL.revokeObjectURL = (url: string) => void urls.delete(url);
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    saved.push({ name: this.download, blob: urls.get(this.href)! });
  });
});
afterEach(() => vi.restoreAllMocks());

/** The button a ticket view places: main prints, the file is saved, failures are said in words. */
describe('PrintLetterButton', () => {
  it("asks main for the ticket's letter and saves the PDF it answers under its name", async () => {
    const api = mount(
      {
        'documents.complaintLetter': ({ kind }) => ({
          fileName: `${kind === 'apology' ? '致歉信' : '协商函'}-TS202611220001.pdf`,
          pdfBase64,
        }),
      },
      'apology',
    );
    await userEvent.click(screen.getByRole('button', { name: '生成致歉信（PDF）' }));
    expect((await screen.findByRole('status')).textContent).toBe(
      '已生成 致歉信-TS202611220001.pdf',
    );
    expect(api.calls.filter((c) => c.name === 'documents.complaintLetter')).toEqual([
      { name: 'documents.complaintLetter', args: { ticketId: 't-1', kind: 'apology' } },
    ]);
    expect(saved).toHaveLength(1);
    expect(saved[0]!.name).toBe('致歉信-TS202611220001.pdf');
    expect(saved[0]!.blob.type).toBe('application/pdf');
    expect(new TextDecoder().decode(await saved[0]!.blob.arrayBuffer())).toBe(PDF);
  });

  it('prints one letter at a time: the other button waits until the first PDF is back', async () => {
    let finish: (() => void) | undefined;
    const api = mount(
      {
        'documents.complaintLetter': ({ kind }) =>
          new Promise((resolve) => {
            finish = () => resolve({ fileName: `${kind}.pdf`, pdfBase64 });
          }),
      },
      'both',
    );
    const other = screen.getByRole('button', { name: '生成协商函（PDF）' });
    await userEvent.click(screen.getByRole('button', { name: '生成致歉信（PDF）' }));
    await waitFor(() => expect((other as HTMLButtonElement).disabled).toBe(true));
    await userEvent.click(other);
    finish!();
    await waitFor(() => expect((other as HTMLButtonElement).disabled).toBe(false));
    expect(api.calls.filter((c) => c.name === 'documents.complaintLetter')).toHaveLength(1);
    expect(saved.map((f) => f.name)).toEqual(['apology.pdf']);
  });

  it('says why when refused, in the UI language, and saves nothing', async () => {
    mount(
      {
        'documents.complaintLetter': () => {
          throw new ContractError('FORBIDDEN', 'Only the ticket owner or a shift lead prints');
        },
      },
      'negotiation',
    );
    await userEvent.click(screen.getByRole('button', { name: '生成协商函（PDF）' }));
    expect((await screen.findByRole('alert')).textContent).toBe('无权执行此操作');
    expect(screen.queryByText(/Only the ticket owner/)).toBeNull();
    expect(saved).toEqual([]);
  });

  it('a printing failure says what to do (English too)', async () => {
    mount(
      {
        'documents.complaintLetter': () => {
          throw new ContractError('INTERNAL', 'Printing to PDF failed');
        },
      },
      'apology',
      'en',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Apology letter (PDF)' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toMatch(/^The PDF could not be made/),
    );
    expect(saved).toEqual([]);
  });
});

/** Figures with nothing recorded: counts 0, every other figure no data. */
const noFigures = (): Figures => ({
  offered: 0,
  answered: 0,
  missed: 0,
  abandonedRinging: 0,
  refused: 0,
  handled: 0,
  averageTalkMs: null,
  averageHoldMs: null,
  averageAcwMs: null,
  ahtMs: null,
  answerRate: null,
  callsPerWorkingHour: null,
  occupancy: null,
  stateMs: Object.fromEntries(stateStatuses.map((st) => [st, 0])) as Figures['stateMs'],
  adherence: null,
  fcr: null,
  withinStandard: null,
  ordersTaken: 0,
  orderAccuracy: null,
  insuranceOfferRate: null,
  insuranceTakeUp: null,
  complaintsRegistered: null,
  scriptCompliance: null,
});
const panel = (shift: Panel['shift']): Panel => ({
  agent: { id: 'a1', name: '张伟', employeeNo: '1001' },
  today: { day: '2026-12-02', window: { from: 0, to: 1 }, figures: noFigures() },
  shift,
  week: { fromDay: '2026-11-26', toDay: '2026-12-02', figures: noFigures() },
  teamToday: noFigures(),
  teamWeek: noFigures(),
  targets: defaultTargets,
  queueToday: null,
});
const openShift: Panel['shift'] = {
  id: 's-7',
  window: { from: 0, to: 1 },
  open: true,
  figures: noFigures(),
};

/** 打印值班报告（PDF） on the agent's metrics panel: the panel's shift, printed and saved. */
describe('PrintShiftReportButton on 我的指标', () => {
  const showPanel = (p: Panel, handlers: Partial<Handlers>, language: Language = 'zh-CN') =>
    mountWith(
      {
        'metrics.panel': () => p,
        ...handlers,
      },
      [createElement(MyMetrics, { key: 'm' })],
      language,
    );

  it("prints the panel's shift and saves the PDF under main's name", async () => {
    const api = showPanel(panel(openShift), {
      'documents.shiftReport': () => ({ fileName: '值班报告-1001-2026-12-02.pdf', pdfBase64 }),
    });
    const button = await screen.findByRole('button', { name: '打印值班报告（PDF）' });
    await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false));
    await userEvent.click(button);
    expect((await screen.findByRole('status')).textContent).toBe(
      '已生成 值班报告-1001-2026-12-02.pdf',
    );
    expect(api.calls.filter((c) => c.name === 'documents.shiftReport')).toEqual([
      { name: 'documents.shiftReport', args: { shiftId: 's-7' } },
    ]);
    expect(saved.map((f) => f.name)).toEqual(['值班报告-1001-2026-12-02.pdf']);
    expect(new TextDecoder().decode(await saved[0]!.blob.arrayBuffer())).toBe(PDF);
  });

  it('is disabled while the agent has no shift', async () => {
    const api = showPanel(panel(null), {});
    await screen.findByText('尚无班次', { exact: false });
    const button = screen.getByRole('button', { name: '打印值班报告（PDF）' });
    expect((button as HTMLButtonElement).disabled).toBe(true);
    await userEvent.click(button);
    expect(api.calls.filter((c) => c.name === 'documents.shiftReport')).toEqual([]);
  });

  it('says why when refused, in the UI language (English too), and saves nothing', async () => {
    showPanel(
      panel(openShift),
      {
        'documents.shiftReport': () => {
          throw new ContractError('NOT_FOUND', 'No such shift');
        },
      },
      'en',
    );
    const button = await screen.findByRole('button', { name: 'Print shift report (PDF)' });
    await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false));
    await userEvent.click(button);
    expect((await screen.findByRole('alert')).textContent).toBe('Not found');
    expect(screen.queryByText(/No such shift/)).toBeNull();
    expect(saved).toEqual([]);
  });
});
