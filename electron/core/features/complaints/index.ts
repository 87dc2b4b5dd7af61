/**
 * The complaints feature (public entry): tickets (投诉/服务事故) with their compensation, six
 * handling steps, clocks on the official calendar, escalation, photos and the monthly summary.
 * For the other features: the handover book (`openItemsOf`, `transferOwner`), the metrics
 * (`registeredCount`), the letters (`letterData`) and the screen pop (`openTicketsOfCustomers`).
 */
import type { ComplaintHandlers, TicketSummary } from '@shared/complaints/contract';
import type { Core, Feature } from '../../platform/feature';
import type { DeskSessionService } from '../session';
import { AttachmentStore } from './attachment-store';
import type { LetterData, OpenItem } from './complaint-service';
import { ComplaintService } from './complaint-service';
import { ComplaintsRepo } from './complaints-repo';
import { XLSX_MIME, summaryXlsx } from './summary-export';

export { ComplaintService, COMPLAINT_RULES_SETTING } from './complaint-service';
export type { LetterData, OpenItem } from './complaint-service';

export interface ComplaintsFeatureDeps {
  session: DeskSessionService;
  /** The desk's data folder (photos go in its `complaints/`). */
  dataDir: string;
}

export interface ComplaintsFeature extends Feature<ComplaintHandlers> {
  complaints: ComplaintService;
  openItemsOf(agentId: string, now: number): OpenItem[];
  transferOwner(t: {
    ticketId: string;
    fromAgentId: string;
    toAgentId: string;
    byAgentId: string;
    handoverId: string;
  }): void;
  registeredCount(q: { agentIds?: readonly string[]; from: number; to: number }): number;
  letterData(ticketId: string): LetterData;
  /** The caller's open tickets for the screen pop (most urgent first, at most `limit`). */
  openTicketsOfCustomers(customerIds: readonly string[], limit: number): TicketSummary[];
}

export function createComplaintsFeature(
  core: Core,
  deps: ComplaintsFeatureDeps,
): ComplaintsFeature {
  const files = new AttachmentStore(deps.dataDir);
  const complaints = new ComplaintService({
    db: core.db,
    repo: new ComplaintsRepo(core.db),
    audit: core.audit,
    session: deps.session,
    settings: core.settings,
    clock: core.clock,
    newId: core.newId,
    logger: core.logger,
    calendar: () => core.calendar().calendar,
    files,
    onChanged: (id, ownerId) => core.emit('complaints.changed', { id, ownerId }),
  });

  const summaryExport: ComplaintHandlers['complaints.summaryExport'] = async ({ month }) => {
    const session = complaints.requireLead();
    const summary = complaints.monthlySummary(month);
    const data = await summaryXlsx(summary);
    core.audit.append({
      id: core.newId(),
      at: core.clock.now(),
      actorId: session.agent.id,
      action: 'complaint_summary_export',
      subject: month,
      detail: { registered: summary.registered },
    });
    return { fileName: `投诉月报-${month}.xlsx`, mime: XLSX_MIME, base64: data.toString('base64') };
  };

  const handlers: ComplaintHandlers = {
    'complaints.register': ({ apologized, callId, customerId, waybillNumbers, ...form }) =>
      complaints.register({ form, apologized, callId, customerId, waybillNumbers }),
    'complaints.preview': ({ facts }) => complaints.preview(facts),
    'complaints.get': ({ id }) => complaints.get(id),
    'complaints.edit': ({ id, form }) => complaints.edit(id, form),
    'complaints.advance': ({ id, step, note }) => complaints.advance(id, step, note),
    'complaints.clockDone': ({ id, clock, note }) => complaints.clockDone(id, clock, note),
    'complaints.escalate': ({ id, desk, toEmployeeNo, note }) =>
      complaints.escalate(id, desk, toEmployeeNo, note),
    'complaints.close': ({ id, paidFen, note }) => complaints.close(id, paidFen, note),
    'complaints.list': ({ scope, ...filter }) => complaints.list(scope, filter),
    'complaints.attachBegin': ({ id, fileName, size }) =>
      complaints.attachBegin(id, fileName, size),
    'complaints.attachChunk': ({ uploadId, index, base64 }) =>
      complaints.attachChunk(uploadId, index, base64),
    'complaints.attachFinish': ({ uploadId }) => complaints.attachFinish(uploadId),
    'complaints.attachment': ({ id, attachmentId }) => complaints.attachment(id, attachmentId),
    'complaints.monthlySummary': ({ month }) => complaints.monthlySummary(month),
    'complaints.rules': () => complaints.rulesView(),
    'complaints.setRules': (rules) => complaints.setRules(rules),
    'complaints.summaryExport': summaryExport,
  };
  return {
    handlers,
    complaints,
    openItemsOf: (agentId, now) => complaints.openItemsOf(agentId, now),
    transferOwner: (t) => complaints.transferOwner(t),
    registeredCount: (q) => complaints.registeredCount(q),
    letterData: (id) => complaints.letterData(id),
    openTicketsOfCustomers: (ids, limit) => complaints.openTicketsOfCustomers(ids, limit),
    dispose: () => files.dispose(),
  };
}
