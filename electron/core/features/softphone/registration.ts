/**
 * The softphone's registration with the PBX (sip.js in main, docs/DESIGN.md §2): one UserAgent and
 * Registerer, a health chip (unconfigured / connecting / registered / failed, with the last error,
 * why it failed (ADR 0011) and the REGISTER round-trip time), and our own reconnect loop with
 * exponential backoff after a transport loss or a PBX restart — sip.js's built-in reconnection
 * gives up silently. It registers whichever account it is given: the signed-in agent's (ADR 0011).
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
import type { SipFailure, SipHealth, sipAccountArgs } from '@shared/softphone/contract';
import { errorMessage } from '@shared/common/errors';
import type { Clock, Logger } from '../../platform/ports';

/**
 * The last socket-level error per server URL. sip.js reports every failed connection alike
 * ("WebSocket closed … (code: 1006)"); the cause — refused, certificate, aborted at sip.js's connect
 * timeout — is only in the socket's own 'error' event, which sip.js does not pass on. Keyed by URL:
 * whether a server can be reached is the server's, whichever registration asks.
 */
const socketErrors = new Map<string, Error>();

// sip.js opens `new WebSocket(...)` from the global scope. Node's own WebSocket never fires
// `close` when the connection is refused, so sip.js would never learn the PBX is down; `ws` does.
// The subclass only listens: it notes why a socket failed, and forgets once one opens.
class ObservedWebSocket extends WebSocket {
  constructor(address: string | URL, protocols?: string | string[]) {
    super(address, protocols);
    const server = String(address);
    this.on('error', (err: Error) => socketErrors.set(server, err));
    this.on('open', () => socketErrors.delete(server));
  }
}
(globalThis as { WebSocket?: unknown }).WebSocket = ObservedWebSocket;

const unreachableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EADDRNOTAVAIL',
  'EPIPE',
]);

/** Why a WebSocket to the PBX failed (undefined: no socket error was seen). */
export function classifySocketError(err: (Error & { code?: unknown }) | undefined): SipFailure {
  if (!err) return 'other';
  const code = typeof err.code === 'string' ? err.code : '';
  if (unreachableCodes.has(code)) return 'unreachable';
  if (code === 'ETIMEDOUT' || /closed before the connection was established/.test(err.message))
    return 'timeout'; // sip.js aborts a connection that is not up within connectionTimeout
  if (
    /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|^ERR_TLS|^ERR_SSL|^EPROTO$/.test(
      code,
    ) ||
    /certificate|SSL routines|TLS/i.test(err.message)
  )
    return 'tls';
  return 'other';
}

/** Why the PBX refused a REGISTER (sip.js has already answered 401/407 challenges once). */
export function classifyRegisterRejection(statusCode: number): SipFailure {
  if (statusCode === 401 || statusCode === 403 || statusCode === 407) return 'auth';
  if (statusCode === 408) return 'timeout';
  return 'other';
}

/** How long `stop()` waits for the un-REGISTER before it lets go (a dead PBX never answers). */
const stopWaitMs = 2000;

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
  /** Seconds sip.js waits for the WebSocket to open (default 5). */
  connectionTimeoutSeconds?: number;
}

/**
 * An address of record as the desk accepts it: sip: or sips:, a user part of letters, digits and
 * . _ + - ! ~ * (no parameters, escapes or headers), a host name, IPv4 or [IPv6], an optional port.
 */
const aorPattern =
  /^sips?:[\w.+\-!~*]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,188}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/;
export const authUserPattern = /^[\w.+-]{1,64}$/;

