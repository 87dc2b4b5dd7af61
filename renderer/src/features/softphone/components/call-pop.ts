import type { ReactNode } from 'react';
import type { CallView } from '@shared/softphone/contract';
import type { ScreenPop } from '@shared/waybills/contract';
import { useDesk } from '../../../app/context';

/** How the caller's screen pop is shown; the shell passes the waybills feature's card. */
export type RenderPop = (pop: ScreenPop, call: CallView) => ReactNode;

/** The pop main looked up for this call, if it has arrived. */
export function useCallPop(callId: string): ScreenPop | null {
  return useDesk((s) => (s.callPop?.callId === callId ? s.callPop.pop : null));
}
