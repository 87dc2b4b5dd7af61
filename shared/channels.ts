/**
 * The request names alone, without their schemas, so the sandboxed preload can whitelist them
 * without bundling zod. contract.ts proves at compile time that this list is exactly its keys.
 */
export const requestNameList = [
  'desk.info',
  'auth.session',
  'auth.signIn',
  'auth.signOut',
  'agent.setState',
  'agent.stateLog',
  'search.query',
  'waybill.get',
  'waybill.revealPhone',
  'waybill.addNote',
  'screenPop.lookup',
  'softphone.health',
  'softphone.configure',
  'softphone.state',
  'softphone.setOptions',
  'call.answer',
  'call.reject',
  'call.hangup',
  'call.hold',
  'call.resume',
  'call.mute',
  'call.dtmf',
  'call.transfer',
  'call.consult',
  'call.dial',
  'call.dialParty',
  'call.history',
  'acw.extend',
  'acw.complete',
  'acw.policy',
  'acw.setPolicy',
  'media.attach',
  'media.heartbeat',
  'media.reply',
] as const;

export const ipcRequestPrefix = 'desk:';
export const ipcEventChannel = 'desk:event';

/** What the preload puts on `window.api`: raw transport, typed into DeskApi by the renderer. */
export interface PreloadApi {
  /** Resolves to an Outcome envelope; never rejects for a refused request. */
  invoke(name: string, args: unknown): Promise<unknown>;
  /** Every event main pushes; returns the unsubscribe function. */
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
}
