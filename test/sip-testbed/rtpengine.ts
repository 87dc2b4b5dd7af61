/**
 * Starts the media gateway of the call-centre topology (Debian's `rtpengine-daemon`, userspace
 * only: `--table=-1`, no kernel module) on 127.0.0.1 with a free ng control port and its own RTP
 * port range, in the foreground, logging to a file, and stops it by PID — like kamailio.ts.
 *
 * `ng()` speaks rtpengine's ng control protocol (bencode over UDP: "<cookie> <dict>"); `flows()`
 * reads the per-party packet counters of a call with the ng `query` command. DTMF events
 * rtpengine sees in the media (RFC 4733 telephone-event) arrive as JSON on a UDP socket of ours
 * (`--dtmf-log-dest`) and are kept in `dtmf()`.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createSocket } from 'node:dgram';
import type { Socket } from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningKamailio } from './kamailio';
import { freeUdpPort, startKamailio } from './kamailio';
import { onCpus } from './cpus';

export const RTPENGINE = '/usr/bin/rtpengine';

// ---- bencode (the ng protocol's encoding): strings, integers, lists, dictionaries -------------

export type BValue = string | number | BValue[] | { [key: string]: BValue };

export function bencode(value: BValue): Buffer {
  const parts: Buffer[] = [];
  const put = (v: BValue): void => {
    if (typeof v === 'string') {
      const b = Buffer.from(v, 'utf8');
      parts.push(Buffer.from(`${b.length}:`), b);
    } else if (typeof v === 'number') {
      if (!Number.isInteger(v)) throw new Error(`bencode: not an integer: ${v}`);
      parts.push(Buffer.from(`i${v}e`));
    } else if (Array.isArray(v)) {
      parts.push(Buffer.from('l'));
      v.forEach(put);
      parts.push(Buffer.from('e'));
    } else {
      parts.push(Buffer.from('d'));
      // Keys in raw byte order, as bencode requires.
      for (const k of Object.keys(v).sort((a, b) =>
        Buffer.compare(Buffer.from(a), Buffer.from(b)),
      )) {
        put(k);
        put(v[k]!);
      }
      parts.push(Buffer.from('e'));
    }
  };
  put(value);
  return Buffer.concat(parts);
}

export function bdecode(buf: Buffer): BValue {
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(`bdecode: ${what} at byte ${i}`);
  };
  const read = (): BValue => {
    const c = buf[i];
    if (c === undefined) return fail('unexpected end');
    if (c === 0x69 /* i */) {
      const end = buf.indexOf(0x65 /* e */, i);
      if (end < 0) return fail('unterminated integer');
      const n = Number(buf.toString('latin1', i + 1, end));
      if (!Number.isInteger(n)) return fail('bad integer');
      i = end + 1;
      return n;
    }
    if (c === 0x6c /* l */) {
      i++;
      const list: BValue[] = [];
      while (buf[i] !== 0x65) list.push(read());
      i++;
      return list;
    }
    if (c === 0x64 /* d */) {
      i++;
      const dict: Record<string, BValue> = {};
      while (buf[i] !== 0x65) {
        const key = read();
        if (typeof key !== 'string') return fail('dictionary key is not a string');
        dict[key] = read();
      }
      i++;
      return dict;
    }
    if (c >= 0x30 && c <= 0x39) {
      const colon = buf.indexOf(0x3a /* : */, i);
      if (colon < 0) return fail('string without length');
      const len = Number(buf.toString('latin1', i, colon));
      const start = colon + 1;
      if (start + len > buf.length) return fail('string past the end');
      i = start + len;
      return buf.toString('utf8', start, start + len);
    }
    return fail(`unexpected byte 0x${c.toString(16)}`);
  };
  const v = read();
  if (i !== buf.length) fail('trailing bytes');
  return v;
}

// ---- counters --------------------------------------------------------------------------------

/** What rtpengine received from one party of a call (its SIP tag), RTP and RTCP together. */
export interface PartyFlow {
  tag: string;
  /** Transport profile rtpengine speaks with this party: RTP/AVP, UDP/TLS/RTP/SAVPF, … */
  protocol: string;
  /** Where the party's media comes from (learnt), e.g. 127.0.0.1:40012. */
  endpoint: string;
  packets: number;
  bytes: number;
  errors: number;
}

export interface DtmfEvent {
  callId: string;
  sourceTag: string;
  /** 0–9, *, #, A–D */
  digit: string;
  durationMs: number;
  raw: Record<string, unknown>;
}

