/**
 * The composition root: opens the desk's database, builds the platform once and each feature
 * with what it needs from the others, and joins the features' handlers into the contract's
 * `Handlers`. Wiring only — what a feature does lives in electron/core/features/<domain>/.
 * Used by both shells: Electron's main process and the browser host. Never imports 'electron'.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { deskTimeZone } from '@shared/common/calendar';
import { errorMessage } from '@shared/common/errors';
import type { Handlers } from '@shared/contract';
import type { Dispatcher } from './contract-server';
import { createDispatcher } from './contract-server';
import { deskCalendarReader } from './platform/desk-calendar';
import { AuditRepo } from './platform/audit-repo';
import type { Db } from './platform/db/database';
import { openDatabase } from './platform/db/database';
import type { Core, Emit } from './platform/feature';
import type { Clock, Logger, PdfPrinter } from './platform/ports';
import { uuidv7Factory } from './platform/ports';
import type { SecretBox } from './platform/secret-box';
import { keyFileSecretBox } from './platform/secret-box';
import { SettingsRepo } from './platform/settings-repo';
import type { DeskSessionService, LockoutPolicy } from './features/session';
import { createSessionFeature } from './features/session';
import type {
  CallService,
  MediaBridge,
  SoftphoneRegistration,
  WarmUpResult,
} from './features/softphone';
import { createSoftphoneFeature } from './features/softphone';
import type { TrackingService, TrackingSource, WaybillService } from './features/waybills';
import { createWaybillsFeature } from './features/waybills';
import { createAdminFeature } from './features/admin';
import type { CallbackService } from './features/callbacks';
import type { OrderService, OrderSink } from './features/orders';
import { createOrdersFeature } from './features/orders';
import { createCallbacksFeature } from './features/callbacks';
import { createScriptsFeature } from './features/scripts';
import type { ComplaintsFeature } from './features/complaints';
import { createComplaintsFeature } from './features/complaints';
import { createDocumentsFeature } from './features/documents';
import { createHandoverFeature } from './features/handover';
import type { MetricsFeature } from './features/metrics';
import { createMetricsFeature } from './features/metrics';

export interface DeskOptions {
  /** Folder holding desk.sqlite (Electron: userData; browser host: --data-dir). */
  dataDir: string;
  host: 'electron' | 'web';
  appVersion: string;
  clock: Clock;
  logger: Logger;
  nativeBinding?: string;
  /** Fills an empty desk (the shells pass the demo data set from electron/dev/). */
  seedIfEmpty?: (db: Db, logger: Logger) => void;
  lockout?: LockoutPolicy;
  timeZone?: string;
  /** Live tracking source; default: the Kuaidi100 settings in the desk database, if any. */
  trackingSource?: TrackingSource | null;
  /** Seals secrets at rest: Electron passes safeStorage; default a 0600 key file in dataDir. */
  secretBox?: SecretBox;
  /** Where orders go; default: the `orders.sink` setting in the desk database, if any. */
  orderSink?: OrderSink | null;
  /** Order delivery retry backoff (tests shorten it). */
  orderBackoff?: { initialMs: number; maxMs: number };
  /** Warm the SIP parser in idle slices after start (the shells do; ADR 0007). */
  warmUpSip?: boolean;
  /** Prints documents to PDF (Electron: a hidden window; browser host: headless Chromium). */
  pdfPrinter?: PdfPrinter | null;
}

export type EventListener = Emit;

