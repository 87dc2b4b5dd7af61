/**
 * The session feature's public entry: desk info, sign-in, agent states (示闲/示忙/小休) and the
 * shift's state log. Other features and the shell import it only from here.
 *
 * Uses no other feature; the shell adds the softphone's lines and call history to the shift tab.
 */
export type { SessionSlice } from './slice';
export { connectSession, createSessionSlice, readSession } from './slice';
export { sessionTexts } from './i18n';
export { agentStateChoices, agentStateKey, useAgentStateLabel, useTimeZone } from './agent-states';
export { SignInPage } from './components/SignInPage';
export { StatusBar } from './components/StatusBar';
export { ShiftPanel } from './components/ShiftPanel';
