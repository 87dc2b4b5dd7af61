/**
 * docs/DESIGN.md §5 "renderer heap flat (±10%) over a simulated 1000-call shift": the built console in
 * Chromium (fake devices) against the browser host, registered at Kamailio, auto-answering calls
 * that SIPp places back to back (ACW none, so the next call can arrive at once). The JS heap is
 * read after a forced GC once warm (after `warmUp` calls) and again at the end.
 */
import { rmSync } from 'node:fs';
import { DEMO_PASSWORD } from '../electron/dev/seed';
import { launchChromium, startHost } from '../test/e2e/harness';
import { startKamailio } from '../test/sip-testbed/kamailio';
import { startSipp } from '../test/sip-testbed/sipp';
import type { Figure } from './index';
import { demoDesk } from './index';
import { withoutAfterCallWork } from './softphone';

/** A desk folder with the demo data, auto-answer on and no after-call work. */
async function prepareDesk(): Promise<string> {
  const { dir, desk } = demoDesk('bench-heap-');
  await withoutAfterCallWork(desk, { autoAnswer: true });
  desk.dispose();
  return dir;
}

export async function benchRendererHeap(
  figures: Figure[],
  calls = Number(process.env['BENCH_CALLS'] ?? 1000),
  warmUp = 50,
): Promise<Record<string, unknown>> {
  const pbx = await startKamailio();
  const dataDir = await prepareDesk();
  const host = await startHost({ dataDir });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 800 }, locale: 'zh-CN' });
    const cdp = await page.context().newCDPSession(page);
    await page.goto(host.url);
    await page.getByLabel('工号').fill('1001');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('status', { name: '座席状态' }).waitFor();
    await page.getByRole('button', { name: /^软电话：/ }).click();
    const dialog = page.getByRole('dialog', { name: '软电话设置' });
    await dialog.getByLabel('服务器（ws:// 或 wss://）').fill(pbx.wsUrl);
    await dialog.getByLabel('SIP 地址（如 sip:1001@pbx）').fill('sip:1001@127.0.0.1');
    await dialog.getByLabel('认证用户名').fill('1001');
    await dialog.getByLabel('密码').fill(pbx.password);
    await dialog.getByRole('button', { name: '保存并注册' }).click();
    await page
      .getByRole('status', { name: '软电话' })
      .filter({ hasText: '软电话已注册' })
      .waitFor({ timeout: 20_000 });
    await page.keyboard.press('F2');

    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      const metrics = await cdp.send('Performance.getMetrics').catch(() => ({ metrics: [] }));
      const nodes = metrics.metrics.find((m) => m.name === 'Nodes')?.value ?? NaN;
      // Live instances of what every call creates: they must not pile up.
      const live: Record<string, number> = {};
      for (const ctor of ['RTCPeerConnection', 'MediaStream', 'HTMLAudioElement']) {
        const proto = await cdp.send('Runtime.evaluate', { expression: `${ctor}.prototype` });
        const objs = await cdp.send('Runtime.queryObjects', {
          prototypeObjectId: proto.result.objectId!,
        });
        const len = await cdp.send('Runtime.callFunctionOn', {
          objectId: objs.objects.objectId!,
          functionDeclaration: 'function () { return this.length; }',
          returnByValue: true,
        });
        live[ctor] = len.result.value as number;
      }
      return { usedSize, nodes, live };
    };
    await cdp.send('Performance.enable');
    const run = async (n: number) => {
      const sipp = await startSipp({
        scenario: 'caller',
        remote: `127.0.0.1:${pbx.udpPort}`,
        service: '1001',
        calls: n,
        timeoutMs: n * 2000,
        vars: { HANGUP_MS: 30 },
      });
      const r = await sipp.done;
      if (r.code !== 0) throw new Error(`bench: SIPp calls failed\n${r.errors.slice(-2000)}`);
    };
    const t0 = performance.now();
    await run(warmUp);
    const warm = await heap();
    await run(calls - warmUp);
    const end = await heap();
    const seconds = (performance.now() - t0) / 1000;
    const growth = end.usedSize / warm.usedSize;
    const mb = (b: number) => Math.round((b / 1048576) * 100) / 100;
    figures.push({
      name: `renderer JS heap after ${calls} answered calls (after GC), MB`,
      unit: 'MB',
      p50: mb(end.usedSize),
      p95: mb(end.usedSize),
      p99: mb(end.usedSize),
      budget: 'flat ±10% over a 1000-call shift',
      baselineName: `the same console after ${warmUp} calls`,
      baselineP95: mb(warm.usedSize),
    });
    return {
      calls,
      warmUp,
      seconds,
      heapWarmBytes: warm.usedSize,
      heapEndBytes: end.usedSize,
      growth,
      domNodesWarm: warm.nodes,
      domNodesEnd: end.nodes,
      liveWarm: warm.live,
      liveEnd: end.live,
    };
  } finally {
    await browser.close();
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
    await pbx.stop();
  }
}
