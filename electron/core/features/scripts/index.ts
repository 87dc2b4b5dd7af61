/**
 * The scripts feature (public entry): guided call scripts (通话话术) with compliance per call and
 * the lead's versions (issue 13). Shipped scripts are loaded into the desk's database on start.
 */
import type { ScriptHandlers } from '@shared/scripts/contract';
import type { CallView } from '@shared/softphone/contract';
import type { ScreenPop } from '@shared/waybills/contract';
import type { Core, Feature } from '../../platform/feature';
import type { DeskSessionService } from '../session';
import { ScriptService } from './script-service';
import { shippedScripts } from './shipped/scripts';

export { ScriptService, defaultScriptOptions, scriptOptionsSchema } from './script-service';
export { shippedScripts } from './shipped/scripts';

export interface ScriptsFeatureDeps {
  session: DeskSessionService;
  /** The call in progress (the softphone's call view), or null. */
  currentCall(): CallView | null;
  /** The caller's screen pop (the waybills feature). */
  screenPop(number: string): ScreenPop;
}

export interface ScriptsFeature extends Feature<ScriptHandlers> {
  scripts: ScriptService;
}

export function createScriptsFeature(core: Core, deps: ScriptsFeatureDeps): ScriptsFeature {
  const scripts = new ScriptService({
    core,
    shipped: shippedScripts,
    requireSession: () => deps.session.requireSession(),
    currentCall: deps.currentCall,
    screenPop: deps.screenPop,
  });
  scripts.syncShipped();
  const handlers: ScriptHandlers = {
    'scripts.published': () => scripts.published(),
    'scripts.start': ({ callId, script }) => scripts.start(callId, script),
    'scripts.run': ({ callId }) => scripts.run(callId),
    'scripts.act': ({ callId, action }) => scripts.act(callId, action),
    'scripts.close': ({ callId, reason }) => scripts.close(callId, reason),
    'scripts.compliance': ({ callId }) => scripts.compliance(callId),
    'scripts.versions': ({ key }) => scripts.versions(key),
    'scripts.publish': ({ key, doc, note, basedOn }) => scripts.publish(key, doc, note, basedOn),
    'scripts.rollback': ({ key, version, note }) => scripts.rollback(key, version, note),
  };
  return { handlers, scripts, dispose() {} };
}
