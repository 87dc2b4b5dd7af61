/**
 * The waybills feature (public entry): 查件 search, the waybill detail with tracking and
 * problem-parcel deadlines, audited phone reveal, notes, the caller's screen pop, and creating a
 * customer for an unknown caller (`CustomerService.create`, reusable by other features). Tracking is
 * answered from the desk's mirror and refreshed in the background from a carrier API when one is
 * configured (setting `tracking.kuaidi100`).
 */
import { z } from 'zod';
import type { TicketSummary } from '@shared/complaints/contract';
import type { WaybillHandlers } from '@shared/waybills/contract';
import type { Core, Feature } from '../../platform/feature';
import type { DeskSessionService } from '../session';
import { CustomerService } from './customer-service';
import { CustomersRepo } from './customers-repo';
import type { TrackingSource } from './tracking';
import { Kuaidi100TrackingSource, TrackingService } from './tracking';
import { TrackingRepo } from './tracking-repo';
import { WaybillService } from './waybill-service';
import { WaybillsRepo } from './waybills-repo';

export { WaybillService } from './waybill-service';
export { CustomerService } from './customer-service';
export {
  Kuaidi100TrackingSource,
  MirrorTrackingSource,
  TrackingService,
  TrackingSourceError,
} from './tracking';
export type { TrackingQuery, TrackingSnapshot, TrackingSource } from './tracking';

/** `tracking.kuaidi100` setting: where and as whom to ask the carrier API. */
const kuaidi100SettingSchema = z.strictObject({
  url: z.url(),
  customer: z.string().min(1),
  key: z.string().min(1),
});

export interface WaybillsFeatureDeps {
  session: DeskSessionService;
  /** Live tracking source; undefined: the `tracking.kuaidi100` setting, if any; null: none. */
  trackingSource?: TrackingSource | null;
  /** The agent opened a waybill's detail. */
  onWaybillViewed?: (waybillId: string) => void;
  /** The caller's open complaint tickets on the screen pop (the complaints feature). */
  openTickets?: (customerIds: readonly string[], limit: number) => TicketSummary[];
}

export interface WaybillsFeature extends Feature<WaybillHandlers> {
  waybills: WaybillService;
  tracking: TrackingService;
  customers: CustomerService;
}

export function createWaybillsFeature(core: Core, deps: WaybillsFeatureDeps): WaybillsFeature {
  const { logger } = core;
  const source =
    deps.trackingSource !== undefined ? deps.trackingSource : kuaidi100FromSettings(core);
  const waybillsRepo = new WaybillsRepo(core.db);
  const tracking = new TrackingService({
    repo: new TrackingRepo(core.db),
    source,
    clock: core.clock,
    logger,
    onRefreshed: (number) => core.emit('waybill.refreshed', { number }),
  });
  tracking.start();
  const waybills = new WaybillService({
    db: core.db,
    waybills: waybillsRepo,
    audit: core.audit,
    session: deps.session,
    clock: core.clock,
    newId: core.newId,
    calendar: () => core.calendar().calendar,
    ...(deps.onWaybillViewed && { onViewed: deps.onWaybillViewed }),
    ...(deps.openTickets && { openTickets: deps.openTickets }),
    tracking: {
      requestRefresh: (w) =>
        void tracking.requestRefresh(w.id, w.number, w.carrier, w.receiver_phone.slice(-4)),
      isLive: (syncedAt) => tracking.isLive(syncedAt),
    },
  });
  const customers = new CustomerService({
    db: core.db,
    customers: new CustomersRepo(core.db),
    audit: core.audit,
    session: deps.session,
    clock: core.clock,
    newId: core.newId,
  });
  const handlers: WaybillHandlers = {
    'search.query': ({ text, limit }) => waybills.search(text, limit),
    'waybill.get': ({ number }) => waybills.detail(number),
    'waybill.revealPhone': ({ waybillId, party, reason }) =>
      waybills.revealPhone(waybillId, party, reason),
    'waybill.addNote': ({ waybillId, text }) => waybills.addNote(waybillId, text),
    'screenPop.lookup': ({ number }) => waybills.screenPop(number),
    'customer.create': (input) => customers.create(input),
  };
  return { handlers, waybills, tracking, customers, dispose: () => tracking.dispose() };
}

function kuaidi100FromSettings(core: Core): TrackingSource | null {
  const config = core.settings.getParsed('tracking.kuaidi100', kuaidi100SettingSchema, core.logger);
  return config ? new Kuaidi100TrackingSource(config) : null;
}
