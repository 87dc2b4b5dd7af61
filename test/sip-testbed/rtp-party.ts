/**
 * The media of a plain-line phone, in Node: an RTP/AVP G.711 A-law endpoint on 127.0.0.1 that a
 * SIPp scenario with external media (caller-line.xml, callee-line.xml) advertises in its SDP.
 * SIPp does the SIP; this does the RTP, so a test can read what the phone *hears*: every PCMA
 * packet is decoded and its energy summed the way WebRTC's `totalAudioEnergy` is (Σ rms²·duration,
 * samples scaled to [-1, 1]). A-law silence (0xD5) decodes to ±8/32768, so a second of silence adds
 * about 6e-8; a second of sip-tester's speech recording adds about 0.003.
 *
 * It talks too: once `talk()` is called it sends the speech payloads of a pcap (Debian
 * sip-tester's g711a.pcap: 30 ms PCMA packets) in a loop, 30 ms apart, from its RTP port (the
 * gateway learns that address, so the RTP port is also where it sends back). RTCP (demuxed, port
 * + 1) is bound and counted, never decoded. Stopped with `stop()`; nothing runs after it.
 */
import { readFileSync } from 'node:fs';
import { createSocket } from 'node:dgram';
import type { Socket } from 'node:dgram';
import { randomBytes } from 'node:crypto';

/** What the party has heard so far (since it started): RTP from the gateway. */
export interface Heard {
  /** RTP packets received (any payload type). */
  packets: number;
  /** PCMA (payload type 8) packets among them. */
  speech: number;
  /** RFC 4733 telephone-event packets among them. */
  events: number;
  /** Σ rms²·duration over every PCMA packet, as WebRTC's totalAudioEnergy. */
  energy: number;
  /** Loudest packet's rms (0–1). */
  peak: number;
  /** RTCP packets received on port + 1. */
  rtcp: number;
}

export interface RtpParty {
  /** The RTP port to put in the SDP (RTCP is port + 1). */
  port: number;
  /** Starts sending speech to the gateway's address (from the SDP SIPp received). */
  talk(remote: { address: string; port: number }): void;
  /** Stops sending (the line goes quiet; receiving goes on). */
  quiet(): void;
  heard(): Heard;
  stop(): Promise<void>;
}

/** G.711 A-law → 16-bit linear (ITU-T G.711, as in SpanDSP's alaw_to_linear). */
export function alawToLinear(byte: number): number {
  const a = byte ^ 0x55;
  let t = (a & 0x0f) << 4;
  const seg = (a & 0x70) >> 4;
  if (seg === 0) t += 8;
  else {
    t += 0x108;
    if (seg > 1) t <<= seg - 1;
  }
  return a & 0x80 ? t : -t;
}

const ALAW = Int16Array.from({ length: 256 }, (_, b) => alawToLinear(b));

/** Mean square of a PCMA payload, samples scaled to [-1, 1]. */
export function alawMeanSquare(payload: Buffer): number {
  if (payload.length === 0) return 0;
  let sum = 0;
  for (const b of payload) {
    const s = ALAW[b]! / 32768;
    sum += s * s;
  }
  return sum / payload.length;
}

/** The RTP payloads of an Ethernet/IPv4/UDP pcap (sip-tester's recordings), in order. */
export function rtpPayloadsOfPcap(file: string): Buffer[] {
  const pcap = readFileSync(file);
  const magic = pcap.readUInt32LE(0);
  if (magic !== 0xa1b2c3d4) throw new Error(`${file}: not a little-endian microsecond pcap`);
  if (pcap.readUInt32LE(20) !== 1) throw new Error(`${file}: not an Ethernet capture`);
  const payloads: Buffer[] = [];
  for (let at = 24; at + 16 <= pcap.length;) {
    const len = pcap.readUInt32LE(at + 8);
    const frame = pcap.subarray(at + 16, at + 16 + len);
    at += 16 + len;
    if (frame.readUInt16BE(12) !== 0x0800) continue; // IPv4 only
    const ihl = (frame[14]! & 0x0f) * 4;
    if (frame[14 + 9] !== 17) continue; // UDP
    const rtp = frame.subarray(14 + ihl + 8);
    const cc = rtp[0]! & 0x0f;
    payloads.push(Buffer.from(rtp.subarray(12 + 4 * cc)));
  }
  return payloads;
}

