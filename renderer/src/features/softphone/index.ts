/**
 * The softphone feature's public entry: SIP chip and settings, devices, the call panel (ringing,
 * live call, transfer/consult, keypad, ACW, dialler), call history and the media engine. Other
 * features and the shell import it only from here.
 *
 * Uses the session feature (agent states, time zone). It never imports waybills: the caller's
 * screen pop is drawn by whatever the shell passes as `renderPop` (the waybills customer card),
 * so waybills may use the softphone (click-to-dial) without a cycle.
 */
export type { SoftphoneSlice } from './slice';
export { connectSoftphone, createSoftphoneSlice, readSoftphone } from './slice';
export { softphoneTexts } from './i18n';
export { useCallLink, useDialer, useDispositionLabel } from './dialer';
export { useMediaHost } from './media/host';
export type { RenderPop } from './components/call-pop';
export { CallPanel } from './components/CallPanel';
export { CallHistory } from './components/CallHistory';
export { SipChip } from './components/SipChip';
export { SipAccountsDialog } from './components/SipAccountsDialog';
export { useShiftCallDetails } from './components/useShiftCallDetails';
