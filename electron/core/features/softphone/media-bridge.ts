/**
 * The media bridge (docs/DESIGN.md §2): sip.js runs in main, but the RTCPeerConnection, microphone,
 * speaker and ringer live in the renderer. Main sends `media.command` events to the one renderer
 * that attached as media owner; it answers with `media.reply`. A renderer that stops sending
 * heartbeats (crash, reload, closed window) is declared gone and the call service ends the calls
 * whose media it held. The heartbeat also carries each leg's inbound RTP counts, for the call
 * service's silence watch (calls/silence-watch.ts).
 */
import type {
  BodyAndContentType,
  Session,
  SessionDescriptionHandler,
  SessionDescriptionHandlerFactory,
  SessionDescriptionHandlerOptions,
} from 'sip.js';
import { ContractError } from '@shared/common/errors';
import type { InboundStats, MediaCommand } from '@shared/contract';
import type { Clock, Logger } from '../../platform/ports';

type Pending = { resolve: (sdp: string | undefined) => void; reject: (e: Error) => void };
/** A command as the call service states it; the bridge adds owner and sequence number. */
export type MediaRequest = MediaCommand extends infer C
  ? C extends MediaCommand
    ? Omit<C, 'owner' | 'seq'>
    : never
  : never;

export interface MediaBridgeDeps {
  clock: Clock;
  logger: Logger;
  newId: () => string;
  emit: (command: MediaCommand) => void;
  /** The media owner vanished (no heartbeat, or replaced by a reloaded renderer). */
  onLost: (reason: string) => void;
  /** Each heartbeat's inbound RTP stats (when the media side sent them). */
  onInbound?: (stats: readonly InboundStats[]) => void;
  replyTimeoutMs?: number;
  heartbeatTimeoutMs?: number;
}

export class MediaBridge {
  private owner: string | null = null;
  private lastBeat = 0;
  private seq = 0;
  private readonly pending = new Map<number, Pending>();
  /** Answers the media side prepared while a call rang, by call id (ADR 0007). */
  private readonly prepared = new Map<
    string,
    { offer: string; answer: Promise<string | undefined> }
  >();
  private readonly watchdog: ReturnType<typeof setInterval>;

  constructor(private readonly deps: MediaBridgeDeps) {
    this.watchdog = setInterval(() => this.check(), 1000);
    this.watchdog.unref?.();
  }

  attached(): boolean {
    return this.owner !== null;
  }

  /** A renderer takes over media. An earlier owner's media (and its calls) are gone. */
  attach(): { owner: string } {
    const previous = this.owner;
    this.owner = this.deps.newId();
    this.lastBeat = this.deps.clock.now();
    if (previous) this.drop('media owner replaced (renderer reloaded)');
    return { owner: this.owner };
  }

  heartbeat(owner: string, inbound?: readonly InboundStats[]): void {
    this.requireOwner(owner);
    this.lastBeat = this.deps.clock.now();
    if (inbound) this.deps.onInbound?.(inbound);
  }

  reply(r: { owner: string; seq: number; ok: boolean; sdp?: string; error?: string }): void {
    this.requireOwner(r.owner);
    const p = this.pending.get(r.seq);
    if (!p) throw new ContractError('NOT_FOUND', `No pending media command ${r.seq}`);
    this.pending.delete(r.seq);
    if (r.ok) p.resolve(r.sdp);
    else p.reject(new Error(r.error ?? 'media command failed'));
  }

  /** Sends a command and waits for the renderer's answer. */
  request(command: MediaRequest): Promise<string | undefined> {
    const owner = this.owner;
    if (!owner) return Promise.reject(new Error('no media device attached (console not open)'));
    const seq = ++this.seq;
    return new Promise<string | undefined>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (this.pending.delete(seq)) reject(new Error(`media ${command.op} timed out`));
      }, this.deps.replyTimeoutMs ?? 10_000);
      this.pending.set(seq, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.deps.emit({ ...command, owner, seq } as MediaCommand);
    });
  }

  /** Fire and forget (ringer, mute): failures are logged, never block call control. */
  notify(command: MediaRequest): void {
    this.request(command).catch((err: unknown) =>
      this.deps.logger.warn('media command failed', { op: command.op, error: String(err) }),
    );
  }

  /**
   * Starts the media side's answer to a ringing call's offer (peer connection, microphone, ICE
   * gathering — tens of ms in a real window), so answering only has to send it (ADR 0007). No
   * audio flows before the 200 OK: the caller cannot reach our candidates until it has our answer.
   */
  prepareAnswer(callId: string, offer: string): void {
    if (!this.attached()) return;
    const answer = this.request({
      op: 'getDescription',
      callId,
      hold: false,
      iceRestart: false,
      remoteOffer: offer,
    });
    answer.catch(() => undefined); // seen at answer time, which then asks again
    this.prepared.set(callId, { offer, answer });
  }

  /** The answer prepared for exactly this offer, handed out once; null if there is none. */
  takePrepared(callId: string, offer: string): Promise<string | undefined> | null {
    const p = this.prepared.get(callId);
    if (!p || p.offer !== offer) return null;
    this.prepared.delete(callId);
    return p.answer;
  }

  /** The call ended: an answer prepared but never sent is released on the media side. */
  forget(callId: string): void {
    if (this.prepared.delete(callId) && this.attached()) this.notify({ op: 'close', callId });
  }

  dispose(): void {
    clearInterval(this.watchdog);
    this.prepared.clear();
    this.failPending('media bridge closed');
  }

  /** The sip.js factory: each call's SDP goes through the bridge under our call id. */
  sessionDescriptionHandlerFactory(
    callIdOf: (session: Session) => string | undefined,
    onError: (callId: string, error: Error) => void = () => undefined,
  ): SessionDescriptionHandlerFactory {
    return (session) => new BridgeDescriptionHandler(this, () => callIdOf(session), onError);
  }

  private check(): void {
    const timeout = this.deps.heartbeatTimeoutMs ?? 8000;
    if (this.owner && this.deps.clock.now() - this.lastBeat > timeout) {
      this.owner = null;
      this.drop(`media owner silent for over ${timeout / 1000} s`);
    }
  }

  private drop(reason: string): void {
    this.deps.logger.warn('media side lost', { reason });
    this.failPending(reason);
    this.deps.onLost(reason);
  }

  private failPending(reason: string): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(new Error(reason));
  }

  private requireOwner(owner: string): void {
    if (owner !== this.owner) {
      throw new ContractError('FORBIDDEN', 'This window is not the media owner; reload it');
    }
  }
}

