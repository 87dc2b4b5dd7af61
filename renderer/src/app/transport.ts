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
  throw new ContractError(error.code, error.message, error.issues, error.details);
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

/**
 * 'no_token': the address lacks the host's access token; 'refused': the host turned the token
 * down (it issued a new one, or this one is forged) — retrying cannot help, so the client stops.
 */
export type ConnectionState = 'open' | 'connecting' | 'no_token' | 'refused';

export interface SocketApi extends DeskApi {
  /** For the connection indicator. */
  onConnection(listener: (state: ConnectionState) => void): () => void;
  close(): void;
}

/**
 * After a connection attempt failed: does the host accept our token? 'refused' (it answered 401),
 * 'ok', or 'down' (no answer: the host is not running). A browser cannot see why a WebSocket
 * upgrade failed, so the host answers this over plain HTTP (GET /api/token, electron/web/server.ts).
 */
export type TokenProbe = () => Promise<'ok' | 'refused' | 'down'>;

/**
 * WebSocket client with reconnect (1 s → 10 s backoff); requests made while down are refused.
 * With a probe, an attempt that fails asks the host whether the token is still good, and a refused
 * token ends the retries ('refused').
 */
export function createSocketApi(url: string, probe?: TokenProbe): SocketApi {
  const emitter = new Emitter();
  const pending = new Map<number, { resolve: (o: unknown) => void }>();
  const connectionListeners = new Set<(s: ConnectionState) => void>();
  let nextId = 1;
  let ws: WebSocket | null = null;
  let ready: Promise<void>;
  let closed = false;
  let delay = 1000;

  let everOpened = false;
  const emitState = (state: ConnectionState) => {
    for (const l of connectionListeners) l(state);
  };
  /**
   * 'connecting' is said when the connection is lost (at once, not after the first retry's wait)
   * and again for each attempt that fails: a listener can tell a blip from a host that was down.
   */
  const connect = (): Promise<void> => {
    if (!everOpened) emitState('connecting');
    return new Promise<void>((resolve) => {
      const socket = new WebSocket(url);
      let opened = false;
      ws = socket;
      socket.onopen = () => {
        opened = true;
        everOpened = true;
        delay = 1000;
        emitState('open');
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
        if (everOpened) emitState('connecting');
        const wait = delay;
        delay = Math.min(delay * 2, 10_000);
        const retry = () =>
          setTimeout(() => {
            if (!closed) ready = connect();
          }, wait);
        if (opened || !probe) {
          retry();
          resolve();
          return;
        }
        // Never opened: the host is down, or it refused us. Only the second ends the retries.
        probe().then(
          (verdict) => {
            if (verdict === 'refused') {
              closed = true;
              emitState('refused');
            } else retry();
            resolve();
          },
          () => {
            retry();
            resolve();
          },
        );
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
  return createSocketApi(wsUrl, httpTokenProbe(`${url.origin}/api/token`, token, win));
}

/** Asks the host over HTTP whether it accepts the token (the header keeps it out of logs). */
export function httpTokenProbe(probeUrl: string, token: string, win: Window = window): TokenProbe {
  return async () => {
    try {
      const res = await win.fetch(probeUrl, {
        headers: { 'x-desk-token': token },
        cache: 'no-store',
        credentials: 'omit',
      });
      if (res.status === 401) return 'refused';
      return res.ok ? 'ok' : 'down';
    } catch {
      return 'down';
    }
  };
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
