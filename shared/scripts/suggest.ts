/**
 * Which script a call starts with, from what the screen pop knows (the agent switches with one
 * key): outbound calls, unknown callers and calls without a pop → the generic script; a recent
 * complaint → 投诉; a parcel flagged late, stalled or lost → 催派; any other flag or an
 * undelivered parcel → 查件; a key account → 大客户. Pure.
 */
import type { ScreenPop } from '../waybills/contract';
import type { RunContext } from './context';
import type { ScriptKey } from './model';

/** A complaint this recent is treated as still open (no complaint register yet). */
export const recentComplaintMs = 7 * 24 * 3_600_000;

const chaseFlags = new Set(['delayed', 'stalled', 'lost', 'awaiting_sender', 'storage_limit']);
const done = new Set(['DELIVERED', 'RETURNED', 'CANCELLED']);

export function suggestScript(ctx: RunContext, pop: ScreenPop | null, now: number): ScriptKey {
  if (!ctx.call || ctx.call.direction === 'outbound' || !pop || !ctx.customer) return 'generic';
  if (
    pop.lastContacts.some((c) => c.disposition === 'complaint' && now - c.at <= recentComplaintMs)
  ) {
    return 'complaint';
  }
  if (ctx.waybill?.anomalies.some((a) => chaseFlags.has(a))) return 'chase_delivery';
  if (ctx.waybill && (ctx.waybill.anomalies.length > 0 || !done.has(ctx.waybill.status))) {
    return 'tracking';
  }
  if (ctx.customer.keyAccountTier !== null) return 'key_account';
  return 'generic';
}
