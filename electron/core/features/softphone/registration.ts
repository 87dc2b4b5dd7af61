/**
 * The softphone's registration with the PBX (sip.js in main, docs/DESIGN.md §2): one UserAgent and
 * Registerer, a health chip (unconfigured / connecting / registered / failed, with the last error
 * and the REGISTER round-trip time), and our own reconnect loop with exponential backoff after a
 * transport loss or a PBX restart — sip.js's built-in reconnection gives up silently.
 * Call handling builds on this service (shared/softphone/call-state.ts).
 */
import WebSocket from 'ws';
import type {
  Invitation,
  Registerer as RegistererType,
  SessionDescriptionHandlerFactory,
  UserAgent as UserAgentType,
} from 'sip.js';
import { Registerer, RegistererState, UserAgent } from 'sip.js';
import type { z } from 'zod';
import type { SipHealth, sipAccountArgs } from '@shared/softphone/contract';
import { errorMessage } from '@shared/common/errors';
import type { Clock, Logger } from '../../platform/ports';

// sip.js opens `new WebSocket(...)` from the global scope. Node's own WebSocket never fires
// `close` when the connection is refused, so sip.js would never learn the PBX is down.
(globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;

/** The PBX account: server (ws:// or wss://), address of record, auth user, password. */
export type SipAccount = z.output<typeof sipAccountArgs>;
export type RegistrationState = SipHealth['state'];
/** What the 软电话 chip shows: state, last error, REGISTER round trip, reconnect attempts. */
export type RegistrationHealth = SipHealth;

export interface SoftphoneRegistrationDeps {
  clock: Clock;
  logger: Logger;
  onHealth: (health: RegistrationHealth) => void;
  backoff?: { initialMs: number; maxMs: number };
  expiresSeconds?: number;
  /** Incoming INVITEs (the call service decides: ring, or 486). Default: 486 Busy Here. */
  onInvite?: (invitation: Invitation) => void;
  /** The transport dropped (true) or came back and REGISTER succeeded again (false). */
  onTransport?: (lost: boolean) => void;
  /** Builds the media side of each call (the media bridge to the renderer). */
  sessionDescriptionHandlerFactory?: SessionDescriptionHandlerFactory;
}

export function validateSipAccount(a: SipAccount): string[] {
  const problems: string[] = [];
  if (!/^wss?:\/\/[^\s/]+(\/\S*)?$/.test(a.server))
    problems.push('server must be a ws:// or wss:// URL');
  if (!/^sips?:[^@\s]+@[^@\s]+$/.test(a.aor) || !UserAgent.makeURI(a.aor))
    problems.push('aor must be a SIP URI like sip:1001@pbx');
  if (!/^[\w.+-]{1,64}$/.test(a.authUser))
    problems.push('authUser must be 1–64 letters, digits or . _ + -');
  if (a.password.length === 0 || a.password.length > 128)
    problems.push('password must be 1–128 characters');
  return problems;
}

export class SoftphoneRegistration {
  private ua: UserAgentType | null = null;
  private registerer: RegistererType | null = null;
  private health: RegistrationHealth;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private sleepWatch: ReturnType<typeof setInterval> | null = null;
  private disposed = false;
  private readonly backoff: { initialMs: number; maxMs: number };

  constructor(private readonly deps: SoftphoneRegistrationDeps) {
    this.backoff = deps.backoff ?? { initialMs: 1000, maxMs: 60_000 };
    this.health = {
      state: 'unconfigured',
      lastError: null,
      rttMs: null,
      since: deps.clock.now(),
      attempts: 0,
    };
  }

  current(): RegistrationHealth {
    return this.health;
  }

  /** The running user agent (for outgoing calls); null before start or after dispose. */
  userAgent(): UserAgentType | null {
    return this.ua;
  }

  /** Host part of the address of record, used to build request URIs for dialled numbers. */
  domain(): string | null {
    return this.ua?.configuration.uri.host ?? null;
  }

  /** Starts (or restarts) with an account; refused accounts change nothing. */
  async start(account: SipAccount): Promise<void> {
    const problems = validateSipAccount(account);
    if (problems.length > 0) throw new RangeError(`Invalid SIP account: ${problems.join('; ')}`);
    await this.stopUserAgent();
    this.disposed = false;
    const ua = new UserAgent({
      uri: UserAgent.makeURI(account.aor),
      transportOptions: { server: account.server, connectionTimeout: 5, keepAliveInterval: 15 },
      authorizationUsername: account.authUser,
      authorizationPassword: account.password,
      ...(account.displayName && { displayName: account.displayName }),
      // We reconnect ourselves, with backoff and without limit (see class comment).
      reconnectionAttempts: 0,
      // The call service sends 180 itself once the ring is published (or refuses the INVITE).
      sendInitialProvisionalResponse: false,
      logLevel: 'error',
      ...(this.deps.sessionDescriptionHandlerFactory && {
        sessionDescriptionHandlerFactory: this.deps.sessionDescriptionHandlerFactory,
      }),
      delegate: {
        onConnect: () => void this.register(),
        onInvite: (invitation) => {
          if (this.deps.onInvite) this.deps.onInvite(invitation);
          else void invitation.reject({ statusCode: 486 }).catch(() => undefined);
        },
        onDisconnect: (error) => {
          if (this.disposed) return;
          this.deps.onTransport?.(true);
          this.setHealth({
            state: 'connecting',
            lastError: error ? error.message : 'transport closed',
          });
          this.scheduleReconnect();
        },
      },
    });
    this.ua = ua;
    this.registerer = new Registerer(ua, { expires: this.deps.expiresSeconds ?? 300 });
    this.registerer.stateChange.addListener((s) => {
      if (
        s === RegistererState.Unregistered &&
        this.health.state === 'registered' &&
        !this.disposed
      ) {
        this.setHealth({ state: 'connecting', lastError: 'registration lost' });
      }
    });
    this.setHealth({ state: 'connecting', lastError: null, attempts: 0 });
    this.watchForSleep();
    try {
      await ua.start();
    } catch (err) {
      this.setHealth({ state: 'connecting', lastError: errorMessage(err) });
      this.scheduleReconnect();
    }
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    if (this.sleepWatch) clearInterval(this.sleepWatch);
    this.sleepWatch = null;
    await this.stopUserAgent();
  }

  /**
   * After system sleep/resume (or when the agent asks): do not wait for the backoff. Reconnects
   * a dropped transport at once, or refreshes the registration on a live one (the PBX may have
   * dropped the binding while the machine slept).
   */
  reconnectNow(reason: string): void {
    const ua = this.ua;
    if (!ua || this.disposed) return;
    this.deps.logger.info('SIP: reconnecting now', { reason });
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    if (ua.isConnected()) {
      void this.register();
    } else {
      this.health = { ...this.health, attempts: 0 };
      ua.reconnect().catch((err: unknown) => {
        this.setHealth({ state: 'connecting', lastError: errorMessage(err) });
        this.scheduleReconnect();
      });
    }
  }

  /**
   * Sleep detector that works in both shells: a 5 s timer that fires much later than it should
   * means the machine was suspended. (Electron also calls reconnectNow on powerMonitor 'resume'.)
   */
  private watchForSleep(): void {
    if (this.sleepWatch) return;
    let last = Date.now();
    this.sleepWatch = setInterval(() => {
      const now = Date.now();
      if (now - last > 15_000) this.reconnectNow('timer drift: system resumed from sleep');
      last = now;
    }, 5000);
    this.sleepWatch.unref?.();
  }

  private async register(): Promise<void> {
    const registerer = this.registerer;
    if (!registerer || this.disposed) return;
    const sent = this.deps.clock.now();
    await registerer
      .register({
        requestDelegate: {
          onAccept: () => {
            const wasDown = this.health.state !== 'registered';
            this.setHealth({
              state: 'registered',
              lastError: null,
              rttMs: this.deps.clock.now() - sent,
              attempts: 0,
            });
            if (wasDown) this.deps.onTransport?.(false);
          },
          onReject: (r) => {
            // 401/407 are answered by sip.js itself; what reaches us is final (e.g. wrong password).
            const code = r.message.statusCode ?? 0;
            this.setHealth({
              state: 'failed',
              lastError: `REGISTER rejected: ${code} ${r.message.reasonPhrase ?? ''}`.trim(),
            });
          },
        },
      })
      .catch((err: unknown) => this.setHealth({ state: 'failed', lastError: errorMessage(err) }));
  }

  private scheduleReconnect(): void {
    if (this.retryTimer || this.disposed) return;
    const attempts = this.health.attempts + 1;
    const wait = Math.min(this.backoff.maxMs, this.backoff.initialMs * 2 ** (attempts - 1));
    this.health = { ...this.health, attempts };
    this.deps.logger.info('SIP transport down; reconnecting', { attempts, waitMs: wait });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      const ua = this.ua;
      if (!ua || this.disposed) return;
      ua.reconnect().catch((err: unknown) => {
        this.setHealth({ state: 'connecting', lastError: errorMessage(err) });
        this.scheduleReconnect();
      });
    }, wait);
  }

  private async stopUserAgent(): Promise<void> {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const ua = this.ua;
    this.ua = null;
    this.registerer = null;
    if (ua) await ua.stop().catch(() => undefined);
  }

  private setHealth(patch: Partial<RegistrationHealth>): void {
    const stateChanged = patch.state !== undefined && patch.state !== this.health.state;
    this.health = {
      ...this.health,
      ...patch,
      ...(stateChanged && { since: this.deps.clock.now() }),
    };
    this.deps.onHealth(this.health);
  }
}