export interface RunningRtpengine {
  /** The ng control socket as Kamailio's rtpengine module wants it: udp:127.0.0.1:PORT. */
  ngSocket: string;
  ngPort: number;
  portMin: number;
  portMax: number;
  pid: number;
  log(): string;
  /** One ng command; resolves with rtpengine's reply dictionary (result "error" rejects). */
  ng(command: Record<string, BValue>): Promise<Record<string, BValue>>;
  /** Call-IDs rtpengine currently holds. */
  calls(): Promise<string[]>;
  /** Per-party counters of a call (ng `query`), one entry per SIP tag. */
  flows(callId: string): Promise<PartyFlow[]>;
  /** RFC 4733 events rtpengine has seen so far (any call). */
  dtmf(): DtmfEvent[];
  stop(): Promise<void>;
}

const DIGITS = '0123456789*#ABCD';

function asDict(v: BValue | undefined): Record<string, BValue> {
  return v !== undefined && typeof v === 'object' && !Array.isArray(v) ? v : {};
}
function asNumber(v: BValue | undefined): number {
  return typeof v === 'number' ? v : 0;
}

/** Sums a party's stream counters out of an ng `query` reply. */
export function partyFlows(reply: Record<string, BValue>): PartyFlow[] {
  const flows: PartyFlow[] = [];
  for (const [tag, mono] of Object.entries(asDict(reply['tags']))) {
    const m = asDict(mono);
    const flow: PartyFlow = { tag, protocol: '', endpoint: '', packets: 0, bytes: 0, errors: 0 };
    const medias = Array.isArray(m['medias']) ? m['medias'] : [];
    for (const media of medias) {
      const md = asDict(media);
      if (!flow.protocol && typeof md['protocol'] === 'string') flow.protocol = md['protocol'];
      for (const stream of Array.isArray(md['streams']) ? md['streams'] : []) {
        const s = asDict(stream);
        const stats = asDict(s['stats']);
        flow.packets += asNumber(stats['packets']);
        flow.bytes += asNumber(stats['bytes']);
        flow.errors += asNumber(stats['errors']);
        const ep = asDict(s['endpoint']);
        if (!flow.endpoint && typeof ep['address'] === 'string' && asNumber(ep['port']) > 0) {
          flow.endpoint = `${ep['address']}:${asNumber(ep['port'])}`;
        }
      }
    }
    flows.push(flow);
  }
  return flows;
}

async function ngRequest(
  sock: Socket,
  port: number,
  pending: Map<string, (reply: Buffer) => void>,
  command: Record<string, BValue>,
): Promise<Record<string, BValue>> {
  const payload = bencode(command);
  // rtpengine caches replies by cookie, so a retransmission must reuse the cookie.
  const cookie = randomBytes(8).toString('hex');
  const packet = Buffer.concat([Buffer.from(`${cookie} `), payload]);
  try {
    const reply = await new Promise<Buffer>((resolve, reject) => {
      let tries = 0;
      const send = () => {
        if (tries++ === 5) {
          clearInterval(timer);
          reject(new Error(`rtpengine did not answer ng '${String(command['command'])}'`));
          return;
        }
        sock.send(packet, port, '127.0.0.1');
      };
      const timer = setInterval(send, 500);
      pending.set(cookie, (r) => {
        clearInterval(timer);
        resolve(r);
      });
      send();
    });
    const dict = asDict(bdecode(reply));
    if (dict['result'] === 'error') {
      throw new Error(
        `rtpengine ng '${String(command['command'])}': ${String(dict['error-reason'])}`,
      );
    }
    return dict;
  } finally {
    pending.delete(cookie);
  }
}

