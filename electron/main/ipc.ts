/**
 * Registers the contract on Electron's ipcMain through a structural port, so this file never
 * imports 'electron' and is tested with a fake. Every invoke is checked twice before dispatch:
 * the sender must be the main frame of our own page (not an iframe, not a navigated-away page),
 * then the arguments must parse (contract-server.ts).
 */
import { ipcInvokeChannel } from '@shared/channels';
import type { Outcome } from '@shared/contract';
import { ContractError } from '@shared/common/errors';
import type { Dispatcher } from '../core/contract-server';
import type { Logger } from '../core/platform/ports';

export interface SenderFrame {
  url: string;
  /** null for a top-level frame (Electron's WebFrameMain.parent). */
  parent: unknown;
}

export interface IpcInvokeEvent {
  senderFrame: SenderFrame | null;
}

export interface IpcMainPort {
  handle(
    channel: string,
    listener: (event: IpcInvokeEvent, ...args: unknown[]) => Promise<unknown>,
  ): void;
  removeHandler(channel: string): void;
}

/** The renderer's own origin: our privileged `app://desk` scheme, or the dev server's URL. */
export function isTrustedRendererUrl(url: string, devServerUrl?: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // Custom schemes have an opaque origin ('null') in WHATWG URL, so compare scheme and host.
  if (parsed.protocol === 'app:' && parsed.host === 'desk') return true;
  if (devServerUrl) {
    const dev = new URL(devServerUrl);
    return parsed.origin === dev.origin;
  }
  return false;
}

export function registerContract(
  port: IpcMainPort,
  dispatcher: Dispatcher,
  isTrustedUrl: (url: string) => boolean,
  logger: Logger,
): () => void {
  port.handle(ipcInvokeChannel, async (event, ...args): Promise<Outcome<unknown>> => {
    const [name, ...rest] = args;
    const shownName = String(name).slice(0, 80);
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null || !isTrustedUrl(frame.url)) {
      logger.warn('refused IPC from an untrusted frame', {
        name: shownName,
        url: frame?.url ?? null,
      });
      return {
        ok: false,
        error: new ContractError(
          'FORBIDDEN',
          `Request ${shownName} refused: sender is not the desk window`,
        ).toPayload(),
      };
    }
    if (rest.length > 1) {
      return {
        ok: false,
        error: new ContractError(
          'BAD_ARGUMENT',
          `${shownName} takes one argument object, got ${rest.length}`,
        ).toPayload(),
      };
    }
    return dispatcher.dispatch(name, rest[0]);
  });
  return () => port.removeHandler(ipcInvokeChannel);
}
