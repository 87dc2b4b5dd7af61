import { afterEach, describe, expect, it } from 'vitest';
import type { RequestArgs, RequestName, RequestResult } from '@shared/contract';
import type { PdfPrinter } from '../../../../electron/core/platform/ports';
import { chromiumPdfPrinter } from '../../../../electron/web/pdf-printer';
import type { TestDesk } from '../../../helpers/desk';
import { addAgent, createTestDesk, TEST_PASSWORD } from '../../../helpers/desk';
import { fold, pdfText } from '../../../web/pdf-text';
import { seedComplaint } from '../../../helpers/complaints';

/**
 * Complaint letters through the dispatcher: a real ticket registered by the complaints feature on
 * real SQLite, printed by the browser host's real printer (Debian Chromium) and read back. The
 * owner (首问) or a lead may print; anyone else is FORBIDDEN; nothing is printed for a refusal.
 */
let desk: TestDesk;
/** How many documents reached the printer. */
let printed = 0;

const counting = (printer: PdfPrinter | null): PdfPrinter | null =>
  printer && {
    print: (html) => {
      printed++;
      return printer.print(html);
    },
  };

const call = async <N extends RequestName>(name: N, args: RequestArgs<N>) => {
  const out = await desk.dispatcher.dispatch(name, args);
  if (!out.ok) throw new Error(`${name}: ${out.error.code} ${out.error.message}`);
  return out.value as RequestResult<N>;
};
const refused = async (name: string, args: unknown) => {
  const out = await desk.dispatcher.dispatch(name, args);
  if (out.ok) throw new Error(`${name} ${JSON.stringify(args)} was accepted`);
  return out.error;
};
const signInAs = async (employeeNo: string) => {
  if (desk.session.current()) await desk.session.signOut();
  await desk.session.signIn(employeeNo, TEST_PASSWORD);
};

describe('documents: complaint letters as PDF', () => {
  afterEach(() => desk.cleanup());

  /** A desk with agent 1001's ticket for the seed's case 1 (two acrylic signs, 2.41 kg). */
  async function deskWithTicket(printer: PdfPrinter | null) {
    printed = 0;
    desk = createTestDesk({ pdfPrinter: counting(printer) });
    addAgent(desk.db, { employeeNo: '1003', name: '钱七', role: 'agent' });
    await signInAs('1001');
    const ticket = await call(
      'complaints.register',
      seedComplaint({ requestText: '<script>alert(1)</script>赔偿200元损失费' }),
    );
    return ticket;
  }

  it("prints the owner's apology letter and a lead's negotiation letter with the ticket's data", async () => {
    const ticket = await deskWithTicket(chromiumPdfPrinter());
    const apology = await call('documents.complaintLetter', {
      ticketId: ticket.id,
      kind: 'apology',
    });
    expect(apology.fileName).toBe(`致歉信-${ticket.number}.pdf`);
    const a = await pdfText(Buffer.from(apology.pdfBase64, 'base64'));
    for (const want of [
      '致歉信',
      `投诉编号：${ticket.number}`,
      '尊敬的李先生：',
      '<script>alert(1)</script>赔偿200元损失费',
      '诉求金额 200.00 元',
      '经办人：张伟（工号 1001）',
    ]) {
      expect(a.text).toContain(fold(want));
    }
    await signInAs('9001');
    const negotiation = await call('documents.complaintLetter', {
      ticketId: ticket.id,
      kind: 'negotiation',
    });
    expect(negotiation.fileName).toBe(`协商函-${ticket.number}.pdf`);
    const n = await pdfText(Buffer.from(negotiation.pdfBase64, 'base64'));
    expect(n.text).toContain(fold('核定赔偿金额：48.20 元'));
    expect(n.text).toContain(fold('2.41公斤 × 20.00元 = 48.20元'));
    // The letter is signed by the ticket's owner, not by the lead who printed it.
    expect(n.text).toContain(fold('经办人：张伟（工号 1001）'));
    expect(printed).toBe(2);
  });

  it('refuses another agent, an unknown ticket, bad arguments and nobody — printing nothing', async () => {
    const ticket = await deskWithTicket(chromiumPdfPrinter());
    await signInAs('1003');
    expect(
      (await refused('documents.complaintLetter', { ticketId: ticket.id, kind: 'apology' })).code,
    ).toBe('FORBIDDEN');
    expect(
      (await refused('documents.complaintLetter', { ticketId: 'no-such-ticket', kind: 'apology' }))
        .code,
    ).toBe('NOT_FOUND');
    for (const args of [
      {},
      { ticketId: ticket.id },
      { ticketId: ticket.id, kind: 'ransom' },
      { ticketId: '', kind: 'apology' },
      { ticketId: 'x'.repeat(65), kind: 'apology' },
      { ticketId: ticket.id, kind: 'apology', copies: 2 },
      { ticketId: 42, kind: 'apology' },
    ]) {
      expect((await refused('documents.complaintLetter', args)).code, JSON.stringify(args)).toBe(
        'BAD_ARGUMENT',
      );
    }
    await desk.session.signOut();
    expect(
      (await refused('documents.complaintLetter', { ticketId: ticket.id, kind: 'apology' })).code,
    ).toBe('UNAUTHENTICATED');
    expect(printed).toBe(0);
  });

  it('a desk without a printer answers INTERNAL; a failing printer too, its reason only logged', async () => {
    const ticket = await deskWithTicket(null);
    expect(
      (await refused('documents.complaintLetter', { ticketId: ticket.id, kind: 'apology' })).code,
    ).toBe('INTERNAL');
    desk.cleanup();
    const broken = await deskWithTicket(chromiumPdfPrinter({ executablePath: '/bin/false' }));
    const error = await refused('documents.complaintLetter', {
      ticketId: broken.id,
      kind: 'apology',
    });
    expect(error).toMatchObject({ code: 'INTERNAL', message: 'Printing to PDF failed' });
    expect(desk.logger.entries).toContainEqual(
      expect.objectContaining({ level: 'error', message: 'printing failed' }),
    );
  });
});

