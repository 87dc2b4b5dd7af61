/**
 * Order-taking figures: the form re-checks and re-quotes the order on every keystroke
 * (`checkOrder`, shared/orders/order.ts), and a confirmed order commits with its outbox entry
 * (`orders.submit` through the dispatcher, no order system configured so nothing is delivered).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localDate } from '@shared/common/calendar';
import type { OrderDraftInput } from '@shared/orders/order';
import { checkOrder, orderDraftSchema } from '@shared/orders/order';
import { rateTableSchema } from '@shared/orders/rates';
import { createDesk } from '../electron/core/desk';
import { shippedRateTable } from '../electron/core/features/orders/rate-table';
import { MemoryLogger, systemClock } from '../electron/core/platform/ports';
import { DEMO_PASSWORD, seedDemoDeskIfEmpty } from '../electron/dev/seed';
import type { Figure } from './index';
import { percentiles, time } from './index';

const today = localDate(Date.now(), 'Asia/Shanghai');

function draft(i: number): OrderDraftInput {
  return {
    sender: {
      name: '张伟',
      phone: '13800138000',
      province: '广东省',
      city: '深圳市',
      district: '南山区',
      detail: `科苑路${i}号`,
    },
    recipient: {
      name: '李娜',
      phone: '0571-87654321',
      province: '浙江省',
      city: '杭州市',
      district: '西湖区',
      detail: '文三路90号',
    },
    // The weight as it is typed: 1, 1., 1.2, 1.25 …
    goods: {
      description: '笔记本电脑',
      category: 'electronics',
      pieces: 1,
      weightKg: 1 + (i % 400) / 100,
      dims: { lengthCm: 40, widthCm: 30, heightCm: 10 },
    },
    service: 'standard',
    pickup: { date: today, slot: 'afternoon' },
    payment: { method: 'sender' },
    declaredValueFen: 300_000,
    insurance: { outcome: 'accepted' },
    remarks: null,
  };
}

export async function benchOrders(figures: Figure[]): Promise<void> {
  const table = shippedRateTable();
  const ctx = { table, today, priorClaim: false, customerClass: 'B' as const };
  const drafts = Array.from({ length: 5000 }, (_, i) => orderDraftSchema.parse(draft(i)));
  const live = await time(drafts.length, (i) => checkOrder(drafts[i]!, ctx));
  // Naive: a form that loads and checks the rate table again on every keystroke.
  const raw = JSON.stringify(table);
  const naive = await time(drafts.length, (i) =>
    checkOrder(drafts[i]!, { ...ctx, table: rateTableSchema.parse(JSON.parse(raw)) }),
  );
  figures.push({
    name: 'order form: check + quote + 保价 offer per keystroke (checkOrder)',
    unit: 'ms',
    ...percentiles(live),
    budget: '≤ 4 ms p95 (a quarter of a 60 Hz frame)',
    baselineName: 'rate table re-parsed on every keystroke',
    baselineP95: percentiles(naive).p95,
  });

  const submits = async (synchronous: 'FULL' | 'NORMAL', n: number) => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-orders-'));
    const desk = createDesk({
      dataDir: dir,
      host: 'web',
      appVersion: 'bench',
      clock: systemClock,
      logger: new MemoryLogger(),
      seedIfEmpty: seedDemoDeskIfEmpty,
      trackingSource: null,
      orderSink: null,
    });
    desk.db.raw.pragma(`synchronous = ${synchronous}`);
    await desk.session.signIn('1001', DEMO_PASSWORD);
    const samples = await time(n, (i) =>
      desk.dispatcher.dispatch('orders.submit', {
        draft: draft(i),
        customerId: null,
        callId: null,
        confirmed: true,
      }),
    );
    desk.dispose();
    rmSync(dir, { recursive: true, force: true });
    return samples;
  };
  const full = await submits('FULL', 500);
  const normal = await submits('NORMAL', 500);
  figures.push({
    name: 'order submit, dispatch → committed with its outbox entry (synchronous=FULL)',
    unit: 'ms',
    ...percentiles(full),
    budget: '≤ 50 ms p95 (the agent waits for the order number)',
    baselineName: 'synchronous=NORMAL (may lose the order on power loss)',
    baselineP95: percentiles(normal).p95,
  });
}