export async function startRtpengine(
  options: {
    /** CPUs rtpengine may run on (`taskset -c` list). */
    cpus?: string;
    /** rtpengine's log level (6 info, 7 debug). */
    logLevel?: number;
  } = {},
): Promise<RunningRtpengine> {
  if (!existsSync(RTPENGINE)) {
    throw new Error(
      'rtpengine is not installed: apt-get install rtpengine-daemon (npm test does this as root)',
    );
  }
  const ngPort = await freeUdpPort();
  // RTP ports below Linux's ephemeral range (32768+), so no client socket sits on them by chance;
  // rtpengine skips any port that is taken. Each call uses a few (RTP+RTCP per party).
  const portMin = 20_000 + 100 * Math.floor(Math.random() * 120);
  const portMax = portMin + 99;

  // DTMF events as JSON datagrams, to a socket of ours.
  const dtmfSock = createSocket('udp4');
  await new Promise<void>((r) => dtmfSock.bind(0, '127.0.0.1', () => r()));
  const dtmfPort = dtmfSock.address().port;
  const events: DtmfEvent[] = [];
  dtmfSock.on('message', (msg) => {
    try {
      const raw = JSON.parse(msg.toString('utf8')) as Record<string, unknown>;
      // {"callid","source_tag","tags","type":"DTMF","event":5,"duration":280,"volume":10,…}
      if (raw['type'] !== undefined && raw['type'] !== 'DTMF') return;
      const code = Number(raw['event']);
      events.push({
        callId: String(raw['callid'] ?? ''),
        sourceTag: String(raw['source_tag'] ?? ''),
        digit: DIGITS[code] ?? `?${String(raw['event'])}`,
        durationMs: Number(raw['duration'] ?? 0),
        raw,
      });
    } catch {
      // not JSON: ignore
    }
  });

  const ctl = createSocket('udp4');
  await new Promise<void>((r) => ctl.bind(0, '127.0.0.1', () => r()));
  const pending = new Map<string, (reply: Buffer) => void>();
  ctl.on('message', (msg) => {
    const sp = msg.indexOf(0x20);
    if (sp < 0) return;
    pending.get(msg.toString('latin1', 0, sp))?.(msg.subarray(sp + 1));
  });

  const dir = mkdtempSync(join(tmpdir(), 'courier-desk-rtpengine-'));
  const logFile = join(dir, 'rtpengine.log');
  const args = [
    '--config-file=none', // not /etc/rtpengine/rtpengine.conf
    '--foreground', // the PID we hold is rtpengine's
    '--log-stderr',
    `--log-level=${options.logLevel ?? 6}`,
    '--table=-1', // userspace forwarding only: no kernel module
    '--interface=127.0.0.1',
    `--listen-ng=127.0.0.1:${ngPort}`,
    `--port-min=${portMin}`,
    `--port-max=${portMax}`,
    `--dtmf-log-dest=127.0.0.1:${dtmfPort}`,
    '--num-threads=2',
  ];
  // Output to a file, not a pipe (see kamailio.ts).
  const out = openSync(logFile, 'a');
  let child: ReturnType<typeof spawn>;
  try {
    const [command, argv] = onCpus(RTPENGINE, args, options.cpus);
    child = spawn(command, argv, { stdio: ['ignore', out, out] });
  } finally {
    closeSync(out);
  }
  let final: string | null = null;
  const log = (): string => final ?? (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const ng = (command: Record<string, BValue>) => ngRequest(ctl, ngPort, pending, command);
  const closeSockets = () => {
    ctl.close();
    dtmfSock.close();
  };

  try {
    const deadline = Date.now() + 10_000;
    const early = exited.then(() => 'exited' as const);
    for (;;) {
      const started = await Promise.race([
        ng({ command: 'ping' }).then(
          (r) => r['result'] === 'pong',
          () => false,
        ),
        early,
      ]);
      if (started === 'exited')
        throw new Error(`rtpengine exited at start:\n${log().slice(-2000)}`);
      if (started) break;
      if (Date.now() > deadline) {
        throw new Error(`rtpengine did not answer ping within 10 s:\n${log().slice(-2000)}`);
      }
    }
  } catch (err) {
    child.kill('SIGKILL');
    closeSockets();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }

  return {
    ngSocket: `udp:127.0.0.1:${ngPort}`,
    ngPort,
    portMin,
    portMax,
    pid: child.pid!,
    log,
    ng,
    async calls() {
      const r = await ng({ command: 'list', limit: 100 });
      return (Array.isArray(r['calls']) ? r['calls'] : []).map(String);
    },
    async flows(callId: string) {
      return partyFlows(await ng({ command: 'query', 'call-id': callId }));
    },
    dtmf: () => [...events],
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      final = log();
      closeSockets();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ---- the media-gateway topology: Kamailio (kamailio-gateway.cfg) in front of rtpengine ---------

/** Real G.711 A-law speech, 7 s (236 packets of 30 ms), shipped by Debian's sip-tester. */
export const G711A_PCAP = '/usr/share/sip-tester/g711a.pcap';

/** One RFC 4733 key press (payload type 101) shipped by sip-tester: 0–9, '*', '#'. */
export function dtmfPcap(key: string): string {
  const name = key === '#' ? 'pound' : key === '*' ? 'star' : key;
  return `/usr/share/sip-tester/dtmf_2833_${name}.pcap`;
}

export interface MediaGateway {
  pbx: RunningKamailio;
  rtp: RunningRtpengine;
  stop(): Promise<void>;
}

/** rtpengine, then Kamailio with kamailio-gateway.cfg pointing at it; stopped in reverse. */
export async function startMediaGateway(
  options: { trunk?: string; password?: string } = {},
): Promise<MediaGateway> {
  if (!existsSync(G711A_PCAP)) {
    throw new Error(`${G711A_PCAP} is missing: apt-get install sip-tester (npm test does this)`);
  }
  const rtp = await startRtpengine();
  let pbx: RunningKamailio;
  try {
    pbx = await startKamailio({
      config: 'kamailio-gateway.cfg',
      vars: { RTPENGINE: rtp.ngSocket },
      ...(options.trunk !== undefined && { trunk: options.trunk }),
      ...(options.password !== undefined && { password: options.password }),
    });
  } catch (err) {
    await rtp.stop();
    throw err;
  }
  return {
    pbx,
    rtp,
    async stop() {
      await pbx.stop();
      await rtp.stop();
    },
  };
}
