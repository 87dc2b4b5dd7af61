/**
 * Delivers queued orders to the order system, one at a time, oldest first, until none is due.
 * The queue is the orders table itself (migration 0013): what the agent was told is submitted is
 * already committed there, so a crash, a kill or a network outage only delays delivery. After a
 * failure the order waits 2 s, 4 s, 8 s … up to `maxMs` (with ±20 % jitter so desks that lost the
 * network together do not retry together); when the network comes back, `kick()` (or the next
 * submission) tries at once.
 */
import type { Clock, Logger } from '../../platform/ports';
import type { OrderPayload, OrderSink } from './order-sink';
import type { OrderRow, OrdersRepo } from './orders-repo';

export interface OrderOutboxDeps {
  repo: OrdersRepo;
  /** The sink configured now (null: none yet — orders stay queued, shown as such). */
  sink: () => OrderSink | null;
  payload: (row: OrderRow) => OrderPayload;
  clock: Clock;
  logger: Logger;
  backoff?: { initialMs: number; maxMs: number };
  /** An order's delivery status changed. */
  onChanged: (orderId: string) => void;
  random?: () => number;
}

export class OrderOutbox {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private disposed = false;

  constructor(private readonly deps: OrderOutboxDeps) {}

  /** Delivers what is due now and plans the next run. */
  kick(): void {
    if (this.disposed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.drain()
      .catch((err: unknown) =>
        this.deps.logger.error('order delivery failed', { error: String(err) }),
      )
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        } else this.plan();
      });
  }

  /** Resolves once the current run (if any) has finished: for tests and for shutdown. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async drain(): Promise<void> {
    const sink = this.deps.sink();
    if (!sink) return;
    for (;;) {
      if (this.disposed) return;
      const [row] = this.deps.repo.due(this.deps.clock.now(), 1);
      if (!row) return;
      const result = await sink
        .deliver(this.deps.payload(row))
        .catch((err: unknown) => ({ kind: 'retry', reason: String(err) }) as const);
      const now = this.deps.clock.now();
      let changed: boolean;
      switch (result.kind) {
        case 'delivered':
          changed = this.deps.repo.recordDelivery(row.id, row.version, {
            delivery: 'delivered',
            at: now,
            ref: result.ref,
          });
          break;
        case 'refused':
          this.deps.logger.warn('order refused by the order system', {
            order: row.number,
            reason: result.reason,
          });
          changed = this.deps.repo.recordDelivery(row.id, row.version, {
            delivery: 'refused',
            at: now,
            reason: result.reason,
          });
          break;
        case 'retry': {
          const wait = this.backoffMs(row.attempts + 1);
          this.deps.logger.info('order delivery will be retried', {
            order: row.number,
            reason: result.reason,
            waitMs: wait,
          });
          changed = this.deps.repo.recordDelivery(row.id, row.version, {
            delivery: 'queued',
            nextAt: now + wait,
            reason: result.reason,
          });
          break;
        }
      }
      if (changed) this.deps.onChanged(row.id);
    }
  }

  private backoffMs(attempt: number): number {
    const { initialMs, maxMs } = this.deps.backoff ?? { initialMs: 2000, maxMs: 5 * 60_000 };
    const base = Math.min(maxMs, initialMs * 2 ** (attempt - 1));
    const jitter = 0.8 + 0.4 * (this.deps.random ?? Math.random)();
    return Math.round(base * jitter);
  }

  private plan(): void {
    if (this.disposed || !this.deps.sink()) return;
    const next = this.deps.repo.nextDue();
    if (next === null) return;
    const wait = Math.max(0, next - this.deps.clock.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.kick();
    }, wait);
    this.timer.unref?.();
  }
}
