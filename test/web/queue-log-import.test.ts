/**
 * The queue_log import through the real browser host: its socket takes messages of at most 1 MB,
 * so a multi-MB file must go in chunks. The console's own import code (the metrics slice over the
 * socket client) sends a 3 MB file to a host on real SQLite; one 3 MB message drops the socket.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { parseQueueLog, queueFigures } from '@shared/metrics/queue-log';
import type { DeskState } from '../../renderer/src/app/store';
import type { SocketApi } from '../../renderer/src/app/transport';
import { createSocketApi } from '../../renderer/src/app/transport';
import { createMetricsSlice } from '../../renderer/src/features/metrics/slice';
import type { WebHost } from '../../electron/web/server';
import { startWebHost } from '../../electron/web/server';
import type { TestDesk } from '../helpers/desk';
import { createTestDesk, TEST_PASSWORD, tempDir } from '../helpers/desk';
import { bigQueueLog } from '../helpers/queue-log';

// The socket client is the renderer's; under Node it gets the `ws` package's WebSocket.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

// The test clock's day (2026-11-22, Asia/Shanghai), from 08:00 local.
const t0 = Date.UTC(2026, 10, 22, 0, 0, 0) / 1000;

describe('queue_log import over the browser host’s socket', () => {
  let desk: TestDesk;
  let host: WebHost;
  let renderer: { dir: string; remove(): void };
  let api: SocketApi;

  beforeEach(async () => {
    desk = createTestDesk();
    renderer = tempDir('renderer-');
    writeFileSync(join(renderer.dir, 'index.html'), '<!doctype html><title>desk</title>');
    host = await startWebHost({ desk, rendererDir: renderer.dir, logger: desk.logger, port: 0 });
    api = createSocketApi(`ws://127.0.0.1:${host.port}/api?token=${host.token}`);
    await api.request('auth.signIn', { employeeNo: '9001', password: TEST_PASSWORD });
  });
  afterEach(async () => {
    api.close();
    await host.close();
    desk.cleanup();
    renderer.remove();
  });

  it('a 3 MB queue_log (Chinese queue names) imports in chunks with the figures of the whole text; sent in one message it would drop the socket', async () => {
    const { text, badLines, repetitions } = bigQueueLog(3 * 1024 * 1024, t0, { stepSeconds: 4 });
    const withNames = text.replaceAll('|kefu|', '|客服一组|');
    const file = Object.assign(new Blob([withNames]), { name: 'queue_log' });
    expect(file.size).toBeGreaterThan(3 * 1024 * 1024);

    const state = { metricsTeam: null } as unknown as DeskState;
    const slice = createMetricsSlice(api)(
      () => undefined,
      () => state,
      {} as never,
    );
    const progress: number[] = [];
    const r = await slice.importQueueLog(file, (read) => progress.push(read));
    expect('code' in r ? r : null).toBeNull();
    const whole = parseQueueLog(withNames);
    expect(r).toMatchObject({
      linesRead: whole.linesRead,
      calls: 5 * repetitions,
      newCalls: 5 * repetitions,
      problemCount: badLines.length,
      problems: badLines.map((line) => ({ line, reason: 'bad_time' })),
    });
    expect(progress.length).toBeGreaterThanOrEqual(7);
    expect(progress.at(-1)).toBe(file.size);
    const view = await api.request('metrics.team', { fromDay: '2026-11-22', toDay: '2026-11-22' });
    expect(view.queue).toEqual(
      queueFigures(whole.calls, Date.UTC(2026, 10, 21, 16), Date.UTC(2026, 10, 22, 16)),
    );
    const queues = desk.db.raw.prepare('SELECT DISTINCT queue FROM metric_queue_calls').all();
    expect(queues).toEqual([{ queue: '客服一组' }]);

    // The old way — the whole file in one request — is more than the host takes: it hangs up.
    const raw = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${host.token}`);
    await new Promise((resolve) => raw.once('open', resolve));
    const closed = new Promise<number>((resolve) => raw.once('close', resolve));
    raw.send(JSON.stringify({ id: 1, name: 'metrics.team', args: { text: withNames } }));
    expect(await closed).toBe(1009); // message too big
  });
});
