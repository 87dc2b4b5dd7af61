import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sipjsPatches } from '../../../../scripts/sipjs-patches.mjs';
import { HttpOrderSink } from '../../../../electron/core/features/orders';
import { systemClock } from '../../../../electron/core/platform/ports';
import { rmSync } from 'node:fs';
import { createDesk } from '../../../../electron/core/desk';
import { MemoryLogger } from '../../../../electron/core/platform/ports';
import { createTestDesk, tempDir } from '../../../helpers/desk';
import { startOrderServer } from '../../../helpers/order-server';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * The desk is killed (SIGKILL) while orders it has confirmed to the agent are still on their way
 * to the order system. The next start delivers every one of them, once.
 */
describe('orders survive kill -9 between the local commit and delivery', () => {
  let bundleDir: { dir: string; remove(): void };
  let script: string;
  beforeAll(async () => {
    bundleDir = tempDir('courier-desk-order-taker-');
    script = join(bundleDir.dir, 'order-taker.cjs');
    await build({
      absWorkingDir: root,
      entryPoints: ['test/helpers/order-taker.ts'],
      outfile: script,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      alias: { '@shared': './shared' },
      external: ['better-sqlite3', 'exceljs', 'bufferutil', 'utf-8-validate'],
      plugins: [sipjsPatches],
      logLevel: 'warning',
    });
  });
  afterAll(() => bundleDir?.remove());

  it('every acknowledged order is delivered after the restart, exactly once', async () => {
    // The agents exist before the child opens the desk (a desk made and closed here).
    const made = createTestDesk({ orderSink: null });
    const dataDir = made.dataDir;
    made.dispose();
    const child = spawn(process.execPath, [script, dataDir, '200'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_PATH: join(root, 'node_modules') },
    });
    const acked: string[] = [];
    const other: string[] = [];
    let stderr = '';
    let pending = '';
    let killed = false;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      pending += d.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        if (/^[0-9a-f-]{36}$/.test(line)) acked.push(line);
        else other.push(line);
      }
      if (!killed && acked.length >= 5) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    const [code, signal] = (await once(child, 'close')) as [number | null, string | null];
    expect({ code, signal, other, stderr }).toEqual({
      code: null,
      signal: 'SIGKILL',
      other: [],
      stderr: '',
    });

    const server = await startOrderServer();
    const desk = createDesk({
      dataDir,
      host: 'web',
      appVersion: '0.0.0-test',
      clock: systemClock,
      logger: new MemoryLogger(),
      orderSink: new HttpOrderSink({ url: server.url, timeoutSeconds: 2 }),
    });
    try {
      // Nobody signs in: queued orders go out at start on their own.
      await vi.waitFor(
        () => {
          const n = desk.db.raw
            .prepare("SELECT COUNT(*) AS n FROM orders WHERE delivery = 'queued'")
            .get() as { n: number };
          if (n.n > 0) throw new Error(`${n.n} queued`);
        },
        { timeout: 15_000, interval: 25 },
      );
      const keys = [...server.stored.keys()];
      for (const id of acked) expect(keys).toContain(`${id}:1`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(server.stored.size).toBeGreaterThanOrEqual(acked.length);
      expect(desk.db.raw.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      desk.dispose();
      rmSync(dataDir, { recursive: true, force: true });
      await server.stop();
    }
  });
});
