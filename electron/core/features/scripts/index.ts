/**
 * The scripts feature (public entry): guided call scripts (通话话术) with compliance per call and
 * the lead's versions (issue 13). Shipped scripts are loaded into the desk's database on start.
 */
import type { ScriptHandlers } from '@shared/scripts/contract';
import type { HoldFacts, OrderFact } from '@shared/scripts/evidence';
import type { ScreenPop } from '@shared/waybills/contract';
import type { Core, Feature } from '../../platform/feature';
import type { DeskSessionService } from '../session';
import type { CallService } from '../softphone';
import { ScriptService } from './script-service';
import { shippedScripts } from './shipped/scripts';

export { ScriptService, defaultScriptOptions, scriptOptionsSchema } from './script-service';
export { shippedScripts } from './shipped/scripts';

export interface ScriptsFeatureDeps {
  session: DeskSessionService;
  /** The softphone's calls: the call in progress, and the agent's holds on each call. */
  calls: Pick<CallService, 'view' | 'history'>;
  /** The caller's screen pop (the waybills feature). */
  screenPop(number: string): ScreenPop;
  /** The orders the agent took on the call since it started (the orders feature). */
  ordersOfCall(callId: string, agentId: string, since: number): OrderFact[];
}

export interface ScriptsFeature extends Feature<ScriptHandlers> {
  scripts: ScriptService;
}

export function createScriptsFeature(core: Core, deps: ScriptsFeatureDeps): ScriptsFeature {
  const scripts = new ScriptService({
    core,
    shipped: shippedScripts,
    requireSession: () => deps.session.requireSession(),
    currentCall: () => deps.calls.view().call,
    screenPop: deps.screenPop,
    holdsOf: (callId) => holdsOf(deps.calls, callId),
    ordersOf: (callId, agentId, since) => deps.ordersOfCall(callId, agentId, since),
  });
  scripts.syncShipped();
  const handlers: ScriptHandlers = {
    'scripts.published': () => scripts.published(),
    'scripts.start': ({ callId, script }) => scripts.start(callId, script),
    'scripts.run': ({ callId }) => scripts.run(callId),
    'scripts.act': ({ callId, action }) => scripts.act(callId, action),
    'scripts.holdEtiquette': ({ callId, phrases }) => scripts.holdEtiquette(callId, phrases),
    'scripts.close': ({ callId, reason }) => scripts.close(callId, reason),
    'scripts.compliance': ({ callId }) => scripts.compliance(callId),
    'scripts.versions': ({ key }) => scripts.versions(key),
    'scripts.publish': ({ key, doc, note, basedOn }) => scripts.publish(key, doc, note, basedOn),
    'scripts.rollback': ({ key, version, note }) => scripts.rollback(key, version, note),
  };
  return { handlers, scripts, dispose() {} };
}

/** Calls this far back in the agent's history still answer for their holds. */
const HOLD_LOOKBACK = 50;

/**
 * The agent's confirmed holds on a call (the softphone's hold segments, an open one included) and
 * whether the caller is on hold now; null for a call no longer in the agent's recent history.
 */
function holdsOf(calls: Pick<CallService, 'view' | 'history'>, callId: string): HoldFacts | null {
  const record = calls.history(HOLD_LOOKBACK).find((r) => r.id === callId);
  if (!record) return null;
  const live = calls.view().call;
  return { count: record.holdCount, open: live?.id === callId && live.holdSince !== null };
}
