import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DEMO_PASSWORD } from '../../electron/dev/seed';
import type { RunningHost } from './harness';
import { startHost } from './harness';

/** A client of the browser host's socket, as the renderer is. */
async function connect(url: string) {
  const u = new URL(url);
  const ws = new WebSocket(`ws://${u.host}/api?token=${u.searchParams.get('token')}`);
  await new Promise((r, j) => {
    ws.once('open', r);
    ws.once('error', j);
  });
  let id = 0;
  return {
    call(name: string, args: unknown): Promise<{ ok: boolean }> {
      const my = ++id;
      return new Promise((resolve) => {
        const onMessage = (d: WebSocket.RawData) => {
          const msg = JSON.parse(d.toString()) as { id?: number; outcome?: { ok: boolean } };
          if (msg.id === my) {
            ws.off('message', onMessage);
            resolve(msg.outcome!);
          }
        };
        ws.on('message', onMessage);
        ws.send(JSON.stringify({ id: my, name, args }));
      });
    },
    close: () => ws.terminate(),
  };
}

describe('reliability: the desk process is killed (-9) mid-shift', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'courier-desk-crash-'));
  let host: RunningHost | undefined;
  afterAll(async () => {
    await host?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged state change and closes the shift at its last state on restart', async () => {
    host = await startHost({ dataDir });
    const client = await connect(host.url);
    expect(
      await client.call('auth.signIn', { employeeNo: '1005', password: DEMO_PASSWORD }),
    ).toMatchObject({ ok: true });
    for (const target of [
      { status: 'ready' },
      { status: 'break', reason: 'meal' },
      { status: 'ready' },
      { status: 'not_ready', reason: 'paperwork' },
    ]) {
      expect(await client.call('agent.setState', { target })).toMatchObject({ ok: true });
    }
    const lastAcknowledged = Date.now();
    client.close();
    const exited = new Promise((r) => host!.process.once('exit', r));
    host.process.kill('SIGKILL');
    await exited;

    host = await startHost({ dataDir });
    const db = new Database(join(dataDir, 'desk.sqlite'), { readonly: true });
    try {
      const log = db
        .prepare('SELECT status, reason, ended_at FROM agent_state_log ORDER BY started_at, rowid')
        .all() as { status: string; reason: string | null; ended_at: number | null }[];
      expect(log.map((r) => [r.status, r.reason])).toEqual([
        ['not_ready', 'login'],
        ['ready', null],
        ['break', 'meal'],
        ['ready', null],
        ['not_ready', 'paperwork'],
      ]);
      expect(log.every((r) => r.ended_at !== null)).toBe(true);
      const shift = db.prepare('SELECT end_reason, ended_at FROM shifts').get() as {
        end_reason: string;
        ended_at: number;
      };
      expect(shift.end_reason).toBe('recovered_after_restart');
      expect(shift.ended_at).toBeLessThanOrEqual(lastAcknowledged);
    } finally {
      db.close();
    }
    // The agent signs in again on the restarted desk.
    const again = await connect(host.url);
    expect(
      await again.call('auth.signIn', { employeeNo: '1005', password: DEMO_PASSWORD }),
    ).toMatchObject({ ok: true });
    again.close();
  });
});
