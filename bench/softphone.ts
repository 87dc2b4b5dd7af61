/**
 * Softphone figures (budget: ≤ 1.5× baresip's p95, docs/DESIGN.md §5): registration time, INVITE → ringing (180, sent once the
 * ring is published to the console) and auto-answer → 200 OK, measured at the same Kamailio for
 * the desk (sip.js in main over WS, media via the bridge) and for baresip (Debian `baresip-core`,
 * SIP over TCP, built-in media) in the same run. Kamailio stamps every message with its own clock
 * (TIMING lines), so both clients are timed by the same observer.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORD } from '../electron/dev/seed';
import { freeTcpPort, startKamailio } from '../test/sip-testbed/kamailio';
import type { RunningKamailio } from '../test/sip-testbed/kamailio';
import { attachNodeMedia } from '../test/sip-testbed/node-media';
import { startSipp } from '../test/sip-testbed/sipp';
import { onCpus } from '../test/sip-testbed/cpus';
import { ringToneWav } from '../renderer/src/features/softphone/media/tone';
import type { Figure } from './index';
import type { RequestName } from '@shared/contract';
import type { Desk } from '../electron/core/desk';
import { demoDesk, percentiles } from './index';

const BARESIP = '/usr/bin/baresip';

/**
 * Where the processes run. The PBX and the customer's phone stand for other machines: Kamailio
 * and SIPp get CPU 0, the client under test (the desk, then baresip) CPU 1 — the same for both
 * clients. Unpinned, Linux wakes Kamailio's reader on the CPU of the client that just wrote to it,
 * where it waits for whatever the client does next; a PBX on its own machine never waits for the
 * agent's PC (ADR 0008). Without two CPUs or taskset, nothing is pinned and the report says so.
 */
const placement =
  availableParallelism() >= 2 && existsSync('/usr/bin/taskset') && existsSync('/usr/bin/chrt')
    ? { far: '0', client: '1', all: `0-${availableParallelism() - 1}` }
    : null;

/**
 * Places the desk (this process) for a measurement, or back to normal with `false`. Placed: every thread on
 * the client CPU, and every thread but the main one (V8's compiler and GC workers, libuv's pool)
 * at idle priority (SCHED_IDLE): they use the time the event loop leaves and never keep it waiting.
 * On an agent's PC they would have other cores; here the other CPU is the PBX's, and left at
 * normal priority they either preempt Kamailio or hold the woken event loop off the client CPU
 * for a scheduler slice — 1–6 ms in ~5 of 100 registrations, which decided p95 (ADR 0009).
 * Threads started later inherit the main thread's priority, so this runs again before each
 * measured loop.
 */
function placeSelf(placed: boolean): void {
  const { client, all } = placement!;
  const pid = String(process.pid);
  execFileSync('taskset', ['-a', '-p', '-c', placed ? client : all, pid], { stdio: 'ignore' });
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    if (tid !== pid)
      execFileSync('chrt', [placed ? '-i' : '-o', '-p', '0', tid], { stdio: 'ignore' });
  }
}

interface Timing {
  kind: string;
  callId: string;
  at: number; // ms
}

function timings(pbx: RunningKamailio): Timing[] {
  const out: Timing[] = [];
  for (const m of pbx.log().matchAll(/TIMING (\S+) (\S+) (\d+)\.(\d+)/g)) {
    out.push({ kind: m[1]!, callId: m[2]!, at: Number(m[3]) * 1000 + Number(m[4]) / 1000 });
  }
  return out;
}

/** First REGISTER → 200 OK (after the digest challenge) per registration Call-ID. */
function registrationTimes(all: Timing[], callIds: Set<string>): number[] {
  const first = new Map<string, number>();
  const out: number[] = [];
  for (const t of all) {
    if (!callIds.has(t.callId)) continue;
    if (t.kind === 'REGISTER' && !first.has(t.callId)) first.set(t.callId, t.at);
    if (t.kind === 'REGISTERED' && first.has(t.callId)) {
      out.push(t.at - first.get(t.callId)!);
      callIds.delete(t.callId);
    }
  }
  return out;
}

