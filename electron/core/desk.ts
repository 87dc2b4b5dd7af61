/**
 * The composition root: builds every service once, with its dependencies, for both shells —
 * the Electron main process (index.ts) and the browser host (electron/web/server.ts).
 * Never imports 'electron'.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EventName, EventPayload, Handlers } from '@shared/contract';
import type { Dispatcher } from './contract-server';
import { createDispatcher } from './contract-server';
import type { Db } from './platform/db/database';
import { openDatabase } from './platform/db/database';
import { DeskSessionService } from './features/session/desk-session-service';
import type { LockoutPolicy } from './features/session/desk-session-service';
import type { Clock, Logger } from './platform/ports';
import { uuidv7Factory } from './platform/ports';
import { AgentsRepo } from './features/session/agents-repo';
import { AuditRepo } from './platform/audit-repo';
import { SettingsRepo } from './platform/settings-repo';
import { ShiftsRepo } from './features/session/shifts-repo';
import { WaybillsRepo } from './features/waybills/waybills-repo';
import { seedDemoData } from '../dev/seed';
import type { TrackingSource } from './features/waybills/tracking';
import { Kuaidi100TrackingSource, TrackingService } from './features/waybills/tracking';
import { WaybillService } from './features/waybills/waybill-service';
import type { SecretBox } from './platform/secret-box';
import { keyFileSecretBox } from './platform/secret-box';
import type { SipAccount } from './features/softphone/registration';
import { SoftphoneRegistration, validateSipAccount } from './features/softphone/registration';
import { CallService } from './features/softphone/call-service';
import { MediaBridge } from './features/softphone/media-bridge';
import { warmUpSipParser } from './features/softphone/warm-up';
import type { WarmUpResult } from './features/softphone/warm-up';
import { CallsRepo } from './features/softphone/calls-repo';
import { ContractError } from '@shared/common/errors';
import { parseJsonObject } from '@shared/common/json';
import { defaultCalendar } from '@shared/common/calendar';
import type { WorkCalendar } from '@shared/common/calendar';

export interface DeskOptions {
  /** Folder holding desk.sqlite (Electron: userData; browser host: --data-dir). */
  dataDir: string;
  host: 'electron' | 'web';
  appVersion: string;
  clock: Clock;
  logger: Logger;
  nativeBinding?: string;
  /** Load the small demo data set when the database has no agents yet. */
  seedIfEmpty?: boolean;
  lockout?: LockoutPolicy;
  timeZone?: string;
  /** Live tracking source; default: the Kuaidi100 settings in the desk database, if any. */
  trackingSource?: TrackingSource | null;
  /** Seals secrets at rest: Electron passes safeStorage; default a 0600 key file in dataDir. */
  secretBox?: SecretBox;
  /** Warm the SIP parser in idle slices after start (the shells do; ADR 0007). */
  warmUpSip?: boolean;
}

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

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
  try {
    const newId = uuidv7Factory(clock);
    const settings = new SettingsRepo(db);
    const agents = new AgentsRepo(db);
    if (options.seedIfEmpty && agents.count() === 0) {
      const counts = seedDemoData(db, { customers: 200, waybills: 600, calls: 300, seed: 1 });
      logger.info('loaded the demo data set', { ...counts });
    }
    const deskId = settings.getOrInit('desk.id', newId, clock.now());
    const timeZone = options.timeZone ?? settings.get('desk.time_zone') ?? 'Asia/Shanghai';

    const listeners = new Set<EventListener>();
    const emit: EventListener = (event, payload) => {
      for (const l of listeners) {
        try {
          l(event, payload);
        } catch (err) {
          logger.error('event listener failed', { event, error: String(err) });
        }
      }
    };

    const session = new DeskSessionService({
      db,
      agents,
      shifts: new ShiftsRepo(db),
      audit: new AuditRepo(db),
      clock,
      newId,
      logger,
      deskId,
      ...(options.lockout && { lockout: options.lockout }),
      onChange: (s) => emit('session.changed', s),
    });

    const calendar: WorkCalendar = {
      ...defaultCalendar,
      ...parseJsonObject(settings.get('desk.calendar')),
      timeZone,
    };
    const trackingSource =
      options.trackingSource !== undefined
        ? options.trackingSource
        : kuaidi100FromSettings(settings.get('tracking.kuaidi100'), logger);
    const waybillsRepo = new WaybillsRepo(db);
    const tracking = new TrackingService({
      db,
      waybills: waybillsRepo,
      source: trackingSource,
      clock,
      logger,
      onRefreshed: (number) => emit('waybill.refreshed', { number }),
    });
    tracking.start();
    const waybills = new WaybillService({
      db,
      waybills: waybillsRepo,
      audit: new AuditRepo(db),
      session,
      clock,
      newId,
      calendar,
      tracking: {
        requestRefresh: (w) =>
          void tracking.requestRefresh(w.id, w.number, w.carrier, w.receiver_phone.slice(-4)),
        isLive: (syncedAt) => tracking.isLive(syncedAt),
      },
    });

    const secrets = options.secretBox ?? keyFileSecretBox(options.dataDir);
    const callsRepo = new CallsRepo(db);
    const closed = callsRepo.closeOpenCalls();
    if (closed > 0) logger.warn('closed calls left open by a previous run', { calls: closed });
    // Late-bound: the call service and the registration need each other.
    let calls: CallService | null = null;
    const media = new MediaBridge({
      clock,
      logger,
      newId,
      emit: (command) => emit('media.command', command),
      onLost: (reason) => calls?.onMediaLost(reason),
    });
    const softphone = new SoftphoneRegistration({
      clock,
      logger,
      onHealth: (h) => emit('softphone.health', h),
      onInvite: (invitation) => calls?.onInvite(invitation),
      onTransport: (lost) => calls?.onTransport(lost),
      sessionDescriptionHandlerFactory: media.sessionDescriptionHandlerFactory(
        (sipSession) => calls?.callIdOf(sipSession),
        (callId, error) => calls?.onMediaError(callId, error),
      ),
    });
    const callService = new CallService({
      clock,
      logger,
      newId,
      session,
      calls: callsRepo,
      settings,
      transaction: (fn, durability) =>
        durability === 'synced-later' ? db.transactionSyncedLater(fn) : db.transaction(fn),
      media,
      userAgent: () => softphone.userAgent(),
      domain: () => softphone.domain(),
      onChange: (view) => emit('softphone.changed', view),
      screenPop: (number) => waybills.screenPop(number),
      onScreenPop: (callId, pop) => emit('screenPop.ready', { callId, pop }),
    });
    calls = callService;
    const storedAccount = loadSipAccount(settings.get('sip.account'), secrets, logger);
    if (storedAccount) {
      softphone
        .start(storedAccount)
        .catch((err: unknown) => logger.error('SIP start failed', { error: String(err) }));
    }

    const handlers = {
      'desk.info': () => ({ appVersion: options.appVersion, host: options.host, timeZone, deskId }),
      'auth.session': () => session.current(),
      'auth.signIn': ({ employeeNo, password }) => session.signIn(employeeNo, password),
      'auth.signOut': () => {
        session.signOut();
        return null;
      },
      'agent.setState': ({ target }) => session.chooseState(target),
      'agent.stateLog': ({ limit }) => session.stateLog(limit),
      'search.query': ({ text, limit }) => waybills.search(text, limit),
      'waybill.get': ({ number }) => waybills.detail(number),
      'waybill.revealPhone': ({ waybillId, party, reason }) =>
        waybills.revealPhone(waybillId, party, reason),
      'waybill.addNote': ({ waybillId, text }) => waybills.addNote(waybillId, text),
      'screenPop.lookup': ({ number }) => waybills.screenPop(number),
      'softphone.health': () => softphone.current(),
      'softphone.configure': async (args) => {
        session.requireSession();
        const account: SipAccount = { ...args };
        const problems = validateSipAccount(account);
        if (problems.length > 0) {
          throw new ContractError(
            'BAD_ARGUMENT',
            'Invalid SIP account',
            problems.map((message) => ({ path: 'account', message })),
          );
        }
        const { password, ...visible } = account;
        settings.set(
          'sip.account',
          JSON.stringify({ ...visible, passwordSealed: secrets.seal(password) }),
          clock.now(),
        );
        await softphone.start(account);
        return softphone.current();
      },
      'softphone.state': () => callService.view(),
      'softphone.setOptions': (patch) => callService.setOptions(definedOnly(patch)),
      'call.answer': ({ callId }) => callService.answer(callId),
      'call.reject': ({ callId }) => callService.reject(callId),
      'call.hangup': ({ callId }) => callService.hangup(callId),
      'call.hold': ({ callId }) => callService.hold(callId),
      'call.resume': ({ callId }) => callService.resume(callId),
      'call.mute': ({ callId, muted }) => callService.mute(callId, muted),
      'call.dtmf': ({ callId, tones }) => callService.dtmf(callId, tones),
      'call.transfer': ({ callId, target, mode }) => callService.transfer(callId, target, mode),
      'call.consult': ({ callId, action }) => callService.consult(callId, action),
      'call.dial': ({ number }) => callService.dial(number),
      'call.dialParty': ({ waybillId, party }) => {
        const { phone, masked } = waybills.partyPhone(waybillId, party);
        return callService.dial(phone, masked);
      },
      'call.history': ({ limit }) => callService.history(limit),
      'acw.extend': () => callService.extendAcw(),
      'acw.complete': ({ disposition, notes, next }) =>
        callService.completeAcw(disposition, notes ?? null, next),
      'acw.policy': () => callService.acwPolicy(),
      'acw.setPolicy': (policy) => callService.setAcwPolicy(policy),
      'media.attach': () => {
        session.requireSession();
        const attached = media.attach();
        emit('softphone.changed', callService.view());
        return attached;
      },
      'media.heartbeat': ({ owner }) => {
        media.heartbeat(owner);
        return null;
      },
      'media.reply': (reply) => {
        media.reply(reply);
        return null;
      },
    } satisfies Handlers;

    const sipWarmUp = options.warmUpSip
      ? warmUpSipParser().then((r) => {
          logger.info('SIP parser warmed up', { messages: r.messages, ms: Math.round(r.ms) });
          return r;
        })
      : null;

    return {
      db,
      handlers,
      dispatcher: createDispatcher(handlers, logger),
      session,
      waybills,
      tracking,
      softphone,
      calls: callService,
      media,
      sipWarmUp,
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      dispose() {
        callService.dispose();
        media.dispose();
        softphone.dispose().catch(() => undefined);
        tracking.dispose();
        listeners.clear();
        db.close();
      },
    };
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Drops keys whose value is undefined (zod optional fields) before a settings merge. */
function definedOnly<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}

/** `tracking.kuaidi100` setting: {"url": "...", "customer": "...", "key": "..."}; absent → offline only. */
function kuaidi100FromSettings(text: string | undefined, logger: Logger): TrackingSource | null {
  const c = parseJsonObject(text);
  if (
    typeof c['url'] === 'string' &&
    typeof c['customer'] === 'string' &&
    typeof c['key'] === 'string'
  ) {
    return new Kuaidi100TrackingSource({ url: c['url'], customer: c['customer'], key: c['key'] });
  }
  if (text) logger.warn('tracking.kuaidi100 setting is incomplete; tracking stays offline');
  return null;
}

/** The stored SIP account with its password unsealed; a damaged record is logged and ignored. */
function loadSipAccount(
  text: string | undefined,
  secrets: SecretBox,
  logger: Logger,
): SipAccount | null {
  if (!text) return null;
  try {
    const { passwordSealed, ...rest } = JSON.parse(text) as Omit<SipAccount, 'password'> & {
      passwordSealed: string;
    };
    return { ...rest, password: secrets.open(passwordSealed) };
  } catch (err) {
    logger.error('stored SIP account unreadable; configure it again', { error: String(err) });
    return null;
  }
}