/** An RTP socket on a free port and its RTCP socket on the next one (rtcp-mux-demux sends there). */
async function bindPair(): Promise<[Socket, Socket]> {
  const bind = (s: Socket, p: number) =>
    new Promise<boolean>((r) => {
      s.once('error', () => r(false));
      s.bind(p, '127.0.0.1', () => r(true));
    });
  for (let attempt = 0; attempt < 20; attempt++) {
    const rtp = createSocket('udp4');
    const rtcp = createSocket('udp4');
    if ((await bind(rtp, 0)) && (await bind(rtcp, rtp.address().port + 1))) return [rtp, rtcp];
    for (const s of [rtp, rtcp]) {
      try {
        s.close();
      } catch {
        // never bound
      }
    }
  }
  throw new Error('rtp-party: no free RTP/RTCP port pair');
}

export async function startRtpParty(options: { pcap: string }): Promise<RtpParty> {
  const speech = rtpPayloadsOfPcap(options.pcap);
  if (speech.length === 0) throw new Error(`${options.pcap}: no RTP in it`);
  const [rtp, rtcp] = await bindPair();
  const heard: Heard = { packets: 0, speech: 0, events: 0, energy: 0, peak: 0, rtcp: 0 };
  rtp.on('message', (msg) => {
    if (msg.length < 12 || msg[0]! >> 6 !== 2) return;
    const pt = msg[1]! & 0x7f;
    if (pt >= 72 && pt <= 79) return; // RTCP on the RTP port (not expected: demuxed)
    heard.packets += 1;
    const cc = msg[0]! & 0x0f;
    let start = 12 + 4 * cc;
    if (msg[0]! & 0x10) start += 4 + 4 * msg.readUInt16BE(start + 2); // header extension
    let end = msg.length;
    if (msg[0]! & 0x20) end -= msg[end - 1]!; // padding
    const payload = msg.subarray(start, end);
    if (pt === 8) {
      heard.speech += 1;
      const ms = alawMeanSquare(payload);
      heard.energy += ms * (payload.length / 8000);
      heard.peak = Math.max(heard.peak, Math.sqrt(ms));
    } else if (pt === 101) {
      heard.events += 1;
    }
  });
  rtcp.on('message', () => (heard.rtcp += 1));

  const ssrc = randomBytes(4).readUInt32BE(0);
  let seq = randomBytes(2).readUInt16BE(0);
  let ts = randomBytes(4).readUInt32BE(0);
  let next = 0;
  let timer: ReturnType<typeof setInterval> | null = null;
  const quiet = () => {
    if (timer) clearInterval(timer);
    timer = null;
  };
  return {
    port: rtp.address().port,
    talk(remote) {
      quiet();
      // Packets are due every 30 ms from now; a late timer sends what is due at once.
      const t0 = performance.now();
      let sent = 0;
      const send = () => {
        const due = Math.floor((performance.now() - t0) / 30) + 1;
        for (; sent < due; sent++) {
          const payload = speech[next]!;
          next = (next + 1) % speech.length;
          const head = Buffer.alloc(12);
          head[0] = 0x80;
          head[1] = 8; // PCMA
          head.writeUInt16BE(seq, 2);
          head.writeUInt32BE(ts >>> 0, 4);
          head.writeUInt32BE(ssrc, 8);
          seq = (seq + 1) & 0xffff;
          ts = (ts + payload.length) >>> 0;
          rtp.send(Buffer.concat([head, payload]), remote.port, remote.address);
        }
      };
      send();
      timer = setInterval(send, 10);
    },
    quiet,
    heard: () => ({ ...heard }),
    async stop() {
      quiet();
      await Promise.all([
        new Promise<void>((r) => rtp.close(() => r())),
        new Promise<void>((r) => rtcp.close(() => r())),
      ]);
    },
  };
}
