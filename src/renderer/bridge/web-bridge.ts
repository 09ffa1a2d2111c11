// The bridge of web mode: the same PosSimBridge as the preload's, over HTTP (`POST /bridge/<call>`)
// and one WebSocket (`/bridge/events`) that reconnects by itself. Browser code: fetch and WebSocket
// only; built from the contract's list of calls, without zod (the server parses every argument).
import { bridgeCallNames } from '../../shared/bridge/channels.js';
import type { BridgeEvent, BridgeFailure, BridgeResult, PosSimBridge } from '../../shared/bridge/index.js';

/** The part of a WebSocket the bridge uses: the browser's, or `ws` in Node specs. */
export interface WebSocketLike {
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { readonly data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  close(): void;
}

/** How the web bridge reaches the server; everything defaults to the browser's own. */
export interface WebBridgeOptions {
  readonly WebSocket?: new (url: string) => WebSocketLike;
  readonly fetch?: typeof fetch;
  /** Reconnect delays: doubling from minDelayMs up to maxDelayMs (default 250 ms to 5 s). */
  readonly minDelayMs?: number;
  readonly maxDelayMs?: number;
  /** A call that has not answered by then is a retryable timeout (default 60 s). */
  readonly callTimeoutMs?: number;
}

function failure(code: string, message: string, retryable: boolean): { ok: false; error: BridgeFailure } {
  return { ok: false, error: { code, message, apiCode: null, retryable } };
}

function isResult(body: unknown): body is BridgeResult<unknown> {
  return typeof body === 'object' && body !== null && typeof (body as { ok?: unknown }).ok === 'boolean';
}

/** Builds the bridge for the server at `origin` (e.g. `window.location.origin`). */
export function createWebBridge(origin: string, options: WebBridgeOptions = {}): PosSimBridge {
  const base = origin.replace(/\/+$/, '');
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const timeoutMs = options.callTimeoutMs ?? 60_000;

  async function call(name: string, arg: unknown): Promise<BridgeResult<unknown>> {
    let response: Response;
    try {
      response = await fetchImpl(`${base}/bridge/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(arg ?? {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      return failure('network', 'The terminal cannot be reached: is pos-sim web still running?', true);
    }
    // Every answer of the server is a result object, refusals included; anything else is a broken server.
    const body: unknown = await response.json().catch(() => null);
    if (isResult(body)) return body;
    return failure('network', `The terminal answered HTTP ${response.status} without a result.`, true);
  }

  const calls = Object.fromEntries(bridgeCallNames.map((name) => [name, (arg?: unknown) => call(name, arg)]));
  const events = eventStream(`${base.replace(/^http/, 'ws')}/bridge/events`, options);
  return Object.freeze({ ...calls, onEvent: events.subscribe }) as PosSimBridge;
}

/** One socket shared by every listener, open while anyone listens, reopened with bounded backoff. */
function eventStream(url: string, options: WebBridgeOptions): { subscribe: PosSimBridge['onEvent'] } {
  const Socket = options.WebSocket ?? (globalThis.WebSocket as unknown as WebBridgeOptions['WebSocket']);
  const minDelay = options.minDelayMs ?? 250;
  const maxDelay = options.maxDelayMs ?? 5_000;
  const listeners = new Set<(event: BridgeEvent) => void>();
  let socket: WebSocketLike | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let failures = 0;
  let wasOpen = false;

  const emit = (event: BridgeEvent): void => {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        console.error('bridge event listener failed', error);
      }
    }
  };

  const connect = (): void => {
    timer = null;
    if (!Socket || listeners.size === 0) return;
    const current = new Socket(url);
    socket = current;
    current.onopen = () => {
      failures = 0;
      // Events were missed while the socket was down: tell the stores to read their state again.
      if (wasOpen)
        emit({ kind: 'notice', at: Date.now(), topic: 'bridge', message: 'Reconnected to the terminal.' });
      wasOpen = true;
    };
    current.onmessage = ({ data }) => {
      let event: unknown;
      try {
        event = JSON.parse(String(data));
      } catch {
        return;
      }
      if (
        typeof event === 'object' &&
        event !== null &&
        typeof (event as { kind?: unknown }).kind === 'string'
      )
        emit(event as BridgeEvent);
    };
    current.onerror = () => undefined;
    current.onclose = () => {
      if (socket !== current) return;
      socket = null;
      if (listeners.size === 0) return;
      if (failures === 0 && wasOpen)
        emit({
          kind: 'error',
          at: Date.now(),
          topic: 'bridge',
          error: {
            code: 'network',
            message: 'Lost the connection to the terminal; reconnecting.',
            apiCode: null,
            retryable: true,
          },
        });
      const delay = Math.min(maxDelay, minDelay * 2 ** failures);
      failures += 1;
      timer = setTimeout(connect, delay);
    };
  };

  const disconnect = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    const current = socket;
    socket = null;
    failures = 0;
    wasOpen = false;
    current?.close();
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (socket === null && timer === null) connect();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) disconnect();
      };
    },
  };
}