/** INVITE relayed to the client → its 180, and → its 200, per call. */
function callTimes(all: Timing[], callIds: string[]): { ringing: number[]; answer: number[] } {
  const ringing: number[] = [];
  const answer: number[] = [];
  for (const id of callIds) {
    const invite = all.find((t) => t.callId === id && t.kind === 'INVITE');
    const r180 = all.find((t) => t.callId === id && t.kind === '180');
    const r200 = all.find((t) => t.callId === id && t.kind === '200');
    if (invite && r180) ringing.push(r180.at - invite.at);
    if (r180 && r200) answer.push(r200.at - r180.at);
  }
  return { ringing, answer };
}

/** A free TCP port p on 127.0.0.1 whose neighbour p + 1 is free too. */
async function freeTcpPortPair(): Promise<number> {
  const canListen = (port: number) =>
    new Promise<boolean>((r) => {
      const server = createServer();
      server.once('error', () => r(false));
      server.listen(port, '127.0.0.1', () => server.close(() => r(true)));
    });
  for (let i = 0; i < 50; i++) {
    const port = await freeTcpPort();
    if (port < 65535 && (await canListen(port + 1))) return port;
  }
  throw new Error('bench: no two neighbouring free TCP ports for baresip');
}

async function until(what: string, test: () => boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Calls `service` n times with SIPp (caller hangs up after 50 ms); returns the Call-IDs. */
async function placeCalls(pbx: RunningKamailio, service: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const run = await startSipp({
      scenario: 'caller',
      remote: `127.0.0.1:${pbx.udpPort}`,
      service,
      // Plain RTP/AVP: baresip has no DTLS-SRTP here; the desk gets the very same offer.
      timeoutMs: 8000,
      ...(placement && { cpus: placement.far }),
      vars: { HANGUP_MS: 50, CALLER: `1380013${String(8000 + i)}`, PROFILE: 'RTP/AVP' },
    });
    const r = await run.done;
    if (r.code !== 0) {
      throw new Error(
        `bench: SIPp call ${i} to ${service} failed\n${r.errors}\n${r.messages.slice(-3000)}`,
      );
    }
    const id = /Call-ID: (\S+)/.exec(r.messages)?.[1];
    if (id) ids.push(id);
  }
  return ids;
}

/** A lead sets ACW to none, so each bench call can be followed by the next at once. */
export async function withoutAfterCallWork(desk: Desk, options: { autoAnswer?: boolean } = {}) {
  const must = async (name: RequestName, args: unknown) => {
    const r = await desk.dispatcher.dispatch(name, args);
    if (!r.ok) throw new Error(`bench: ${name}: ${r.error.message}`);
  };
  await desk.session.signIn('9001', DEMO_PASSWORD);
  await must('acw.setPolicy', {
    mode: 'none',
    seconds: 30,
    maxExtensions: 0,
    extendSeconds: 30,
    defaultDisposition: 'other',
  });
  if (options.autoAnswer) await must('softphone.setOptions', { autoAnswer: true });
  desk.session.signOut();
}