const S = 1000;
const MIN = 60 * S;

/**
 * The shift report (值班报告) through the dispatcher: agent 1001's shift on real SQLite with one
 * answered call in the calls table (the metrics feature's source), printed by the real Chromium
 * printer and read back. The figures are the panel's; a source with nothing (adherence: no
 * schedule) prints 暂无数据.
 */
describe('documents: the shift report as PDF', () => {
  afterEach(() => desk.cleanup());

  /** Agent 1001 signed in (the test clock: 2026-11-22 09:00 Shanghai) with one call: 2 min talk, 30 s ACW. */
  async function deskWithShift(printer: PdfPrinter | null) {
    printed = 0;
    desk = createTestDesk({ pdfPrinter: counting(printer) });
    addAgent(desk.db, { employeeNo: '1003', name: '钱七', role: 'agent' });
    await signInAs('1001');
    const session = desk.session.current()!;
    const at = desk.clock.now() + MIN;
    desk.db.raw
      .prepare(
        `INSERT INTO calls (id, agent_id, direction, remote_number, offered_at, answered_at,
           ended_at, end_cause, acw_ended_at)
         VALUES ('c1', ?, 'inbound', '13800138000', ?, ?, ?, 'remote_hangup', ?)`,
      )
      .run(session.agent.id, at, at + 5 * S, at + 5 * S + 2 * MIN, at + 5 * S + 2 * MIN + 30 * S);
    desk.clock.advance(10 * MIN);
    return session.shift.id;
  }

  it("prints the agent's own current shift and, for a lead, that shift by id", async () => {
    const shiftId = await deskWithShift(chromiumPdfPrinter());
    const panel = await call('metrics.panel', { agentId: null });
    expect(panel.shift!.figures).toMatchObject({ handled: 1, averageTalkMs: 2 * MIN });
    const mine = await call('documents.shiftReport', {});
    expect(mine.fileName).toBe('值班报告-1001-2026-11-22.pdf');
    const { text, sizes } = await pdfText(Buffer.from(mine.pdfBase64, 'base64'));
    expect(sizes[0]).toEqual({ width: 595, height: 842 });
    for (const want of [
      '值班报告',
      '座席：张伟（工号 1001）',
      '时段：2026年11月22日 09:00 至 （班次进行中）',
      // The panel's figures: one call handled, 2:00 talk, 0:30 ACW, 2:35 AHT (ring 5 s not counted).
      '处理量1',
      '平均通话2:00',
      '平均话后0:30',
      '接听率100.0%',
      // No schedule on this desk: adherence has no source.
      '排班遵从率暂无数据',
      '打印人：张伟（工号 1001）',
    ]) {
      expect(text, want).toContain(fold(want));
    }
    await signInAs('9001');
    const lead = await call('documents.shiftReport', { shiftId });
    const l = await pdfText(Buffer.from(lead.pdfBase64, 'base64'));
    // 1001's shift ended when the lead signed in on this desk; the lead is who printed it.
    expect(l.text).toContain(fold('座席：张伟（工号 1001）'));
    expect(l.text).toContain(fold('至 2026年11月22日 09:10'));
    expect(l.text).toContain(fold('打印人：李娜（工号 9001）'));
    expect(l.text).toContain(fold('处理量1'));
    expect(printed).toBe(2);
  });

  it("refuses another agent's shift, an unknown shift, bad arguments and nobody — printing nothing", async () => {
    const shiftId = await deskWithShift(chromiumPdfPrinter());
    await signInAs('1003');
    // The same refusal whether the shift exists or not: an agent cannot probe for shift ids.
    const other = await refused('documents.shiftReport', { shiftId });
    const none = await refused('documents.shiftReport', { shiftId: 'no-such-shift' });
    expect(other).toEqual(none);
    expect(other.code).toBe('FORBIDDEN');
    // A lead asking for a shift that does not exist is told so.
    await signInAs('9001');
    expect((await refused('documents.shiftReport', { shiftId: 'no-such-shift' })).code).toBe(
      'NOT_FOUND',
    );
    await signInAs('1003');
    for (const args of [
      { shiftId: '' },
      { shiftId: '   ' },
      { shiftId: 'x'.repeat(65) },
      { shiftId: 42 },
      { shiftId: null },
      { shiftId, copies: 2 },
      { agentId: 'someone' },
      'today',
    ]) {
      expect((await refused('documents.shiftReport', args)).code, JSON.stringify(args)).toBe(
        'BAD_ARGUMENT',
      );
    }
    await desk.session.signOut();
    expect((await refused('documents.shiftReport', {})).code).toBe('UNAUTHENTICATED');
    expect(printed).toBe(0);
  });
});
