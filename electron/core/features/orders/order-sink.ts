/**
 * Where a submitted order goes: the company's order system. The desk keeps every order locally
 * first (the outbox, order-outbox.ts) and hands it to an `OrderSink`; the HTTP one speaks the
 * JSON protocol in docs/ORDER-API.md. Each delivery carries an idempotency key (the order's id and
 * version), so a retry after a lost reply never makes a second order on the other side.
 *
 * The sink only says what happened; the outbox decides what to do about it:
 * - `delivered` (2xx, or 409 "already have this key"): done, with the other side's reference;
 * - `refused` (400, 422): the order system will never take this order as it is — shown to the
 *   agent with the reason, not retried;
 * - `retry` (network error, timeout, 408, 429, 5xx, and 401/403, which are the desk's
 *   configuration and not the order's fault): tried again later with backoff.
 */
import { z } from 'zod';
import { errorMessage } from '@shared/common/errors';

export interface OrderPayload {
  /** `${orderId}:${version}`: the same for every retry of one version of one order. */
  idempotencyKey: string;
  orderId: string;
  orderNumber: string;
  version: number;
  createdAt: string;
  agent: { employeeNo: string; name: string };
  callId: string | null;
  customerId: string | null;
  /** The order as checked (shared/orders/order.ts), with its quote and 保价 outcome. */
  order: unknown;
  quote: { totalFen: number; premiumFen: number; chargeableKg: number; zone: string };
  amendment: { reason: string } | null;
}

export type DeliveryResult =
  | { kind: 'delivered'; ref: string }
  | { kind: 'refused'; reason: string }
  | { kind: 'retry'; reason: string };

export interface OrderSink {
  deliver(payload: OrderPayload): Promise<DeliveryResult>;
}

/** The `orders.sink` setting: where the order system listens, and the desk's token for it. */
export const orderSinkSettingSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  token: z.string().min(1).max(500).optional(),
  timeoutSeconds: z.number().int().min(1).max(120).optional(),
});
export type OrderSinkSetting = z.infer<typeof orderSinkSettingSchema>;

const acceptedSchema = z.looseObject({ orderRef: z.string().min(1).max(100) });
const refusedSchema = z.looseObject({ reason: z.string().min(1).max(500) });

export class HttpOrderSink implements OrderSink {
  constructor(
    private readonly setting: OrderSinkSetting,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async deliver(payload: OrderPayload): Promise<DeliveryResult> {
    let response: Response;
    try {
      response = await this.fetchImpl(this.setting.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': payload.idempotencyKey,
          ...(this.setting.token && { authorization: `Bearer ${this.setting.token}` }),
        },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout((this.setting.timeoutSeconds ?? 10) * 1000),
      });
    } catch (err) {
      return { kind: 'retry', reason: `no answer: ${errorMessage(err)}` };
    }
    const body: unknown = await response.json().catch(() => null);
    const { status } = response;
    if (status >= 200 && status < 300) {
      const ok = acceptedSchema.safeParse(body);
      // Stored on their side but no reference we can read: retrying with the same key is safe
      // and asks them to say it again.
      return ok.success
        ? { kind: 'delivered', ref: ok.data.orderRef }
        : { kind: 'retry', reason: `HTTP ${status} without an order reference` };
    }
    if (status === 409) {
      const ok = acceptedSchema.safeParse(body);
      if (ok.success) return { kind: 'delivered', ref: ok.data.orderRef };
    }
    if (status === 400 || status === 422) {
      const refused = refusedSchema.safeParse(body);
      return {
        kind: 'refused',
        reason: refused.success ? refused.data.reason : `HTTP ${status}`,
      };
    }
    return { kind: 'retry', reason: `HTTP ${status}` };
  }
}
