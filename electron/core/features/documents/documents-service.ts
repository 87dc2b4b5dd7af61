/**
 * Fills a document's template with its owner feature's data and prints it with the platform's
 * PdfPrinter. Who may print what is decided here: a complaint letter is for the ticket's owner
 * (首问) or a shift lead.
 */
import { z } from 'zod';
import type { PrintedDocument } from '@shared/documents/contract';
import type { Letterhead } from '@shared/documents/html';
import { defaultLetterhead } from '@shared/documents/html';
import type { LetterInput, LetterKind } from '@shared/documents/letters';
import type { ShiftReportInput } from '@shared/documents/shift-report';
import { shiftReportHtml } from '@shared/documents/shift-report';
import { localDate } from '@shared/common/calendar';
import { letterHtml, letterTitles } from '@shared/documents/letters';
import { ContractError, errorMessage } from '@shared/common/errors';
import type { AuditRepo } from '../../platform/audit-repo';
import type { Db } from '../../platform/db/database';
import type { Clock, IdFactory, Logger, PdfPrinter } from '../../platform/ports';
import type { SettingsRepo } from '../../platform/settings-repo';
import type { DeskSessionService } from '../session';

/** Setting `documents.letterhead`: the courier's name and contacts on every printed document. */
export const LETTERHEAD_SETTING = 'documents.letterhead';
const letterheadSchema = z.strictObject({
  company: z.string().max(60).default(''),
  department: z.string().min(1).max(30).default(defaultLetterhead.department),
  hotline: z.string().max(30).default(''),
  address: z.string().max(120).default(''),
});

export interface DocumentsDeps {
  db: Db;
  session: DeskSessionService;
  settings: SettingsRepo;
  audit: AuditRepo;
  clock: Clock;
  newId: IdFactory;
  logger: Logger;
  /** null: this desk cannot print (no Chromium found); printing answers INTERNAL. */
  printer: PdfPrinter | null;
  /** Whose a shift is (null: no such shift), read before any figure is computed. */
  shiftAgentId(shiftId: string): string | null;
  /** The complaints feature's ticket data for letters (NOT_FOUND for an unknown ticket). */
  letterData(ticketId: string): LetterInput;
  /**
   * The metrics feature's shift report data: a named shift, or an agent's current (or last) one
   * (NOT_FOUND when there is none).
   */
  shiftReportData(ref: { shiftId: string } | { agentId: string }): ShiftReportSource;
}

/** What the metrics feature hands over: whose shift, and the report without who prints it. */
export interface ShiftReportSource {
  agentId: string;
  shiftId: string;
  report: Omit<ShiftReportInput, 'printedBy' | 'printedAt'>;
}

/** What a file may be called on every system: no path separators or reserved characters. */
export function safeFileName(name: string): string {
  return [...name]
    .map((c) => (c.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(c) ? '_' : c))
    .join('')
    .slice(0, 180);
}

export class DocumentsService {
  constructor(private readonly deps: DocumentsDeps) {}

  letterhead(): Letterhead {
    const { settings, logger } = this.deps;
    return settings.getParsed(LETTERHEAD_SETTING, letterheadSchema, logger) ?? defaultLetterhead;
  }

  /** The letterhead in force, for the lead's settings card. */
  letterheadView(): Letterhead {
    this.requireLead();
    return this.letterhead();
  }

  /** A lead sets the letterhead every document carries (audited, before → after). */
  setLetterhead(next: Letterhead): Letterhead {
    const me = this.requireLead();
    const { db, settings, audit, clock, newId } = this.deps;
    const now = clock.now();
    const before = this.letterhead();
    db.transaction(() => {
      settings.set(LETTERHEAD_SETTING, JSON.stringify(next), now);
      audit.append({
        id: newId(),
        at: now,
        actorId: me.id,
        action: 'letterhead_changed',
        subject: LETTERHEAD_SETTING,
        detail: { before: JSON.stringify(before), after: JSON.stringify(next) },
      });
    });
    return this.letterhead();
  }

  private requireLead() {
    const me = this.deps.session.requireSession().agent;
    if (me.role !== 'lead') throw new ContractError('FORBIDDEN', 'Only a shift lead may do this');
    return me;
  }

  async complaintLetter(ticketId: string, kind: LetterKind): Promise<PrintedDocument> {
    const me = this.deps.session.requireSession().agent;
    const data = this.deps.letterData(ticketId);
    if (me.role !== 'lead' && data.agent.employeeNo !== me.employeeNo) {
      throw new ContractError(
        'FORBIDDEN',
        'Only the ticket owner or a shift lead prints its letters',
      );
    }
    const html = letterHtml(kind, data, {
      letterhead: this.letterhead(),
      printedAt: this.deps.clock.now(),
    });
    const pdf = await this.print(html);
    return {
      fileName: safeFileName(`${letterTitles[kind]}-${data.ticketNumber}.pdf`),
      pdfBase64: Buffer.from(pdf).toString('base64'),
    };
  }

  /**
   * The printable shift report (值班报告): the caller's own shift (absent: the current or last
   * one); a lead may print any agent's. Who may is decided before anything is computed, so an
   * agent learns nothing of a shift that is not theirs — not even whether it exists.
   */
  async shiftReport(shiftId: string | undefined): Promise<PrintedDocument> {
    const me = this.deps.session.requireSession().agent;
    if (me.role !== 'lead' && shiftId !== undefined && this.deps.shiftAgentId(shiftId) !== me.id) {
      throw new ContractError('FORBIDDEN', "Only a shift lead prints another agent's shift report");
    }
    const data = this.deps.shiftReportData(
      shiftId === undefined ? { agentId: me.id } : { shiftId },
    );
    const { report } = data;
    const html = shiftReportHtml(
      {
        ...report,
        printedBy: { employeeNo: me.employeeNo, name: me.name },
        printedAt: this.deps.clock.now(),
      },
      this.letterhead(),
    );
    const pdf = await this.print(html);
    const who = report.subject.kind === 'agent' ? report.subject.employeeNo : report.subject.team;
    return {
      fileName: safeFileName(`值班报告-${who}-${localDate(report.from, report.timeZone)}.pdf`),
      pdfBase64: Buffer.from(pdf).toString('base64'),
    };
  }

  private async print(html: string): Promise<Uint8Array> {
    const { printer, logger } = this.deps;
    if (!printer) throw new ContractError('INTERNAL', 'No PDF printer on this desk');
    const started = performance.now();
    try {
      const pdf = await printer.print(html);
      logger.info('document printed', {
        bytes: pdf.byteLength,
        ms: Math.round(performance.now() - started),
      });
      return pdf;
    } catch (err) {
      logger.error('printing failed', { error: errorMessage(err) });
      throw new ContractError('INTERNAL', 'Printing to PDF failed');
    }
  }
}
