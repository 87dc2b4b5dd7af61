/**
 * The admin feature (public entry): the shift lead's administration area (issue #12) — the team's
 * accounts (add, deactivate/reactivate, reset password, unlock), the desk's tracking source, the
 * import of the holiday and 调休 schedule (issue #15) and the audit log. Leads only; every change audited. The after-call-work policy and the per-agent SIP
 * accounts stay the softphone feature's requests.
 */
import type { AdminHandlers } from '@shared/contract';
import type { Core, Feature } from '../../platform/feature';
import type { DeskSessionService } from '../session';
import { hashPassword } from '../session';
import { AdminRepo } from './admin-repo';
import { AdminService } from './admin-service';

export { AdminService } from './admin-service';

export interface AdminFeatureDeps {
  session: DeskSessionService;
}

export interface AdminFeature extends Feature<AdminHandlers> {
  admin: AdminService;
}

export function createAdminFeature(core: Core, deps: AdminFeatureDeps): AdminFeature {
  const admin = new AdminService({
    db: core.db,
    repo: new AdminRepo(core.db),
    settings: core.settings,
    audit: core.audit,
    session: deps.session,
    clock: core.clock,
    newId: core.newId,
    logger: core.logger,
    timeZone: core.timeZone,
    calendar: core.calendar,
    hashPassword,
  });
  const handlers: AdminHandlers = {
    'admin.agents': () => admin.agents(),
    'admin.addAgent': (input) => admin.addAgent(input),
    'admin.setAgentActive': ({ agentId, active }) => admin.setAgentActive(agentId, active),
    'admin.resetPassword': ({ agentId, password }) => admin.resetPassword(agentId, password),
    'admin.unlockAgent': ({ agentId }) => admin.unlock(agentId),
    'admin.trackingSource': () => admin.trackingSource(),
    'admin.setTrackingSource': (args) => admin.setTrackingSource(args),
    'admin.holidaySchedule': () => admin.holidaySchedule(),
    'admin.importHolidaySchedule': (args) => admin.importHolidaySchedule(args),
    'admin.auditLog': (q) => admin.auditLog(q),
  };
  return { handlers, admin, dispose: () => undefined };
}