async function benchDesk(pbx: RunningKamailio, n: number) {
  const { dir, desk } = demoDesk('bench-softphone-');
  try {
    await desk.sipWarmUp; // started with the desk, like in the shells; done within ~0.2 s
    await withoutAfterCallWork(desk);
    await desk.session.signIn('1001', DEMO_PASSWORD);
    const account = {
      server: pbx.wsUrl,
      aor: 'sip:1001@127.0.0.1',
      authUser: '1001',
      password: pbx.password,
    };
    // Registration: a fresh user agent (new Call-ID) each time.
    const clientSide: number[] = [];
    if (placement) placeSelf(true);
    const regIds = new Set<string>();
    for (let i = 0; i < n; i++) {
      // The previous user agent is stopped (un-REGISTER, WebSocket closed) and left 50 ms to
      // finish, as each baresip instance below has exited before the next one starts.
      await desk.softphone.dispose();
      await new Promise((r) => setTimeout(r, 50));
      const t = performance.now();
      await desk.dispatcher.dispatch('softphone.configure', account);
      await until('registration', () => desk.softphone.current().state === 'registered');
      clientSide.push(performance.now() - t);
    }
    for (const t of timings(pbx)) if (t.kind === 'REGISTER') regIds.add(t.callId);
    // When the ring reaches the console (wall clock, the same clock Kamailio stamps with), and
    // the agent's answer: issued the moment the ring shows, as a bench agent with instant reflexes.
    const ringShown = new Map<string, number>();
    const answered = new Map<string, number>();
    desk.subscribe((event, payload) => {
      if (event !== 'softphone.changed') return;
      const call = (payload as { call: { id: string; phase: string } | null }).call;
      if (call?.phase === 'offering' && !ringShown.has(call.id)) {
        ringShown.set(call.id, performance.timeOrigin + performance.now());
        setImmediate(() => {
          answered.set(call.id, performance.timeOrigin + performance.now());
          void desk.dispatcher.dispatch('call.answer', { callId: call.id });
        });
      }
    });
    const media = await attachNodeMedia(desk);
    await desk.dispatcher.dispatch('agent.setState', { target: { status: 'ready' } });
    if (placement) placeSelf(true);
    const ids = await placeCalls(pbx, '1001', n);
    media.stop();
    const bySipId = new Map<string, { shown: number; answer: number | undefined }>();
    for (const [id, shown] of ringShown) {
      const row = desk.db.raw.prepare('SELECT sip_call_id FROM calls WHERE id = ?').get(id) as
        { sip_call_id: string } | undefined;
      if (row) bySipId.set(row.sip_call_id, { shown, answer: answered.get(id) });
    }
    return { regIds, clientSide, ids, ringShown: bySipId };
  } finally {
    if (placement) placeSelf(false);
    desk.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchBaresip(pbx: RunningKamailio, n: number) {
  const regIds = new Set<string>();
  const before = new Set(timings(pbx).map((t) => `${t.kind} ${t.callId}`));
  const fresh = () => timings(pbx).filter((t) => !before.has(`${t.kind} ${t.callId}`));
  let ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'bench-baresip-'));
    // baresip binds TCP on sip_listen's port and TLS on the next one, whatever sip_transports
    // says: both must be free, and distinct from the control port.
    const port = await freeTcpPortPair();
    let ctrl = await freeTcpPort();
    while (ctrl >= port && ctrl <= port + 1) ctrl = await freeTcpPort();
    writeFileSync(
      join(dir, 'config'),
      [
        `sip_listen 127.0.0.1:${port}`,
        // TCP, on the very listener the desk's WebSocket uses (Kamailio serves both on it).
        'sip_transports tcp',
        // 8 kHz mono WAV (ausine only does 48 kHz, which PCMU cannot carry without resampling).
        `audio_source aufile,${join(dir, 'say.wav')}`,
        `audio_player aufile,${join(dir, 'heard.wav')}`,
        `audio_alert aufile,${join(dir, 'alert.wav')}`,
        'module_path /usr/lib/baresip/modules',
        'module g711.so',

        'module aufile.so',
        'module_app account.so',
        'module_app menu.so',
        'module_app ctrl_tcp.so',
        `ctrl_tcp_listen 127.0.0.1:${ctrl}`,
        'dns_server 127.0.0.1:53',
      ].join('\n') + '\n',
    );
    writeFileSync(join(dir, 'say.wav'), ringToneWav());
    writeFileSync(
      join(dir, 'accounts'),
      `<sip:2002@127.0.0.1:${pbx.wsPort};transport=tcp>;auth_user=2002;auth_pass=${pbx.password};answermode=auto;regint=600\n`,
    );
    const child = spawn(...onCpus(BARESIP, ['-f', dir], placement?.client), {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Listened for at once: a baresip that dies early must not leave the bench waiting forever.
    const exited = new Promise((r) => child.once('exit', r));
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    try {
      await until('baresip registration', () => {
        if (child.exitCode !== null || child.signalCode !== null) {
          throw new Error(`bench: baresip exited early (${child.exitCode ?? child.signalCode})`);
        }
        return fresh().some((t) => t.kind === 'REGISTERED' && !regIds.has(t.callId));
      }).catch((err: unknown) => {
        throw new Error(`${String(err)}\n${out.slice(-2000)}\n${pbx.log().slice(-2000)}`);
      });
      for (const t of fresh()) if (t.kind === 'REGISTERED') regIds.add(t.callId);
      // The calls go to the last instance, which stays registered.
      if (i === n - 1) {
        ids = await placeCalls(pbx, '2002', n).catch((err: unknown) => {
          throw new Error(`${String(err).slice(0, 300)}\nbaresip said:\n${out.slice(-3000)}`);
        });
      }
    } finally {
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return { regIds, ids };
}

export async function benchSoftphone(
  figures: Figure[],
  n = 100,
  warmUp = 20,
): Promise<Record<string, unknown>> {
  const pbx = await startKamailio({ timing: true, ...(placement && { cpus: placement.far }) });
  try {
    // The first few of each are warm-up (JIT, first connections) and are not counted, for both.
    const desk = await benchDesk(pbx, n + warmUp);
    const bare = await benchBaresip(pbx, n + warmUp);
    const all = timings(pbx);
    const deskReg = registrationTimes(all, desk.regIds).slice(warmUp);
    const bareReg = registrationTimes(all, bare.regIds).slice(warmUp);
    const deskCalls = callTimes(all, desk.ids.slice(warmUp));
    const bareCalls = callTimes(all, bare.ids.slice(warmUp));
    const shown: number[] = [];
    const answerTo200: number[] = [];
    for (const id of desk.ids.slice(warmUp)) {
      const invite = all.find((t) => t.callId === id && t.kind === 'INVITE');
      const ok = all.find((t) => t.callId === id && t.kind === '200');
      const at = desk.ringShown.get(id);
      if (invite && at) shown.push(at.shown - invite.at);
      if (ok && at?.answer !== undefined) answerTo200.push(ok.at - at.answer);
    }
    const where = placement
      ? `Kamailio + SIPp on CPU ${placement.far}, client on CPU ${placement.client}`
      : 'not pinned';
    const budget = `≤ 1.5× baresip (p95), same Kamailio, same run, ${where}`;
    const push = (name: string, ours: number[], theirs: number[]) => {
      if (ours.length === 0 || theirs.length === 0)
        throw new Error(`bench: no samples for ${name}`);
      figures.push({
        name,
        unit: 'ms',
        ...percentiles(ours),
        budget,
        baselineName: `baresip 1.0 (SIP over TCP; p50 ${percentiles(theirs).p50.toFixed(3)} ms)`,
        baselineP95: percentiles(theirs).p95,
      });
    };
    push(
      'softphone registration, first REGISTER → 200 OK at Kamailio (digest included)',
      deskReg,
      bareReg,
    );
    push('incoming call, INVITE relayed → 180 Ringing sent', deskCalls.ringing, bareCalls.ringing);
    push(
      'incoming call, INVITE relayed → ring shown (committed and published to the console)',
      shown,
      bareCalls.ringing,
    );
    push(
      'answer → 200 OK at Kamailio (media offer/answer included; baresip: auto-answer 180 → 200)',
      answerTo200,
      bareCalls.answer,
    );
    // The calls left out above, shown on their own: how the first calls after a start compare.
    const deskCold = callTimes(all, desk.ids.slice(0, warmUp));
    const bareCold = callTimes(all, bare.ids.slice(0, warmUp));
    figures.push({
      name: `incoming call, INVITE relayed → 180 Ringing sent, the first ${warmUp} calls after start`,
      unit: 'ms',
      ...percentiles(deskCold.ringing),
      budget: 'none (shown for the cold start; the budgeted figures are steady state)',
      baselineName: `baresip 1.0, its first ${warmUp} calls`,
      baselineP95: percentiles(bareCold.ringing).p95,
    });
    figures.push({
      name: 'softphone registration as the desk sees it (configure → registered, WS connect included)',
      unit: 'ms',
      ...percentiles(desk.clientSide.slice(warmUp)),
      budget: 'none in §5',
    });
    return {
      samples: n,
      warmUp,
      placement: placement
        ? `Kamailio and SIPp on CPU ${placement.far}, the client on CPU ${placement.client}`
        : 'not pinned (fewer than two CPUs or no taskset)',
      desk: {
        registration: deskReg,
        ringing: deskCalls.ringing,
        ringShown: shown,
        answer: answerTo200,
        clientSide: desk.clientSide,
      },
      baresip: { registration: bareReg, ...bareCalls },
    };
  } finally {
    await pbx.stop();
  }
}
