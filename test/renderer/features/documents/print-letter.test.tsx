import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContractError } from '@shared/common/errors';
import type { Handlers } from '@shared/contract';
import { DeskApiContext, DeskStoreContext } from '../../../../renderer/src/app/context';
import type { Language } from '../../../../renderer/src/app/i18n';
import { createDeskStore } from '../../../../renderer/src/app/store';
import { PrintLetterButton } from '../../../../renderer/src/features/documents';
import { baseHandlers, createFakeApi } from '../../fake-api';
import { createTestI18n, signedInSession } from '../../fixtures';

const PDF = '%PDF-1.4 致歉信';
const pdfBase64 = Buffer.from(PDF).toString('base64');

function mount(
  handlers: Partial<Handlers>,
  kind: 'apology' | 'negotiation' | 'both',
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
          ...(kind === 'both'
            ? [
                createElement(PrintLetterButton, { key: 'a', ticketId: 't-1', kind: 'apology' }),
                createElement(PrintLetterButton, {
                  key: 'n',
                  ticketId: 't-1',
                  kind: 'negotiation',
                }),
              ]
            : [createElement(PrintLetterButton, { ticketId: 't-1', kind })]),
        ),
      ),
    ),
  );
  return api;
}

/** The button a ticket view places: main prints, the file is saved, failures are said in words. */
describe('PrintLetterButton', () => {
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
