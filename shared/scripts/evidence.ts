/**
 * Two compliance items the call itself proves, not the agent's tick (issue 13):
 *
 * - **等待礼仪 (hold etiquette)** is owed for every time the agent really put the caller on hold
 *   (the softphone's confirmed holds, not a script step): ask first, say how long, thank on
 *   return (docs/DOMAIN.md §9). A call with a hold therefore requires the item; it is met only
 *   when the agent confirmed all three phrases for every hold — asking and stating the wait once
 *   the hold has started (they are said just before pressing hold), thanking only after the
 *   resume. A tick on a script's hold step without a real hold proves nothing and is not kept.
 * - **告知保价规则 (Art. 21)**: when an order is taken on the call, the order form's recorded 保价
 *   outcome (accepted, declined, not applicable) is the proof, and the item is required whatever
 *   script ran; the agent's tick counts only while no order was taken on the call.
 *
 * The facts are read by main from the softphone and orders features at each step of the run and
 * applied with `applyEvidence`; the engine's state keeps only the agent's confirmations. Pure.
 */
import type { InsuranceOutcome } from '../orders/insurance';
import type { CheckpointItem } from './model';
import { checkpointItems } from './model';
import type { RunState } from './run';

export const holdPhrases = ['ask', 'wait', 'thanks'] as const;
export type HoldPhrase = (typeof holdPhrases)[number];

/** The agent's holds on the call: how many started (an open one included), and one is open now. */
export interface HoldFacts {
  count: number;
  open: boolean;
}

/** An order taken on the call and the 保价 outcome its form recorded (null: none recorded). */
export interface OrderFact {
  number: string;
  insurance: InsuranceOutcome | null;
  /** The order form offered 保价 (a reason applied), so it asked for an outcome. */
  offered: boolean;
}

export interface CallEvidence {
  holds: HoldFacts;
  orders: OrderFact[];
}

export const noEvidence: CallEvidence = { holds: { count: 0, open: false }, orders: [] };

/** The phrases the agent confirmed: for hold number `hold` (1-based), and the holds fully done. */
export interface HoldEtiquette {
  hold: number;
  phrases: HoldPhrase[];
  confirmed: number[];
}

export type HoldConfirmError = 'no_hold' | 'still_on_hold';

/**
 * The agent confirms phrases for the latest hold. Refused without a hold on the call, and
 * "thanks" while the caller is still on hold (it is said on return).
 */
export function confirmHoldPhrases(
  was: HoldEtiquette | undefined,
  facts: HoldFacts,
  phrases: readonly HoldPhrase[],
): { ok: true; etiquette: HoldEtiquette } | { ok: false; error: HoldConfirmError } {
  if (facts.count === 0) return { ok: false, error: 'no_hold' };
  if (facts.open && phrases.includes('thanks')) return { ok: false, error: 'still_on_hold' };
  const sameHold = was?.hold === facts.count;
  const got = new Set<HoldPhrase>([...(sameHold ? was.phrases : []), ...phrases]);
  const all = holdPhrases.every((p) => got.has(p));
  const confirmed = was?.confirmed ?? [];
  return {
    ok: true,
    etiquette: {
      hold: facts.count,
      phrases: holdPhrases.filter((p) => got.has(p)),
      confirmed:
        all && !confirmed.includes(facts.count) ? [...confirmed, facts.count] : [...confirmed],
    },
  };
}

/** Every hold of the call has its phrases confirmed (false while there was none). */
export function holdEtiquetteMet(etiquette: HoldEtiquette | undefined, facts: HoldFacts): boolean {
  if (facts.count === 0 || facts.open) return false;
  const done = new Set(etiquette?.confirmed ?? []);
  for (let n = 1; n <= facts.count; n++) if (!done.has(n)) return false;
  return true;
}

/** The 保价 outcome the call's orders recorded (the latest one that did), or null. */
export function recordedInsurance(orders: readonly OrderFact[]): OrderFact | null {
  return [...orders].reverse().find((o) => o.insurance !== null) ?? null;
}

function requiring(required: readonly CheckpointItem[], item: CheckpointItem): CheckpointItem[] {
  const set = new Set([...required, item]);
  return checkpointItems.filter((i) => set.has(i));
}

/**
 * The run as the call's facts make it: hold etiquette and the 保价 item required and met (or not)
 * from what happened, whatever was ticked. Idempotent; applied after every action and read.
 */
export function applyEvidence(state: RunState, evidence: CallEvidence): RunState {
  let { required } = state;
  const checkpoints = { ...state.checkpoints };
  const { holds, orders } = evidence;
  if (holds.count > 0) {
    required = requiring(required, 'hold_etiquette');
    if (holdEtiquetteMet(state.hold, holds)) checkpoints.hold_etiquette = 'met';
    else if (checkpoints.hold_etiquette === 'met') delete checkpoints.hold_etiquette;
  } else if (checkpoints.hold_etiquette === 'met') {
    // Nothing was held: a tick on the script's hold step proves nothing.
    delete checkpoints.hold_etiquette;
  }
  // An order whose form offered 保价 proves the item by its recorded outcome, whatever was
  // ticked. An order no offer applied to asked for none: the agent's own tick stands.
  if (orders.some((o) => o.offered || o.insurance !== null)) {
    required = requiring(required, 'insurance_rules');
    if (recordedInsurance(orders)) checkpoints.insurance_rules = 'met';
    else if (checkpoints.insurance_rules === 'met') delete checkpoints.insurance_rules;
  }
  return { ...state, required, checkpoints };
}
