/**
 * The softphone feature (public entry): SIP registration (sip.js in main), call control, after-call
 * work (话后整理) and the media bridge to the renderer that owns the microphone. The registration,
 * the call service and the media bridge need each other; they are wired here, not by the root.
 */
import type { ScreenPop } from '@shared/waybills/contract';
import type { SoftphoneHandlers } from '@shared/softphone/contract';
import { errorMessage } from '@shared/common/errors';
import type { Core, Feature } from '../../platform/feature';
import type { SecretBox } from '../../platform/secret-box';
import type { DeskSessionService } from '../session';
import { CallService } from './call-service';
import { CallsRepo } from './calls-repo';
import { MediaBridge } from './media-bridge';
import { SoftphoneRegistration } from './registration';
import { loadSipAccount, saveSipAccount } from './sip-account';
import type { WarmUpResult } from './warm-up';
import { warmUpSipParser } from './warm-up';

export { CallService } from './call-service';
export { MediaBridge } from './media-bridge';
export { SoftphoneRegistration } from './registration';
export type { SipAccount } from './registration';
export type { WarmUpResult } from './warm-up';

export interface SoftphoneFeatureDeps {
  session: DeskSessionService;
  /** The caller's screen pop (the waybills feature), looked up while a call rings. */
  screenPop(number: string): ScreenPop;
  /** A waybill party's number for click-to-dial, and how it is shown (masked). */
  partyPhone(waybillId: string, party: 'sender' | 'receiver'): { phone: string; masked: string };
  secrets: SecretBox;
  /** Warm the SIP parser in idle slices after start (the shells do; ADR 0007). */
  warmUp: boolean;
}

export interface SoftphoneFeature extends Feature<SoftphoneHandlers> {
  registration: SoftphoneRegistration;
  calls: CallService;
  media: MediaBridge;
  /** The SIP parser warm-up started with the desk (null when not asked for). */
  sipWarmUp: Promise<WarmUpResult> | null;
}

export function createSoftphoneFeature(core: Core, deps: SoftphoneFeatureDeps): SoftphoneFeature {
  const { db, clock, logger, newId, settings, emit } = core;
  const { session } = deps;
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
  const registration = new SoftphoneRegistration({
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
    userAgent: () => registration.userAgent(),
    domain: () => registration.domain(),
    onChange: (view) => emit('softphone.changed', view),
    screenPop: deps.screenPop,
    onScreenPop: (callId, pop) => emit('screenPop.ready', { callId, pop }),
  });
  calls = callService;
  const stored = loadSipAccount(settings, deps.secrets, logger);
  if (stored) {
    registration
      .start(stored)
      .catch((err: unknown) => logger.error('SIP start failed', { error: errorMessage(err) }));
  }

  const handlers: SoftphoneHandlers = {
    'softphone.health': () => registration.current(),
    'softphone.configure': async (account) => {
      session.requireSession();
      saveSipAccount(settings, deps.secrets, account, clock);
      await registration.start(account);
      return registration.current();
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
      const { phone, masked } = deps.partyPhone(waybillId, party);
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
  };

  const sipWarmUp = deps.warmUp
    ? warmUpSipParser().then((r) => {
        logger.info('SIP parser warmed up', { messages: r.messages, ms: Math.round(r.ms) });
        return r;
      })
    : null;

  return {
    handlers,
    registration,
    calls: callService,
    media,
    sipWarmUp,
    dispose() {
      callService.dispose();
      media.dispose();
      registration.dispose().catch(() => undefined);
    },
  };
}

/** Drops keys whose value is undefined (zod optional fields) before a settings merge. */
function definedOnly<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}
