/**
 * The media side for Node integration tests: it attaches to a desk exactly like the renderer's
 * MediaEngine does (media.attach, heartbeats, media.command → media.reply through the real
 * dispatcher), and answers offer/answer with SDP text — plain Node has no RTCPeerConnection, so
 * no audio flows here. The real engine (renderer/src/features/softphone/media) is exercised in Chromium by the e2e
 * tests.
 */
import type { MediaCommand } from '@shared/contract';
import type { Desk } from '../../electron/core/desk';

export interface NodeMedia {
  owner: string;
  commands: MediaCommand[];
  /**
   * Direction we offered/answered last per call: sendonly while holding, else sendrecv; an answer
   * follows the remote offer (recvonly to a customer's sendonly hold).
   */
  directions: Map<string, string>;
  ringing(): boolean;
  /**
   * With `inbound: true`: starts or stops inbound RTP on a call leg as the heartbeats report it
   * (packets received grow by 25 a beat while flowing; a leg starts with none flowing).
   */
  rtp(callId: string, flowing: boolean): void;
  /** Stops heartbeats (as a crashed renderer would) and stops answering. */
  vanish(): void;
  stop(): void;
}

export interface NodeMediaOptions {
  /** Fail getDescription (a broken microphone). */
  failGetDescription?: boolean;
  /** Answer DTMF commands (RFC 4733 path) as done; default false → main falls back to INFO. */
  rfc4733?: boolean;
  /**
   * Report each open leg's inbound RTP with the heartbeat, as the renderer does from
   * `RTCPeerConnection.getStats()` (default false: heartbeats carry no stats, like an older window).
   */
  inbound?: boolean;
}

export async function attachNodeMedia(
  desk: Desk,
  options: NodeMediaOptions = {},
): Promise<NodeMedia> {
  const attached = await desk.dispatcher.dispatch('media.attach', {});
  if (!attached.ok) throw new Error(attached.error.message);
  const { owner } = attached.value as { owner: string };
  const commands: MediaCommand[] = [];
  const directions = new Map<string, string>();
  const remoteOffer = new Set<string>();
  let ring = false;
  let alive = true;
  let version = 1;
  /** Open legs: inbound packets so far, and whether RTP is arriving now. */
  const legs = new Map<string, { packets: number; flowing: boolean }>();
  const beat = setInterval(() => {
    if (!alive) return;
    for (const leg of legs.values()) if (leg.flowing) leg.packets += 25;
    const inbound = [...legs].map(([callId, leg]) => ({ callId, packets: leg.packets }));
    void desk.dispatcher.dispatch(
      'media.heartbeat',
      options.inbound ? { owner, inbound } : { owner },
    );
  }, 500);

  const reply = (seq: number, result: { sdp?: string; error?: string }) =>
    void desk.dispatcher.dispatch('media.reply', {
      owner,
      seq,
      ok: result.error === undefined,
      ...result,
    });

  const unsubscribe = desk.subscribe((event, payload) => {
    if (event !== 'media.command' || !alive) return;
    const cmd = payload as MediaCommand;
    if (cmd.owner !== owner) return;
    commands.push(cmd);
    // Answer asynchronously, as a renderer across IPC would.
    setImmediate(() => {
      switch (cmd.op) {
        case 'getDescription': {
          if (options.failGetDescription) return reply(cmd.seq, { error: 'NotAllowedError: mic' });
          if (cmd.remoteOffer !== null && !/^v=0\r?\n/.test(cmd.remoteOffer)) {
            return reply(cmd.seq, { error: 'InvalidAccessError: not SDP' });
          }
          // An answer follows the offer's direction (RFC 3264 §6.1), as RTCPeerConnection's does.
          const dir = cmd.hold
            ? 'sendonly'
            : cmd.remoteOffer === null
              ? 'sendrecv'
              : answerDirection(cmd.remoteOffer);
          directions.set(cmd.callId, dir);
          if (!legs.has(cmd.callId)) legs.set(cmd.callId, { packets: 0, flowing: false });
          remoteOffer.delete(cmd.callId);
          return reply(cmd.seq, { sdp: sdp(++version, dir) });
        }
        case 'setDescription':
          remoteOffer.add(cmd.callId);
          return reply(cmd.seq, {});
        case 'ring':
          ring = cmd.on;
          return reply(cmd.seq, {});
        case 'dtmf':
          return reply(cmd.seq, options.rfc4733 ? {} : { error: 'no RTCDTMFSender' });
        case 'close':
          legs.delete(cmd.callId);
          return reply(cmd.seq, {});
        case 'mute':
          return reply(cmd.seq, {});
      }
    });
  });

  return {
    owner,
    commands,
    directions,
    ringing: () => ring,
    rtp(callId, flowing) {
      const leg = legs.get(callId) ?? { packets: 0, flowing };
      leg.flowing = flowing;
      legs.set(callId, leg);
    },
    vanish() {
      alive = false;
      clearInterval(beat);
    },
    stop() {
      alive = false;
      clearInterval(beat);
      unsubscribe();
    },
  };
}

/** The direction of an answer to `offer`: sendonly ↔ recvonly, inactive stays, else sendrecv. */
function answerDirection(offer: string): string {
  const dir = /^a=(sendrecv|sendonly|recvonly|inactive)\s*$/m.exec(offer)?.[1] ?? 'sendrecv';
  return { sendonly: 'recvonly', recvonly: 'sendonly', inactive: 'inactive' }[dir] ?? 'sendrecv';
}

function sdp(version: number, direction: string): string {
  return [
    'v=0',
    `o=- 4611731400430051336 ${version} IN IP4 127.0.0.1`,
    's=-',
    't=0 0',
    'm=audio 9 UDP/TLS/RTP/SAVPF 0 101',
    'c=IN IP4 127.0.0.1',
    'a=rtpmap:0 PCMU/8000',
    'a=rtpmap:101 telephone-event/8000',
    'a=mid:0',
    'a=rtcp-mux',
    'a=ice-ufrag:desk',
    'a=ice-pwd:deskpasswordfortheintegration',
    'a=fingerprint:sha-256 11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00',
    'a=setup:actpass',
    `a=${direction}`,
    'a=candidate:1 1 udp 2122260223 127.0.0.1 40000 typ host',
    '',
  ].join('\r\n');
}
