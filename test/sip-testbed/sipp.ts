/**
 * Runs SIPp (Debian `sip-tester`) with one of the scenario files in test/sip-testbed/scenarios/, filled
 * in like kamailio.cfg, on 127.0.0.1 only. The test holds the PID and stops only that process.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freeUdpPort } from './kamailio';
import { onCpus } from './cpus';

export const SIPP = '/usr/bin/sipp';

export type Scenario =
  | 'caller'
  | 'caller-refused'
  | 'caller-cancels'
  | 'caller-malformed'
  | 'callee'
  | 'callee-busy'
  // Plain-line G.711 parties that really send audio (play_pcap_audio), for the rtpengine bed.
  | 'caller-audio'
  | 'callee-audio'
  // SIPp does the SIP, a Node RtpParty (rtp-party.ts) the audio: what each phone hears is measured.
  | 'caller-line'
  | 'callee-line';

/** An SDP body of about `kib` KiB: a valid head, then padding attributes. */
export function hugeSdp(kib: number): string {
  const head = ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0'];
  const pad = Array.from(
    { length: Math.ceil((kib * 1024) / 80) },
    (_, i) => `a=x-padding-${i}:${'x'.repeat(60)}`,
  );
  return [...head, 'm=audio 40000 RTP/AVP 0', ...pad].join('\n');
}

export interface SippOptions {
  scenario: Scenario;
  /** host:port SIPp sends to (Kamailio's UDP listener); omitted for a UAS that only waits. */
  remote?: string;
  /** Request-URI user of the INVITE (the desk's extension). */
  service?: string;
  /** UDP port SIPp listens on (a UAS must be where the Kamailio trunk points). */
  port?: number;
  /** %%NAME%% placeholders in the scenario file. */
  vars?: Record<string, string | number>;
  timeoutMs?: number;
  /** How many calls, one after the other (default 1). */
  calls?: number;
  /** CPUs SIPp may run on (`taskset -c` list; the bench keeps the far end off the client's CPU). */
  cpus?: string;
}

export interface SippRun {
  pid: number;
  port: number;
  /** Resolves when SIPp exits: its exit code (0 = the call went as scripted) and its logs. */
  done: Promise<SippResult>;
  /** Lines SIPp logged so far (<log> actions: ANSWERED, DTMF 5, REFER …). */
  logLines(): string[];
  /** SIP messages and errors so far, for failure reports. */
  trace(): string;
  /** Exit code once SIPp has exited, else undefined. */
  exitCode(): number | null | undefined;
  stop(): Promise<void>;
}

export interface SippResult {
  code: number | null;
  log: string[];
  errors: string;
  messages: string;
}

const defaults: Record<string, string | number> = {
  CALLER: '13800138000',
  CALLER_NAME: 'Customer',
  HANGUP_MS: 60_000,
  REINVITE_CODE: 200,
  REINVITE_REASON: 'OK',
  NOTIFY_CODE: '200 OK',
  CODE: 486,
  RING_MS: 1000,
  ANSWER_AFTER_MS: 300,
  BODY_KB: 40,
  /** RTP profile of the caller's offer: WebRTC-shaped by default (Chromium needs it). */
  PROFILE: 'UDP/TLS/RTP/SAVPF',
  HUGE_BODY: hugeSdp(40),
};

export async function startSipp(options: SippOptions): Promise<SippRun> {
  if (!existsSync(SIPP)) {
    throw new Error(
      'SIPp is not installed: apt-get install sip-tester (npm test does this as root)',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'courier-desk-sipp-'));
  const vars = { ...defaults, ...options.vars };
  let xml = readFileSync(resolve(`test/sip-testbed/scenarios/${options.scenario}.xml`), 'utf8');
  for (const [k, v] of Object.entries(vars)) xml = xml.replaceAll(`%%${k}%%`, String(v));
  if (/%%[A-Z_]+%%/.test(xml)) throw new Error(`unfilled placeholder in ${options.scenario}.xml`);
  const file = join(dir, `${options.scenario}.xml`);
  writeFileSync(file, xml);
  const port = options.port ?? (await freeUdpPort());
  const mediaPort = await freeUdpPort();
  const files = {
    log: join(dir, 'log.txt'),
    err: join(dir, 'errors.txt'),
    msg: join(dir, 'messages.txt'),
  };
  const args = [
    ...(options.remote ? [options.remote] : []),
    '-sf',
    file,
    ...(options.service ? ['-s', options.service] : []),
    '-i',
    '127.0.0.1',
    '-p',
    String(port),
    '-mi',
    '127.0.0.1',
    '-mp',
    String(mediaPort),
    '-m',
    String(options.calls ?? 1),
    '-l',
    '1',
    '-timeout',
    `${Math.ceil((options.timeoutMs ?? 60_000) / 1000)}s`,
    '-timeout_error',
    '-nostdin',
    '-trace_logs',
    '-log_file',
    files.log,
    '-trace_err',
    '-error_file',
    files.err,
    '-trace_msg',
    '-message_file',
    files.msg,
  ];
  const [command, argv] = onCpus(SIPP, args, options.cpus);
  const child = spawn(command, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const read = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8') : '');
  const logLines = () =>
    read(files.log)
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
  let exit: number | null | undefined;
  let final: SippResult | null = null;
  const done = new Promise<SippResult>((res) => {
    child.once('exit', (code) => {
      exit = code;
      const result = {
        code,
        log: logLines(),
        errors: read(files.err) + stderr,
        messages: read(files.msg),
      };
      final = result;
      res(result);
      rmSync(dir, { recursive: true, force: true });
    });
  });
  return {
    pid: child.pid!,
    port,
    done,
    logLines,
    exitCode: () => exit,
    trace: () =>
      final
        ? `exit ${final.code}\n${final.errors}\n${final.messages.slice(-4000)}`
        : `${read(files.err)}${stderr}\n${read(files.msg).slice(-4000)}`,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
        await done;
        clearTimeout(timer);
      }
    },
  };
}
