/**
 * Electron IPC channel names, without the contract's schemas, so the sandboxed preload can use
 * them without bundling zod. One channel carries every request (name + argument); main checks
 * the sender and the name before anything runs (electron/main/ipc.ts → the dispatcher).
 */
export const ipcInvokeChannel = 'desk:invoke';
export const ipcEventChannel = 'desk:event';

/** What the preload puts on `window.api`: raw transport, typed into DeskApi by the renderer. */
export interface PreloadApi {
  /** Resolves to an Outcome envelope; never rejects for a refused request. */
  invoke(name: string, args: unknown): Promise<unknown>;
  /** Every event main pushes; returns the unsubscribe function. */
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
}
