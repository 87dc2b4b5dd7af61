/**
 * Dead calls and the customer's hold (docs/adr/0012-dead-calls-and-remote-hold.md): what watches a
 * call once its record exists — RFC 4028 session timers (session-timer.ts), the customer's side
 * holding us (remote-hold.ts) and the silence watch on inbound RTP (silence-watch.ts) — and the
 * hooks into sip.js's session they need. CallCore owns one; call control reaches it through the
 * core (`core.watch`).
 *
 * Latency (ADR 0007/0008): nothing here runs before the 180 and the ring commit. `attach` runs
 * right after the commit: it installs the hooks and reads the INVITE's Session-Expires (a few
 * header lookups; the setting is read once and then after each call, never while one rings), so
 * answering only adds the headers already worked out to `accept()`. A 422 waits for the next turn.
 */
import type {
  IncomingInviteRequest,
  IncomingRequestMessage,
  IncomingResponseMessage,
  ResponseOptions,
} from 'sip.js/lib/core/index.js';
import type { CallWatchSettings, InboundStats } from '@shared/softphone/contract';
import { callWatchSchema } from '@shared/softphone/contract';
import type { SoftphoneView } from '@shared/contract';
import type { CallServiceDeps } from '../call-service';
import type { CallCore } from './core';
import type { LiveCall } from './live-call';
import { errorText } from './live-call';
import { RemoteHold } from './remote-hold';
import type { SendReinvite, TimerTerms } from './session-timer';
import { SessionTimers, timerPolicy } from './session-timer';
import { SilenceWatch } from './silence-watch';

/** The setting's defaults: warn after 20 s without inbound RTP, end 15 s later. */
export const defaultSilenceSeconds = 20;
export const defaultSilenceGraceSeconds = 15;

/** What these hooks replace in sip.js's Session and Inviter (internal there, so typed here). */
interface ReinviteHook {
  onInviteRequest?: (request: IncomingInviteRequest) => void;
}
interface AcceptHook {
  onAccept?: (response: { message: IncomingResponseMessage }) => Promise<void>;
}

export class CallWatch {
  private readonly timers: SessionTimers;
  private readonly remoteHold: RemoteHold;
  private readonly silence: SilenceWatch;
  /** Each call keeps the settings it started with. */
  private readonly settings = new WeakMap<LiveCall, CallWatchSettings>();
  /** The setting as last read: when first needed, then after each call (off the ring path). */
  private latest: CallWatchSettings | null = null;
  /** Terms a far end's re-INVITE asked for, until its 200 OK is sent. */
  private readonly asked = new WeakMap<IncomingRequestMessage, TimerTerms | null>();

  constructor(
    private readonly deps: CallServiceDeps,
    private readonly core: CallCore,
  ) {
    this.timers = new SessionTimers(deps, core, (call) => timerPolicy(this.settingsOf(call)));
    this.remoteHold = new RemoteHold(deps, core);
    this.silence = new SilenceWatch(deps, core, (call) => {
      const s = this.settingsOf(call);
      return {
        silenceMs: (s.silenceSeconds ?? defaultSilenceSeconds) * 1000,
        graceMs: (s.silenceGraceSeconds ?? defaultSilenceGraceSeconds) * 1000,
      };
    });
  }

  /** How the watch sends a refresh re-INVITE (in-call.ts's, which adds our headers). */
  useReinvite(send: SendReinvite): void {
    this.timers.useReinvite(send);
  }

  /** A recorded call: hook its dialog. Runs after the ring commit (inbound) or before dialling. */
  attach(call: LiveCall): void {
    this.hookReinvites(call);
    if (call.direction === 'outbound') {
      call.sip.request.extraHeaders.push(...this.timers.outgoingHeaders(call));
      const inviter = call.sip as unknown as AcceptHook;
      const original = inviter.onAccept;
      if (typeof original === 'function') {
        inviter.onAccept = (response) => {
          this.guard('reading the 2xx session timer', () =>
            this.timers.outgoingAnswered(call, response.message),
          );
          return original.call(call.sip, response);
        };
      }
      return;
    }
    // The INVITE's session timer terms, read after the commit. Refusing one (422) ends the call,
    // which must wait for the rest of the ring to be set up (the next turn).
    const minSE = this.guard('reading the INVITE session timer', () => this.timers.offer(call));
    if (typeof minSE === 'number') {
      setImmediate(() => this.guard('refusing the INVITE', () => this.refuse(call, minSE)));
    }
  }

