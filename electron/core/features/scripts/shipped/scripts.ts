/**
 * The scripts the desk ships with (`resources/scripts/<key>.json`, zh-CN text), one per call type
 * of docs/DOMAIN.md §1 plus the generic opening/closing (§9 standard phrases, §6 快递暂行条例 Art. 21
 * and 28). Bundled with the core (no file lookup in asar or the browser host); each is checked
 * with the script schema and validation before it is stored, and walked through every path by
 * test/core/features/scripts/shipped.test.ts, so a broken edit fails CI. Each has a `revision`:
 * raise it when the shipped text changes, so desks that already have the script get the new one
 * (as a new version while the latest is still a shipped one; see ADR 0014).
 */
import type { ScriptDocInput, ScriptKey } from '@shared/scripts/model';
import chaseDelivery from '../../../../../resources/scripts/chase_delivery.json';
import claim from '../../../../../resources/scripts/claim.json';
import complaint from '../../../../../resources/scripts/complaint.json';
import enquiry from '../../../../../resources/scripts/enquiry.json';
import generic from '../../../../../resources/scripts/generic.json';
import keyAccount from '../../../../../resources/scripts/key_account.json';
import order from '../../../../../resources/scripts/order.json';
import redirect from '../../../../../resources/scripts/redirect.json';
import returns from '../../../../../resources/scripts/return.json';
import tracking from '../../../../../resources/scripts/tracking.json';

export interface ShippedScript {
  revision: number;
  /** Unchecked here: the service parses and validates it before storing it. */
  doc: ScriptDocInput;
}

const asShipped = (s: { revision: number; doc: unknown }): ShippedScript =>
  s as unknown as ShippedScript;

/** Every shipped script, by key. */
export const shippedScripts: Record<ScriptKey, ShippedScript> = {
  generic: asShipped(generic),
  tracking: asShipped(tracking),
  order: asShipped(order),
  enquiry: asShipped(enquiry),
  complaint: asShipped(complaint),
  claim: asShipped(claim),
  redirect: asShipped(redirect),
  return: asShipped(returns),
  chase_delivery: asShipped(chaseDelivery),
  key_account: asShipped(keyAccount),
};
