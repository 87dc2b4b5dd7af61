/**
 * The handover-book feature (public entry; 业务交接本, issue #16): compiles a shift's open items
 * from the call-backs, complaints, waybills and orders features, guards the agent's sign-out, and
 * carries the next shift's acknowledgement and the lead's review. Kept at least two years: there is
 * no deletion path (docs/DOMAIN.md §1, item 9).
 */
import type { HandoverHandlers } from '@shared/handover/contract';
import type { Core, Feature } from '../../platform/feature';
import type { DeskSessionService } from '../session';
import { HandoverRepo } from './handover-repo';
import type { HandoverSources } from './handover-service';
import { HandoverService } from './handover-service';

export { HandoverService, urgencyOf } from './handover-service';
export type { HandoverSources, OpenCallback, OpenComplaint } from './handover-service';

export interface HandoverFeatureDeps {
  session: DeskSessionService;
  sources: HandoverSources;
}

export interface HandoverFeature extends Feature<HandoverHandlers> {
  handover: HandoverService;
}

export function createHandoverFeature(core: Core, deps: HandoverFeatureDeps): HandoverFeature {
  const handover = new HandoverService({
    db: core.db,
    repo: new HandoverRepo(core.db),
    audit: core.audit,
    session: deps.session,
    clock: core.clock,
    newId: core.newId,
    logger: core.logger,
    timeZone: core.timeZone,
    sources: deps.sources,
    onChanged: (id) => core.emit('handover.changed', { id }),
  });
  // Signing out with open items and no handover is refused (unless a lead allowed it).
  deps.session.setSignOutGuard((session) => handover.guardSignOut(session));
  const handlers: HandoverHandlers = {
    'handover.compile': () => handover.compile(),
    'handover.submit': (a) => handover.submit(a),
    'handover.addItem': ({ handoverId, item }) => handover.addItem(handoverId, item),
    'handover.addCompiled': (a) => handover.addCompiled('all' in a ? 'all' : a.keys),
    'handover.removeItem': ({ itemId, reason }) => handover.removeItem(itemId, reason),
    'handover.get': ({ id }) => handover.get(id),
    'handover.awaitingMe': () => handover.awaitingMe(),
    'handover.acknowledge': ({ itemId, decision, comment }) =>
      handover.acknowledge(itemId, decision, comment),
    'handover.open': () => handover.open(),
    'handover.comment': ({ itemId, comment }) => handover.comment(itemId, comment),
    'handover.reassign': ({ itemId, agentId }) => handover.reassign(itemId, agentId),
    'handover.signOff': ({ id, note }) => handover.signOff(id, note),
    'handover.openShifts': () => handover.openShifts(),
    'handover.overrideSignOut': ({ shiftId, reason }) => handover.overrideSignOut(shiftId, reason),
    'handover.team': () => handover.team(),
    'handover.history': (q) => handover.history(q),
  };
  return {
    handlers,
    handover,
    dispose: () => deps.session.setSignOutGuard(null),
  };
}