  /** What `accept()` sends with our 200 OK (the session timer we agreed to). */
  acceptOptions(call: LiveCall): { extraHeaders: string[] } {
    return { extraHeaders: this.timers.acceptHeaders(call) };
  }

  /** The call is connected (answered by the agent, or by the far end): timers start. */
  answered(call: LiveCall): void {
    this.guard('starting the session timer', () => this.timers.answered(call));
  }

  reinviteHeaders(call: LiveCall): string[] {
    return this.timers.reinviteHeaders(call);
  }

  reinviteAccepted(call: LiveCall, response: IncomingResponseMessage): void {
    this.guard('refreshing the session timer', () => this.timers.reinviteAccepted(call, response));
  }

  reinviteRejected(call: LiveCall, response: IncomingResponseMessage | null): void {
    this.guard('a failed re-INVITE', () =>
      this.timers.reinviteRejected(call, response?.statusCode ?? 0, response),
    );
  }

  /** The media side's heartbeat stats (the silence watch). */
  inbound(stats: readonly InboundStats[]): void {
    this.silence.inbound(stats);
  }

  keep(callId: string): SoftphoneView {
    return this.silence.keep(callId);
  }

  ended(call: LiveCall): void {
    this.timers.ended(call);
    this.latest = null; // the next call reads the setting afresh, here rather than while it rings
    this.guard('reading the call watch setting', () => void this.read());
  }

  /** Too short a session interval: 422 with our Min-SE (the caller retries with it). */
  private refuse(call: LiveCall, minSE: number): void {
    // Answered already (an auto-answer or a very quick agent): the call goes on without a timer.
    if (call.direction !== 'inbound' || call.state.phase !== 'offering' || call.answering) return;
    this.deps.logger.info('session interval too small: 422', { callId: call.id, minSE });
    this.core.end(call, 'interval_too_small', 'system');
    void call.sip
      .reject({ statusCode: 422, extraHeaders: [`Min-SE: ${minSE}`] })
      .catch((err: unknown) => this.core.logSip('422 failed', err));
    this.core.publish();
  }

  /**
   * sip.js answers the far end's re-INVITEs itself. The wrapper reads the session timer it asks
   * for and adds our terms to the 200 OK; the session delegate's `onInvite` then sees that the
   * 200 went out: the session is refreshed, and the offer says whether the customer holds.
   */
  private hookReinvites(call: LiveCall): void {
    const session = call.sip as unknown as ReinviteHook;
    const original = session.onInviteRequest;
    if (typeof original !== 'function') return; // a stand-in session (request-layer tests)
    session.onInviteRequest = (request) => {
      this.guard('reading a re-INVITE', () => {
        const { terms, headers } = this.timers.remoteReinvite(call, request.message);
        this.asked.set(request.message, terms);
        if (headers.length === 0) return;
        const accept = request.accept.bind(request);
        request.accept = (options?: ResponseOptions) =>
          accept({
            statusCode: 200,
            ...options,
            extraHeaders: [...(options?.extraHeaders ?? []), ...headers],
          });
      });
      original.call(call.sip, request);
    };
    call.sip.delegate = {
      ...call.sip.delegate,
      onInvite: (request, _response, statusCode) => {
        if (statusCode !== 200) return;
        this.guard('an answered re-INVITE', () => {
          this.remoteHold.answered(call, request.body);
          if (this.asked.has(request))
            this.timers.remoteRefreshed(call, this.asked.get(request) ?? null);
        });
      },
    };
  }

  private settingsOf(call: LiveCall): CallWatchSettings {
    let s = this.settings.get(call);
    if (!s) {
      s = this.read();
      this.settings.set(call, s);
    }
    return s;
  }

  private read(): CallWatchSettings {
    this.latest ??=
      this.deps.settings.getParsed('softphone.callWatch', callWatchSchema, this.deps.logger) ?? {};
    return this.latest;
  }

  /** A fault in watching a call is logged; it never breaks the call or sip.js's handling. */
  private guard<T>(what: string, fn: () => T): T | undefined {
    try {
      return fn();
    } catch (err) {
      this.deps.logger.error(`call watch: ${what} failed`, { error: errorText(err) });
      return undefined;
    }
  }
}
