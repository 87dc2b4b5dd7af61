/**
 * The renderer's MediaEngine (docs/DESIGN.md §2): owns the RTCPeerConnection of each call leg, the
 * microphone, the speaker (setSinkId) and a separate ringer device. Main drives it through
 * `media.command` events and gets each answer back with `media.reply`; it never decides call
 * state. Heartbeats tell main this window still holds the media, and carry each leg's inbound RTP
 * counts from getStats() for main's silence watch (docs/adr/0012-dead-calls-and-remote-hold.md).
 */
import type { DeskApi } from '@shared/contract';
import type { InboundStats, MediaCommand } from '@shared/softphone/contract';
import { ringTone } from './tone';

export interface DeviceChoice {
  mic: string;
  speaker: string;
  ringer: string;
}

export interface DeviceLists {
  inputs: { deviceId: string; label: string }[];
  outputs: { deviceId: string; label: string }[];
}

interface Leg {
  pc: RTCPeerConnection;
  /** This call's copy of the shift microphone track (stopped when the call ends). */
  track: MediaStreamTrack | null;
  audio: HTMLAudioElement;
  muted: boolean;
}

type SinkAudio = HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };

const storageKey = 'courier-desk.devices';

export class MediaEngine {
  private owner: string | null = null;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private unsubscribe: (() => void) | null = null;
  private readonly legs = new Map<string, Leg>();
  private ringer: SinkAudio | null = null;
  private mic: MediaStream | null = null;
  private micDevice: string | null = null;
  private devices: DeviceChoice;
  private readonly onDeviceChange = () => void this.refreshDevices();

  constructor(
    private readonly api: DeskApi,
    private readonly hooks: {
      onDevices?: (lists: DeviceLists, choice: DeviceChoice) => void;
      /** A media failure to show the agent (null: media works again). */
      onError?: (message: string | null) => void;
      iceServers?: RTCIceServer[];
    } = {},
  ) {
    this.devices = loadChoice();
  }

  /** Takes over media for this desk (a reloaded window replaces the old one in main). */
  async start(): Promise<void> {
    if (this.owner) return;
    this.unsubscribe = this.api.on('media.command', (cmd) => void this.handle(cmd));
    const { owner } = await this.api.request('media.attach', {});
    this.owner = owner;
    this.heartbeat = setInterval(() => void this.beat(), 2000);
    navigator.mediaDevices?.addEventListener?.('devicechange', this.onDeviceChange);
    await this.refreshDevices();
  }

  stop(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.owner = null;
    navigator.mediaDevices?.removeEventListener?.('devicechange', this.onDeviceChange);
    for (const id of [...this.legs.keys()]) this.close(id);
    this.ring(false);
    this.mic?.getTracks().forEach((t) => t.stop());
    this.mic = null;
  }

  choice(): DeviceChoice {
    return this.devices;
  }

  async choose(patch: Partial<DeviceChoice>): Promise<void> {
    this.devices = { ...this.devices, ...patch };
    localStorage.setItem(storageKey, JSON.stringify(this.devices));
    for (const leg of this.legs.values()) await setSink(leg.audio, this.devices.speaker);
    if (this.ringer) await setSink(this.ringer, this.devices.ringer);
    await this.refreshDevices();
  }

