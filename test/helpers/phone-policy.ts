/**
 * For tests of the agent states and of call control with no PBX: by default a desk refuses 示闲 to
 * an agent whose softphone is not registered (ADR 0011). Those tests are about something else, so
 * they turn the lead's setting off, as a desk without a softphone (a hard phone) would.
 */
import type { Desk } from '../../electron/core/desk';
import { SettingsRepo } from '../../electron/core/platform/settings-repo';

export function allowReadyWithoutPhone(desk: Pick<Desk, 'db'>): void {
  new SettingsRepo(desk.db).set(
    'softphone.accountPolicy',
    JSON.stringify({ readyRequiresPhone: false, agentsConfigureOwn: true }),
    0,
  );
}