/** One message per problem (field: message); none when the account may be used. */
export function checkSipAccount(a: SipAccount): { path: keyof SipAccount; message: string }[] {
  const problems: { path: keyof SipAccount; message: string }[] = [];
  if (!/^wss?:\/\/[^\s/]+(\/\S*)?$/.test(a.server) || a.server.length > 200)
    problems.push({ path: 'server', message: 'server must be a ws:// or wss:// URL' });
  if (a.aor.length > 200 || !aorPattern.test(a.aor) || !UserAgent.makeURI(a.aor))
    problems.push({ path: 'aor', message: 'aor must be a SIP URI like sip:1001@pbx' });
  if (!authUserPattern.test(a.authUser))
    problems.push({
      path: 'authUser',
      message: 'authUser must be 1–64 letters, digits or . _ + -',
    });
  if (a.password.length === 0 || a.password.length > 128)
    problems.push({ path: 'password', message: 'password must be 1–128 characters' });
  if (a.displayName !== undefined && !/^[^\p{Cc}"\\]{1,64}$/u.test(a.displayName))
    problems.push({
      path: 'displayName',
      message: 'displayName must be 1–64 characters, without quotes or control characters',
    });
  return problems;
}

export function validateSipAccount(a: SipAccount): string[] {
  return checkSipAccount(a).map((p) => p.message);
}

export class SoftphoneRegistration {
  private ua: UserAgentType | null = null;
  private registerer: RegistererType | null = null;
  private health: RegistrationHealth;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private sleepWatch: ReturnType<typeof setInterval> | null = null;
  private disposed = false;
  /** Bumped by every start and stop: an older start that resumes after either gives up. */
  private generation = 0;
  /** The running user agent's server URL (the key of its socket errors). */
  private server = '';
  private readonly backoff: { initialMs: number; maxMs: number };

  constructor(private readonly deps: SoftphoneRegistrationDeps) {
    this.backoff = deps.backoff ?? { initialMs: 1000, maxMs: 60_000 };
    this.health = {
      state: 'unconfigured',
      lastError: null,
      rttMs: null,
      since: deps.clock.now(),
      attempts: 0,
      failure: null,
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
    const generation = ++this.generation;
    await settleWithin(this.stopUserAgent(), stopWaitMs);
    if (generation !== this.generation) return; // stopped or restarted meanwhile
    this.disposed = false;
    const server = (this.server = account.server);
    const ua = new UserAgent({
      uri: UserAgent.makeURI(account.aor),
      transportOptions: {
        server,
        connectionTimeout: this.deps.connectionTimeoutSeconds ?? 5,
        keepAliveInterval: 15,
      },
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
          if (this.disposed || this.ua !== ua) return;
          this.deps.onTransport?.(true);
          this.setHealth({
            state: 'connecting',
            lastError: error ? error.message : 'transport closed',
            failure: 'unreachable',
          });
          this.scheduleReconnect();
        },
      },
    });
    this.ua = ua;
    const registerer = new Registerer(ua, { expires: this.deps.expiresSeconds ?? 300 });
    this.registerer = registerer;
    registerer.stateChange.addListener((s) => {
      if (
        s === RegistererState.Unregistered &&
        this.health.state === 'registered' &&
        !this.disposed &&
        this.registerer === registerer
      ) {
        this.setHealth({ state: 'connecting', lastError: 'registration lost', failure: 'other' });
      }
    });
    this.setHealth({ state: 'connecting', lastError: null, attempts: 0, failure: null });
    this.watchForSleep();
    try {
      await ua.start();
    } catch (err) {
      if (this.ua !== ua) return; // stopped meanwhile
      this.connectFailed(server, err);
    }
  }

  /**
   * Unregisters (waiting at most `timeoutMs` for the PBX's answer: a dead one never gives it) and
   * stops; the health goes back to 'unconfigured'. A later `start` registers again.
   */
  async stop(timeoutMs = stopWaitMs): Promise<void> {
    this.generation++;
    this.disposed = true;
    if (this.sleepWatch) clearInterval(this.sleepWatch);
    this.sleepWatch = null;
    const stopped = this.stopUserAgent();
    if (this.health.state !== 'unconfigured') {
      this.setHealth({
        state: 'unconfigured',
        lastError: null,
        rttMs: null,
        attempts: 0,
        failure: null,
      });
    }
    await settleWithin(stopped, timeoutMs);
  }

  async dispose(): Promise<void> {
    this.generation++;
    this.disposed = true;
    if (this.sleepWatch) clearInterval(this.sleepWatch);
    this.sleepWatch = null;
    await settleWithin(this.stopUserAgent(), stopWaitMs);
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
      const server = this.server;
      ua.reconnect().catch((err: unknown) => {
        if (this.ua === ua) this.connectFailed(server, err);
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
            if (this.registerer !== registerer) return; // an account since replaced
            const wasDown = this.health.state !== 'registered';
            this.setHealth({
              state: 'registered',
              lastError: null,
              rttMs: this.deps.clock.now() - sent,
              attempts: 0,
              failure: null,
            });
            if (wasDown) this.deps.onTransport?.(false);
          },
          onReject: (r) => {
            if (this.registerer !== registerer) return;
            // 401/407 are answered by sip.js itself; what reaches us is final (e.g. wrong password).
            const code = r.message.statusCode ?? 0;
            this.setHealth({
              state: 'failed',
              lastError: `REGISTER rejected: ${code} ${r.message.reasonPhrase ?? ''}`.trim(),
              failure: classifyRegisterRejection(code),
            });
          },
        },
      })
      .catch((err: unknown) => {
        if (this.registerer === registerer) {
          this.setHealth({ state: 'failed', lastError: errorMessage(err), failure: 'other' });
        }
      });
  }

  /** The WebSocket did not come up: say why (from the socket's own error), and try again later. */
  private connectFailed(server: string, err: unknown): void {
    this.setHealth({
      state: 'connecting',
      lastError: errorMessage(err),
      failure: classifySocketError(socketErrors.get(server)),
    });
    this.scheduleReconnect();
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
      const server = this.server;
      ua.reconnect().catch((err: unknown) => {
        if (this.ua === ua) this.connectFailed(server, err);
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

/** `work`, or nothing once `ms` have passed, whichever comes first (`work` goes on regardless). */
function settleWithin(work: Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    timer.unref?.();
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
