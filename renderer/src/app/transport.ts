/**
 * The renderer's DeskApi over either transport: Electron's preload (`window.api`) when present,
 * else the browser host's WebSocket. Both carry the same Outcome envelopes; failures surface as
 * ContractError with the code main sent.
 */
import type { PreloadApi } from '@shared/channels';
import type { DeskApi, EventName, EventPayload, Outcome, RequestName } from '@shared/contract';
import { isEventName } from '@shared/contract';
import type { ErrorPayload } from '@shared/common/errors';
import { ContractError } from '@shared/common/errors';

declare global {
  interface Window {
    api?: PreloadApi;
  }
}

type Listener = (payload: unknown) => void;

class Emitter {
  private readonly listeners = new Map<string, Set<Listener>>();
  on(event: string, listener: Listener): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }
  emit(event: string, payload: unknown): void {
    for (const l of this.listeners.get(event) ?? []) l(payload);
  }
}

function unwrap<T>(outcome: unknown): T {
  const o = outcome as Outcome<T>;
  if (o && o.ok === true) return o.value;
  const error: ErrorPayload =
    o && o.ok === false ? o.error : { code: 'INTERNAL', message: 'Malformed reply from main' };
  throw new ContractError(error.code, error.message, error.issues);
}

export function createPreloadApi(preload: PreloadApi): DeskApi {
  const emitter = new Emitter();
  preload.onEvent((event, payload) => {
    if (isEventName(event)) emitter.emit(event, payload);
  });
  return {
    async request(name, args) {
      return unwrap(await preload.invoke(name, args));
    },
    on(event, listener) {
      return emitter.on(event, listener as Listener);
    },
  };
}

export type ConnectionState = 'open' | 'connecting' | 'no_token';

export interface SocketApi extends DeskApi {
  /** For the connection indicator; 'no_token': the address lacks the host's access token. */
  onConnection(listener: (state: ConnectionState) => void): () => void;
  close(): void;
}

/** WebSocket client with reconnect (1 s → 10 s backoff); requests made while down are refused. */
export function createSocketApi(url: string): SocketApi {
  const emitter = new Emitter();
  const pending = new Map<number, { resolve: (o: unknown) => void }>();
  const connectionListeners = new Set<(s: 'open' | 'connecting') => void>();
  let nextId = 1;
  let ws: WebSocket | null = null;
  let ready: Promise<void>;
  let closed = false;
  let delay = 1000;

  const connect = (): Promise<void> => {
    for (const l of connectionListeners) l('connecting');
    return new Promise<void>((resolve) => {
      const socket = new WebSocket(url);
      ws = socket;
      socket.onopen = () => {
        delay = 1000;
        for (const l of connectionListeners) l('open');
        resolve();
      };
      socket.onmessage = (ev: MessageEvent<string>) => {
        let msg: { id?: number; outcome?: unknown; event?: string; payload?: unknown };
        try {
          msg = JSON.parse(ev.data) as typeof msg;
        } catch {
          return;
        }
        if (typeof msg.id === 'number') {
          pending.get(msg.id)?.resolve(msg.outcome);
          pending.delete(msg.id);
        } else if (isEventName(msg.event)) {
          emitter.emit(msg.event, msg.payload);
        }
      };
      socket.onclose = () => {
        for (const [, p] of pending) {
          p.resolve({
            ok: false,
            error: { code: 'DISCONNECTED', message: 'Connection to the desk service was lost' },
          });
        }
        pending.clear();
        if (closed) return;
        const wait = delay;
        delay = Math.min(delay * 2, 10_000);
        setTimeout(() => {
          if (!closed) ready = connect();
        }, wait);
        resolve();
      };
    });
  };
  ready = connect();

  return {
    async request<N extends RequestName>(name: N, args: unknown) {
      await ready;
      if (!ws || ws.readyState !== WebSocket.OPEN) {
        throw new ContractError('DISCONNECTED', 'Not connected to the desk service');
      }
      const id = nextId++;
      const outcome = await new Promise<unknown>((resolve) => {
        pending.set(id, { resolve });
        ws!.send(JSON.stringify({ id, name, args }));
      });
      return unwrap(outcome);
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      return emitter.on(event, listener as Listener);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    close() {
      closed = true;
      ws?.close();
    },
  } as SocketApi;
}

/**
 * Picks the transport. In the browser host the token arrives once in the URL; it is kept in
 * sessionStorage (survives a reload of this tab only) and removed from the address bar.
 */
export function createDeskApi(win: Window = window): DeskApi {
  if (win.api) return createPreloadApi(win.api);
  const url = new URL(win.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    win.sessionStorage.setItem('desk.token', fromUrl);
    url.searchParams.delete('token');
    win.history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  const token = fromUrl ?? win.sessionStorage.getItem('desk.token') ?? '';
  if (!token) return noTokenApi();
  const wsUrl = `${url.protocol === 'https:' ? 'wss' : 'ws'}://${url.host}/api?token=${encodeURIComponent(token)}`;
  return createSocketApi(wsUrl);
}

/**
 * Opened without the token the host printed (a bookmark of the bare address, say): nothing can be
 * reached, and the console says so rather than "connection lost, reconnecting" forever.
 */
function noTokenApi(): SocketApi {
  const refuse = () =>
    Promise.reject(new ContractError('UNAUTHENTICATED', 'The address has no access token'));
  return {
    request: refuse,
    on: () => () => undefined,
    onConnection(listener) {
      listener('no_token');
      return () => undefined;
    },
    close: () => undefined,
  };
}
