import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { Server as HttpsServer } from 'node:https';
import { createServer as createTcpServer } from 'node:net';
import type { Server as TcpServer, Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocketServer } from 'ws';
import type {
  RegistrationHealth,
  SipAccount,
} from '../../../../../electron/core/features/softphone/registration';
import {
  classifyRegisterRejection,
  classifySocketError,
  SoftphoneRegistration,
} from '../../../../../electron/core/features/softphone/registration';
import { MemoryLogger, systemClock } from '../../../../../electron/core/platform/ports';
import { tempDir } from '../../../../helpers/desk';
import type { RunningKamailio } from '../../../../sip-testbed/kamailio';
import { freeTcpPort, startKamailio } from '../../../../sip-testbed/kamailio';

/**
 * Why a registration failed, as the chip shows it (ADR 0011): each cause is told apart with a real
 * counterpart — Kamailio refusing the password, a port nobody listens on, a wss:// server whose
 * certificate is not trusted, a server that accepts the connection and never answers.
 */
describe('registration failures are classified', () => {
  const open: {
    phone?: SoftphoneRegistration;
    pbx?: RunningKamailio;
    servers: (TcpServer | HttpsServer)[];
    sockets: Socket[];
    cleanups: (() => void)[];
  } = { servers: [], sockets: [], cleanups: [] };
  afterEach(async () => {
    await open.phone?.dispose();
    await open.pbx?.stop();
    for (const s of open.sockets.splice(0)) s.destroy();
    for (const s of open.servers.splice(0)) await new Promise((r) => s.close(r));
    for (const c of open.cleanups.splice(0)) c();
    open.phone = undefined;
    open.pbx = undefined;
  });

  function phone() {
    const seen: RegistrationHealth[] = [];
    const p = new SoftphoneRegistration({
      clock: systemClock,
      logger: new MemoryLogger(),
      onHealth: (h) => seen.push(h),
      backoff: { initialMs: 200, maxMs: 1000 },
      expiresSeconds: 60,
      connectionTimeoutSeconds: 1,
    });
    open.phone = p;
    return { p, seen };
  }
  const account = (server: string, password = 'desk-secret'): SipAccount => ({
    server,
    aor: 'sip:1001@127.0.0.1',
    authUser: '1001',
    password,
  });
  const failure = (p: SoftphoneRegistration, want: RegistrationHealth['failure']) =>
    vi.waitFor(() => expect(p.current().failure, JSON.stringify(p.current())).toBe(want), {
      timeout: 10_000,
      interval: 50,
    });

  it('a wrong password: auth', async () => {
    open.pbx = await startKamailio();
    const { p, seen } = phone();
    await p.start(account(open.pbx.wsUrl, 'wrong'));
    await failure(p, 'auth');
    expect(p.current()).toMatchObject({ state: 'failed', lastError: expect.stringMatching(/401/) });
    // Announced with the failure, and no other cause on the way.
    expect(seen.map((h) => h.failure)).toEqual([null, 'auth']);
  });

  it('nothing listening: unreachable, and it keeps retrying', async () => {
    const { p } = phone();
    await p.start(account(`ws://127.0.0.1:${await freeTcpPort()}`));
    await failure(p, 'unreachable');
    expect(p.current().state).toBe('connecting');
    await vi.waitFor(() => expect(p.current().attempts).toBeGreaterThanOrEqual(2), {
      timeout: 5000,
    });
    expect(p.current().failure).toBe('unreachable');
  });

  it('a wss:// server whose certificate is not trusted: tls', async () => {
    const dir = tempDir('courier-desk-tls-');
    open.cleanups.push(dir.remove);
    const key = join(dir.dir, 'key.pem');
    const cert = join(dir.dir, 'cert.pem');
    execFileSync('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
    ]);
    const server = createHttpsServer({ key: readFileSync(key), cert: readFileSync(cert) });
    const wss = new WebSocketServer({ server });
    open.cleanups.push(() => wss.close());
    open.servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const { p } = phone();
    await p.start(account(`wss://127.0.0.1:${port}`));
    await failure(p, 'tls');
    expect(p.current().lastError).toBeTruthy();
  });

  it('a server that accepts the connection and never answers: timeout', async () => {
    const server = createTcpServer((socket) => open.sockets.push(socket));
    open.servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const { p } = phone();
    await p.start(account(`ws://127.0.0.1:${port}`));
    await failure(p, 'timeout');
    expect(p.current().state).toBe('connecting');
  });

  it('maps socket errors and REGISTER answers to one cause each', () => {
    const err = (code: string, message = code) => Object.assign(new Error(message), { code });
    expect(classifySocketError(err('ECONNREFUSED'))).toBe('unreachable');
    expect(classifySocketError(err('ENOTFOUND'))).toBe('unreachable');
    expect(classifySocketError(err('EHOSTUNREACH'))).toBe('unreachable');
    expect(classifySocketError(err('DEPTH_ZERO_SELF_SIGNED_CERT'))).toBe('tls');
    expect(classifySocketError(err('CERT_HAS_EXPIRED'))).toBe('tls');
    expect(classifySocketError(err('ERR_TLS_CERT_ALTNAME_INVALID'))).toBe('tls');
    expect(classifySocketError(err('ERR_SSL_WRONG_VERSION_NUMBER'))).toBe('tls');
    expect(classifySocketError(err('ETIMEDOUT'))).toBe('timeout');
    expect(
      classifySocketError(new Error('WebSocket was closed before the connection was established')),
    ).toBe('timeout');
    expect(classifySocketError(new Error('Unexpected server response: 404'))).toBe('other');
    expect(classifySocketError(undefined)).toBe('other');
    expect([401, 403, 407].map(classifyRegisterRejection)).toEqual(['auth', 'auth', 'auth']);
    expect(classifyRegisterRejection(408)).toBe('timeout');
    expect([404, 480, 500, 503, 0].map(classifyRegisterRejection)).toEqual([
      'other',
      'other',
      'other',
      'other',
      'other',
    ]);
  });
});
