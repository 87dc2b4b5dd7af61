/**
 * Child-process entry for the orders kill -9 test (test/core/features/orders/orders-kill.test.ts),
 * bundled with esbuild and run under plain Node: it opens the desk in `dataDir` exactly as the
 * shells do (`createDesk`), signs agent 1001 in, and submits orders one after another through the
 * dispatcher, with an order system that never answers (every delivery is in flight when the parent
 * kills it). Each order's id goes to stdout only after `orders.submit` has returned.
 *
 * argv: <dataDir> <limit>
 */
import { writeSync } from 'node:fs';
import { localDate } from '@shared/common/calendar';
import { createDesk } from '../../electron/core/desk';
import { MemoryLogger, systemClock } from '../../electron/core/platform/ports';

const [dataDir, limitText] = process.argv.slice(2) as [string, string];
const desk = createDesk({
  dataDir,
  host: 'web',
  appVersion: '0.0.0-test',
  clock: systemClock,
  logger: new MemoryLogger(),
  orderSink: { deliver: () => new Promise(() => undefined) },
});
const today = localDate(Date.now(), 'Asia/Shanghai');

async function main() {
  await desk.session.signIn('1001', 'pass1234');
  for (let i = 0; i < Number(limitText); i++) {
    const outcome = await desk.dispatcher.dispatch('orders.submit', {
      draft: {
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
          phone: '13900139000',
          province: '浙江省',
          city: '杭州市',
          district: '西湖区',
          detail: '文三路90号',
        },
        goods: { description: '衣服', category: 'clothing', pieces: 1, weightKg: 1 },
        service: 'standard',
        pickup: { date: today, slot: 'morning' },
        payment: { method: 'sender' },
        declaredValueFen: null,
        insurance: { outcome: null },
        remarks: null,
      },
      customerId: null,
      callId: null,
      confirmed: true,
    });
    if (!outcome.ok) {
      writeSync(1, `error ${JSON.stringify(outcome.error)}\n`);
      return;
    }
    writeSync(1, `${(outcome.value as { id: string }).id}\n`);
  }
  writeSync(1, 'limit reached\n');
}
void main();