interface BridgeOptions {
  hold?: boolean;
  offerOptions?: { iceRestart?: boolean };
}

/**
 * sip.js's view of a call's media. The offer/answer decisions are the renderer's
 * (RTCPeerConnection knows whether it holds a remote offer); this class only carries them.
 */
class BridgeDescriptionHandler implements SessionDescriptionHandler {
  private closed = false;
  private remoteSdp: string | null = null;
  /** A remote offer not yet given to the media side: it travels with our answer request. */
  private pendingOffer: string | null = null;
  /** We sent an offer; the next remote description is its answer. */
  private awaitingAnswer = false;

  constructor(
    private readonly bridge: MediaBridge,
    private readonly callId: () => string | undefined,
    private readonly onError: (callId: string, error: Error) => void,
  ) {}

  /** The remote party's last SDP (the call service checks it for telephone-event). */
  lastRemoteSdp(): string | null {
    return this.remoteSdp;
  }

  async getDescription(sdhOptions?: SessionDescriptionHandlerOptions): Promise<BodyAndContentType> {
    const options = sdhOptions as BridgeOptions | undefined;
    const callId = this.requireCallId();
    const remoteOffer = this.pendingOffer;
    this.pendingOffer = null;
    const ask = () =>
      // One round trip to the renderer per offer/answer: the remote offer rides along.
      this.bridge.request({
        op: 'getDescription',
        callId,
        hold: options?.hold === true,
        iceRestart: options?.offerOptions?.iceRestart === true,
        remoteOffer,
      });
    // Answering a call that rang: the answer was prepared meanwhile; if that failed (a microphone
    // unplugged and plugged back while it rang), ask once more now.
    const prepared = remoteOffer === null ? null : this.bridge.takePrepared(callId, remoteOffer);
    const sdp = await this.reported(callId, () => (prepared ? prepared.catch(() => ask()) : ask()));
    if (!sdp) throw new Error('media side returned no SDP');
    this.awaitingAnswer = remoteOffer === null;
    return { body: sdp, contentType: 'application/sdp' };
  }

  hasDescription(contentType: string): boolean {
    return contentType === 'application/sdp';
  }

  async setDescription(sdp: string): Promise<void> {
    const callId = this.requireCallId();
    await this.reported(callId, async () => {
      if (!/^v=0\r?\n/.test(sdp)) throw new Error('remote description is not SDP');
      if (this.awaitingAnswer) {
        // The answer to our offer (hold, resume, ICE restart, outbound): apply it now.
        await this.bridge.request({ op: 'setDescription', callId, sdp });
        this.awaitingAnswer = false;
      } else {
        // A remote offer: sip.js asks for our answer next (getDescription) — send both at once.
        this.pendingOffer = sdp;
      }
    });
    this.remoteSdp = sdp;
  }

  /** sip.js ends the dialog when media fails; the call service must know it was the media. */
  private async reported<T>(callId: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      this.onError(callId, error);
      throw error;
    }
  }

  /** RFC 4733 is decided by the call service (it falls back to SIP INFO). */
  sendDtmf(): boolean {
    return false;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    const callId = this.callId();
    if (callId && this.bridge.attached()) this.bridge.notify({ op: 'close', callId });
  }

  private requireCallId(): string {
    const id = this.callId();
    if (!id) throw new Error('call not known to the softphone');
    return id;
  }
}

export function remoteSdpOf(sdh: unknown): string | null {
  return sdh instanceof BridgeDescriptionHandler ? sdh.lastRemoteSdp() : null;
}
