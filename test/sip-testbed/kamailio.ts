/**
 * Starts the test PBX (Debian's Kamailio 5.6) on free loopback ports with a rendered copy of
 * test/sip-testbed/kamailio.cfg, and stops it by PID. Used by the SIP integration tests.
 */
import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, connect } from 'node:net';
import { createSocket } from 'node:dgram';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { onCpus } from './cpus';

export const KAMAILIO = '/usr/sbin/kamailio';

export interface RunningKamailio {
  udpPort: number;
  wsPort: number;
  wsUrl: string;
  password: string;
  pid: number;
  log(): string;
  stop(): Promise<void>;
}

export async function freeTcpPort(): Promise<number> {
  return new Promise((r, j) => {
    const s = createServer();
    s.once('error', j);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => r(port));
    });
  });
}

export async function freeUdpPort(): Promise<number> {
  return new Promise((r, j) => {
    const s = createSocket('udp4');
    s.once('error', j);
    s.bind(0, '127.0.0.1', () => {
      const port = s.address().port;
      s.close(() => r(port));
    });
  });
}

async function waitForTcp(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((r) => {
      const c = connect(port, '127.0.0.1');
      c.once('connect', () => {
        c.destroy();
        r(true);
      });
      c.once('error', () => r(false));
    });
    if (ok) return;
    if (Date.now() > deadline)
      throw new Error(`Kamailio did not listen on ${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** `ports` lets a test restart the PBX where the softphone expects it (a PBX restart). */
export async function startKamailio(
  options: {
    password?: string;
    ports?: { udp: number; ws: number };
    /** host:port that receives calls to unregistered numbers (SIPp as the called party). */
    trunk?: string;
    /** Log TIMING lines (REGISTER/INVITE/180/200 with µs timestamps) for the bench. */
    timing?: boolean;
    /** CPUs Kamailio may run on (`taskset -c` list), for the bench. */
    cpus?: string;
    /** Another config under test/sip-testbed/ (default kamailio.cfg), e.g. kamailio-gateway.cfg. */
    config?: string;
    /** More %%NAME%% placeholders that config needs filled (e.g. RTPENGINE). */
    vars?: Record<string, string | number>;
  } = {},
): Promise<RunningKamailio> {
  if (!existsSync(KAMAILIO)) {
    throw new Error(
      'Kamailio is not installed: apt-get install kamailio kamailio-websocket-modules (npm test does this as root)',
    );
  }
  const password = options.password ?? 'desk-secret';
  const [udpPort, wsPort] = options.ports
    ? [options.ports.udp, options.ports.ws]
    : [await freeUdpPort(), await freeTcpPort()];
  let cfg = readFileSync(resolve(`test/sip-testbed/${options.config ?? 'kamailio.cfg'}`), 'utf8')
    .replaceAll('%%UDP_PORT%%', String(udpPort))
    .replaceAll('%%WS_PORT%%', String(wsPort))
    .replaceAll('%%PASSWORD%%', password)
    .replaceAll('%%TRUNK%%', options.trunk ?? '');
  for (const [k, v] of Object.entries(options.vars ?? {}))
    cfg = cfg.replaceAll(`%%${k}%%`, String(v));
  if (options.config && /%%[A-Z_]+%%/.test(cfg)) {
    throw new Error(`unfilled placeholder in ${options.config}: ${/%%[A-Z_]+%%/.exec(cfg)![0]}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'courier-desk-kamailio-'));
  writeFileSync(join(dir, 'kamailio.cfg'), cfg);
  // -DD: stay in the foreground (so the PID we hold is Kamailio's), -E: log to stderr. Its output
  // goes to a file, not a pipe: a pipe would wake the process reading it (the desk under test, in
  // the SIP tests and the bench) on every log line, in the middle of the call it is timing.
  const defines = options.timing ? ['-A', 'WITH_TIMING'] : [];
  const logFile = join(dir, 'kamailio.log');
  const out = openSync(logFile, 'a');
  let child: ReturnType<typeof spawn>;
  try {
    const args = ['-DD', '-E', ...defines, '-f', join(dir, 'kamailio.cfg'), '-Y', dir];
    // Kamailio's worker processes inherit the CPU list.
    const [command, argv] = onCpus(KAMAILIO, args, options.cpus);
    child = spawn(command, argv, { stdio: ['ignore', out, out] });
  } finally {
    closeSync(out);
  }
  let final: string | null = null; // kept once stopped: the temp dir is gone then
  const log = (): string => final ?? (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  try {
    await Promise.race([
      waitForTcp(wsPort, 10_000),
      exited.then(() => {
        throw new Error(`Kamailio exited at start:\n${log().slice(-2000)}`);
      }),
    ]);
  } catch (err) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    udpPort,
    wsPort,
    wsUrl: `ws://127.0.0.1:${wsPort}`,
    password,
    pid: child.pid!,
    log,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      final = log();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
