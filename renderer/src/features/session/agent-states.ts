import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentState } from '@shared/session/agent-state';
import { breakReasons, notReadyReasons } from '@shared/session/agent-state';
import { useDesk } from '../../app/context';
import { deskTimeZone } from '@shared/common/calendar';

/** 示忙 reasons an agent may pick (login and missed_offer are the system's own). */
export const pickableNotReady = notReadyReasons.filter(
  (r) => r !== 'login' && r !== 'missed_offer',
);

/** Every state an agent may choose: 示闲, each pickable 示忙 reason, each 小休 reason. */
export const agentStateChoices: AgentState[] = [
  { status: 'ready' },
  ...pickableNotReady.map((reason) => ({ status: 'not_ready' as const, reason })),
  ...breakReasons.map((reason) => ({ status: 'break' as const, reason })),
];

/** A stable string for a state ('break:meal'), e.g. a select's value. */
export const agentStateKey = (s: AgentState): string =>
  'reason' in s ? `${s.status}:${s.reason}` : s.status;

/** A state as the agent reads it: '示忙 · 事务处理'. */
export function useAgentStateLabel(): (state: AgentState) => string {
  const { t } = useTranslation('session');
  return useCallback(
    (s: AgentState) =>
      'reason' in s
        ? `${t(`status.${s.status}`)} · ${t(`reasons.${s.reason}`)}`
        : t(`status.${s.status}`),
    [t],
  );
}

/** The desk's time zone, for every time shown (Asia/Shanghai until the desk info is read). */
export function useTimeZone(): string {
  return deskTimeZone(useDesk((s) => s.deskInfo?.timeZone));
}