export interface Desk {
  db: Db;
  handlers: Handlers;
  dispatcher: Dispatcher;
  session: DeskSessionService;
  waybills: WaybillService;
  tracking: TrackingService;
  softphone: SoftphoneRegistration;
  calls: CallService;
  media: MediaBridge;
  orders: OrderService;
  callbacks: CallbackService;
  /** Tickets, with what the handover book, metrics and letters use (`openItemsOf`, …). */
  complaints: ComplaintsFeature;
  /** Per-agent figures; the handover book stores `metrics.shiftSnapshot(agentId, shiftId)`. */
  metrics: MetricsFeature;
  /** The SIP parser warm-up started with the desk (null when not asked for). */
  sipWarmUp: Promise<WarmUpResult> | null;
  /** Subscribe to events for the renderers; returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void;
  dispose(): void;
}

export function createDesk(options: DeskOptions): Desk {
  const { clock, logger } = options;
  mkdirSync(options.dataDir, { recursive: true });
  const db = openDatabase(join(options.dataDir, 'desk.sqlite'), {
    logger,
    ...(options.nativeBinding && { nativeBinding: options.nativeBinding }),
  });
  const disposers: (() => void)[] = [];
  const listeners = new Set<EventListener>();
  try {
    options.seedIfEmpty?.(db, logger);
    const newId = uuidv7Factory(clock);
    const settings = new SettingsRepo(db);
    const deskId = settings.getOrInit('desk.id', newId, clock.now());
    const emit: Emit = (event, payload) => {
      for (const l of listeners) {
        try {
          l(event, payload);
        } catch (err) {
          logger.error('event listener failed', { event, error: errorMessage(err) });
        }
      }
    };
    const timeZone = deskTimeZone(options.timeZone ?? settings.get('desk.time_zone'));
    const core: Core = {
      db,
      clock,
      logger,
      newId,
      settings,
      audit: new AuditRepo(db),
      timeZone,
      calendar: deskCalendarReader({ settings, logger, timeZone }),
      emit,
    };

    const session = createSessionFeature(core, { deskId, ...options });
    disposers.push(session.dispose);
    // Late-bound: opening a waybill during a call ties it to the call (the softphone comes next).
    let calls: CallService | null = null;
    // The handover book reads waybills to compile a shift: not the agent's work on the call.
    let compilingHandover = false;
    const waybills = createWaybillsFeature(core, {
      session: session.session,
      onWaybillViewed: (id) => {
        if (!compilingHandover) calls?.workedOn('waybill', id);
      },
      // The caller's open tickets on the pop: called on a lookup only, after `complaints` exists.
      openTickets: (customerIds, limit) => complaints.openTicketsOfCustomers(customerIds, limit),
      ...(options.trackingSource !== undefined && { trackingSource: options.trackingSource }),
    });
    disposers.push(waybills.dispose);
    const softphone = createSoftphoneFeature(core, {
      session: session.session,
      screenPop: (number) => waybills.waybills.screenPop(number),
      partyPhone: (waybillId, party) => waybills.waybills.partyPhone(waybillId, party),
      secrets: options.secretBox ?? keyFileSecretBox(options.dataDir),
      warmUp: options.warmUpSip ?? false,
    });
    calls = softphone.calls;
    disposers.push(softphone.dispose);
    const admin = createAdminFeature(core, { session: session.session });
    disposers.push(admin.dispose);
    const orders = createOrdersFeature(core, {
      session: session.session,
      ...(options.orderSink !== undefined && { sink: options.orderSink }),
      ...(options.orderBackoff && { backoff: options.orderBackoff }),
    });
    disposers.push(orders.dispose);
    const callbacks = createCallbacksFeature(core, {
      session: session.session,
      dial: (number, display) => softphone.calls.dial(number, display),
    });
    disposers.push(callbacks.dispose);
    const scripts = createScriptsFeature(core, {
      session: session.session,
      calls: softphone.calls,
      screenPop: (number) => waybills.waybills.screenPop(number),
      ordersOfCall: (callId, agentId, since) => orders.ordersOfCall(callId, agentId, since),
    });
    disposers.push(scripts.dispose);
    const complaints = createComplaintsFeature(core, {
      session: session.session,
      dataDir: options.dataDir,
    });
    disposers.push(complaints.dispose);
    const documents = createDocumentsFeature(core, {
      session: session.session,
      printer: options.pdfPrinter ?? null,
      letterData: (ticketId) => complaints.letterData(ticketId),
      // Called only when a report is asked for, after `metrics` below exists.
      shiftReportData: (ref) => metrics.shiftReportData(ref),
    });
    disposers.push(documents.dispose);
    const metrics = createMetricsFeature(core, {
      session: session.session,
      complaintsRegistered: (q) => complaints.registeredCount(q),
    });
    disposers.push(metrics.dispose);
    const handover = createHandoverFeature(core, {
      session: session.session,
      sources: {
        callbacks: callbacks.callbacks,
        parcel: (number) => {
          compilingHandover = true;
          try {
            const d = waybills.waybills.detail(number);
            return { senderName: d.waybill.senderName, anomalies: d.anomalies };
          } catch {
            return null; // not on this desk (any more)
          } finally {
            compilingHandover = false;
          }
        },
        ordersOfDay: (agentId, day) => orders.ordersOfAgentDay(agentId, day),
        shiftSnapshot: (agentId, shiftId) => metrics.shiftSnapshot(agentId, shiftId).figures,
        complaints: {
          openItemsOf: (agentId, now) =>
            complaints.openItemsOf(agentId, now).map((t) => ({
              id: t.ticketId,
              title: t.number,
              dueAt: t.nextDueAt,
              customer: t.customerName,
              waybill: null,
              major: t.severity !== 'ordinary',
            })),
          transferOwner: (ticketId, fromAgentId, toAgentId, via) =>
            complaints.transferOwner({
              ticketId,
              fromAgentId,
              toAgentId,
              byAgentId: toAgentId,
              handoverId: via,
            }),
        },
      },
    });
    disposers.push(handover.dispose);

    const handlers: Handlers = {
      ...session.handlers,
      ...waybills.handlers,
      ...softphone.handlers,
      ...admin.handlers,
      ...orders.handlers,
      ...callbacks.handlers,
      ...scripts.handlers,
      ...complaints.handlers,
      ...handover.handlers,
      ...metrics.handlers,
      ...documents.handlers,
    };
    return {
      db,
      handlers,
      dispatcher: createDispatcher(handlers, logger),
      session: session.session,
      waybills: waybills.waybills,
      tracking: waybills.tracking,
      softphone: softphone.registration,
      calls: softphone.calls,
      media: softphone.media,
      orders: orders.orders,
      callbacks: callbacks.callbacks,
      complaints,
      metrics,
      sipWarmUp: softphone.sipWarmUp,
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      dispose() {
        // Features in reverse order of creation: calls end before the services they use.
        for (const dispose of disposers.reverse()) dispose();
        listeners.clear();
        db.close();
      },
    };
  } catch (err) {
    for (const dispose of disposers.reverse()) dispose();
    db.close();
    throw err;
  }
}