  /** Device lists (labels need a granted microphone; hot-plug refreshes them). */
  async refreshDevices(): Promise<void> {
    const all = (await navigator.mediaDevices?.enumerateDevices?.()) ?? [];
    const pick = (kind: MediaDeviceKind) =>
      all
        .filter((d) => d.kind === kind)
        .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `${kind} ${i + 1}` }));
    const lists = { inputs: pick('audioinput'), outputs: pick('audiooutput') };
    // A device that was unplugged falls back to the system default.
    const has = (list: { deviceId: string }[], id: string) =>
      id === '' || list.some((d) => d.deviceId === id);
    if (!has(lists.inputs, this.devices.mic)) this.devices = { ...this.devices, mic: '' };
    if (!has(lists.outputs, this.devices.speaker)) this.devices = { ...this.devices, speaker: '' };
    if (!has(lists.outputs, this.devices.ringer)) this.devices = { ...this.devices, ringer: '' };
    this.hooks.onDevices?.(lists, this.devices);
  }

  /**
   * Pre-shift self-test: the microphone's peak level over `ms`, and a short tone on the speaker.
   */
  async selfTest(ms = 1500): Promise<{ micPeak: number; speakerPlayed: boolean }> {
    const stream = await this.microphone();
    const ctx = new AudioContext();
    try {
      const analyser = ctx.createAnalyser();
      ctx.createMediaStreamSource(stream).connect(analyser);
      const data = new Uint8Array(analyser.fftSize);
      let peak = 0;
      const until = performance.now() + ms;
      while (performance.now() < until) {
        analyser.getByteTimeDomainData(data);
        for (const v of data) peak = Math.max(peak, Math.abs(v - 128) / 128);
        await new Promise((r) => setTimeout(r, 50));
      }
      const probe: SinkAudio = new Audio(ringTone());
      await setSink(probe, this.devices.speaker);
      const speakerPlayed = await probe.play().then(
        () => true,
        () => false,
      );
      probe.pause();
      return { micPeak: Math.round(peak * 100) / 100, speakerPlayed };
    } finally {
      stream.getTracks().forEach((t) => t.stop());
      void ctx.close();
    }
  }

  /** A heartbeat, with what each leg has received (stats that are slow or fail are left out). */
  private async beat(): Promise<void> {
    const owner = this.owner;
    if (!owner) return;
    const inbound = await this.inboundStats();
    if (this.owner !== owner) return;
    await this.api
      .request('media.heartbeat', { owner, ...(inbound.length > 0 && { inbound }) })
      .catch(() => undefined);
  }

  /**
   * Each leg's inbound audio RTP as getStats() reports it: packets received so far (0 before the
   * first packet, when Chromium has no inbound-rtp entry yet) and the audio level if known.
   */
  async inboundStats(): Promise<InboundStats[]> {
    const legs = [...this.legs].slice(0, 4);
    const stats = await Promise.all(
      legs.map(async ([callId, leg]): Promise<InboundStats | null> => {
        const report = await Promise.race([
          leg.pc.getStats().catch(() => null),
          new Promise<null>((r) => setTimeout(() => r(null), 500)),
        ]);
        if (!report) return null;
        let packets = 0;
        let level: number | undefined;
        report.forEach(
          (s: { type?: string; kind?: string; mediaType?: string } & Record<string, unknown>) => {
            if (s.type !== 'inbound-rtp' || (s.kind ?? s.mediaType) !== 'audio') return;
            if (typeof s.packetsReceived === 'number') packets += s.packetsReceived;
            if (typeof s.audioLevel === 'number') level = s.audioLevel;
          },
        );
        return {
          callId,
          packets: Math.max(0, Math.floor(packets)),
          ...(level !== undefined && { level: Math.min(1, Math.max(0, level)) }),
        };
      }),
    );
    return stats.filter((s): s is InboundStats => s !== null);
  }

  private async handle(cmd: MediaCommand): Promise<void> {
    if (!this.owner || cmd.owner !== this.owner) return;
    const owner = this.owner;
    try {
      const sdp = await this.run(cmd);
      if (cmd.op === 'getDescription') this.hooks.onError?.(null);
      await this.api.request('media.reply', {
        owner,
        seq: cmd.seq,
        ok: true,
        ...(sdp && { sdp }),
      });
    } catch (err) {
      const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      // A refused RFC 4733 send is routine (main falls back to SIP INFO); the rest is shown.
      if (cmd.op !== 'dtmf') this.hooks.onError?.(error);
      await this.api
        .request('media.reply', { owner, seq: cmd.seq, ok: false, error: error.slice(0, 500) })
        .catch(() => undefined);
    }
  }

  private async run(cmd: MediaCommand): Promise<string | undefined> {
    switch (cmd.op) {
      case 'getDescription':
        return this.getDescription(cmd.callId, cmd.hold, cmd.iceRestart, cmd.remoteOffer);
      case 'setDescription': {
        const leg = this.legs.get(cmd.callId) ?? this.newLeg(cmd.callId);
        const type = leg.pc.signalingState === 'have-local-offer' ? 'answer' : 'offer';
        await leg.pc.setRemoteDescription({ type, sdp: cmd.sdp });
        return undefined;
      }
      case 'close':
        this.close(cmd.callId);
        return undefined;
      case 'mute': {
        const leg = this.legs.get(cmd.callId);
        if (leg) {
          leg.muted = cmd.muted;
          if (leg.track) leg.track.enabled = !cmd.muted;
        }
        return undefined;
      }
      case 'dtmf': {
        const leg = this.legs.get(cmd.callId);
        const sender = leg?.pc.getSenders().find((s) => s.track?.kind === 'audio');
        // Chromium refuses RFC 4733 before media connects; main then falls back to SIP INFO.
        if (!leg || !sender?.dtmf || leg.pc.connectionState !== 'connected') {
          throw new Error('RFC 4733 not available');
        }
        sender.dtmf.insertDTMF(cmd.tones, 100, 70);
        return undefined;
      }
      case 'ring':
        this.ring(cmd.on);
        return undefined;
    }
  }

  private async getDescription(
    callId: string,
    hold: boolean,
    iceRestart: boolean,
    remoteOffer: string | null,
  ) {
    const leg = this.legs.get(callId) ?? this.newLeg(callId);
    const { pc } = leg;
    if (remoteOffer !== null) await pc.setRemoteDescription({ type: 'offer', sdp: remoteOffer });
    await this.ensureMicrophone(leg);
    const direction: RTCRtpTransceiverDirection = hold ? 'sendonly' : 'sendrecv';
    // On hold the customer must not hear the agent: sendonly alone keeps sending the microphone
    // (seen through rtpengine), and a disabled track still sends silence packets. No track is
    // sent while held; `sendonly` stays so music on hold can use the sender later.
    for (const t of pc.getTransceivers()) {
      if (t.currentDirection !== 'stopped' && t.sender.track !== (hold ? null : leg.track)) {
        await t.sender.replaceTrack(hold ? null : leg.track);
      }
    }
    if (pc.signalingState === 'have-remote-offer') {
      for (const t of pc.getTransceivers())
        if (t.currentDirection !== 'stopped') t.direction = direction;
      await pc.setLocalDescription(await pc.createAnswer());
    } else {
      for (const t of pc.getTransceivers())
        if (t.currentDirection !== 'stopped') t.direction = direction;
      await pc.setLocalDescription(await pc.createOffer({ iceRestart }));
    }
    await gathered(pc, 2000);
    const sdp = pc.localDescription?.sdp;
    if (!sdp) throw new Error('no local description');
    return sdp;
  }

  private newLeg(callId: string): Leg {
    // Loopback/LAN only unless configured: sip.js would otherwise default to a public STUN host.
    const pc = new RTCPeerConnection({ iceServers: this.hooks.iceServers ?? [] });
    const audio: SinkAudio = new Audio();
    audio.autoplay = true;
    void setSink(audio, this.devices.speaker);
    pc.ontrack = (e) => {
      audio.srcObject = e.streams[0] ?? new MediaStream([e.track]);
      void audio.play().catch(() => undefined);
    };
    const leg: Leg = { pc, track: null, audio, muted: false };
    this.legs.set(callId, leg);
    return leg;
  }

  /** Adds the microphone to the leg once (after a remote offer, so it joins that m-line). */
  private async ensureMicrophone(leg: Leg): Promise<void> {
    if (leg.track) return;
    const mic = (await this.sharedMicrophone()).getAudioTracks()[0];
    if (!mic) throw new Error('NotFoundError: no microphone track');
    // A clone per call: mute and hang-up act on this call only; the device stays open.
    const track = mic.clone();
    track.enabled = !leg.muted;
    leg.track = track;
    leg.pc.addTrack(track);
  }

  /**
   * The microphone is opened once per shift (and again when the agent picks another one or the
   * device goes away), not once per call: no permission/device start-up on every answer, and no
   * MediaStream left behind per call (measured by the renderer-heap bench).
   */
  private async sharedMicrophone(): Promise<MediaStream> {
    const live = this.mic?.getAudioTracks().some((t) => t.readyState === 'live') ?? false;
    if (!this.mic || !live || this.micDevice !== this.devices.mic) {
      this.mic?.getTracks().forEach((t) => t.stop());
      this.mic = await this.microphone();
      this.micDevice = this.devices.mic;
    }
    return this.mic;
  }

  private microphone(): Promise<MediaStream> {
    const mic = this.devices.mic;
    return navigator.mediaDevices.getUserMedia({
      audio: mic ? { deviceId: { exact: mic } } : true,
      video: false,
    });
  }

  private close(callId: string): void {
    const leg = this.legs.get(callId);
    if (!leg) return;
    this.legs.delete(callId);
    leg.track?.stop();
    leg.pc.close();
    leg.audio.pause();
    leg.audio.srcObject = null;
  }

  private ring(on: boolean): void {
    if (on) {
      if (!this.ringer) {
        this.ringer = new Audio(ringTone());
        this.ringer.loop = true;
      }
      void setSink(this.ringer, this.devices.ringer);
      // Electron and the browser host run with autoplay-policy=no-user-gesture-required.
      void this.ringer.play().catch((err: unknown) => this.hooks.onError?.(String(err)));
    } else if (this.ringer) {
      this.ringer.pause();
      this.ringer.currentTime = 0;
    }
  }

  /** For the UI: is the ringer sounding right now. */
  ringing(): boolean {
    return this.ringer !== null && !this.ringer.paused;
  }
}

async function setSink(el: SinkAudio, deviceId: string): Promise<void> {
  if (typeof el.setSinkId === 'function') await el.setSinkId(deviceId).catch(() => undefined);
}

function gathered(pc: RTCPeerConnection, timeoutMs: number): Promise<void> {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      pc.removeEventListener('icegatheringstatechange', check);
      clearTimeout(timer);
      resolve();
    };
    const check = () => {
      if (pc.iceGatheringState === 'complete') done();
    };
    const timer = setTimeout(done, timeoutMs);
    pc.addEventListener('icegatheringstatechange', check);
  });
}

function loadChoice(): DeviceChoice {
  try {
    const v = JSON.parse(localStorage.getItem(storageKey) ?? '{}') as Partial<DeviceChoice>;
    return { mic: v.mic ?? '', speaker: v.speaker ?? '', ringer: v.ringer ?? '' };
  } catch {
    return { mic: '', speaker: '', ringer: '' };
  }
}
