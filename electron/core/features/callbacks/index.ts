/**
 * The call-backs feature (public entry): promise, list, remind, dial, close (回电). The handover
 * book (issue #16) compiles the open ones of a shift and moves their ownership.
 */
import type { CallbackHandlers } from '@shared/callbacks/contract';
import type { SoftphoneView } from '@shared/contract';
import type { Core, Feature } from '../../platform/feature';
import type { DeskSessionService } from '../session';
import { CallbackService } from './callback-service';
import { CallbacksRepo } from './callbacks-repo';

export { CallbackService } from './callback-service';

export interface CallbacksFeatureDeps {
  session: DeskSessionService;
  dial: (number: string, display: string) => SoftphoneView;
  remindBeforeMs?: number;
}

export interface CallbacksFeature extends Feature<CallbackHandlers> {
  callbacks: CallbackService;
}

export function createCallbacksFeature(core: Core, deps: CallbacksFeatureDeps): CallbacksFeature {
  const callbacks = new CallbackService({
    db: core.db,
    repo: new CallbacksRepo(core.db),
    audit: core.audit,
    session: deps.session,
    clock: core.clock,
    newId: core.newId,
    logger: core.logger,
    dial: deps.dial,
    onChanged: (id, due) => core.emit('callbacks.changed', { id, due }),
    ...(deps.remindBeforeMs !== undefined && { remindBeforeMs: deps.remindBeforeMs }),
  });
  callbacks.plan();
  const handlers: CallbackHandlers = {
    'callbacks.promise': (a) => callbacks.promise(a),
    'callbacks.mine': ({ status }) => callbacks.mine(status),
    'callbacks.overdue': () => callbacks.overdue(),
    'callbacks.dial': ({ id }) => callbacks.dial(id),
    'callbacks.close': ({ id, outcome, note }) => callbacks.close(id, outcome, note),
  };
  return { handlers, callbacks, dispose: () => callbacks.dispose() };
}
