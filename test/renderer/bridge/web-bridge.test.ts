// @vitest-environment node
// The web bridge against the real web server (fake host) over loopback HTTP and WebSocket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startWebServer, type RunningWebServer } from '../../../src/cli/web-server.js';
import { createWebBridge, type WebSocketLike } from '../../../src/renderer/bridge/web-bridge.js';
import type { BridgeEvent, PosSimBridge } from '../../../src/shared/bridge/index.js';
import { fakeHost, PAYMENT_START, tempRenderer, type FakeHost } from '../../cli/web-support.js';

let fake: FakeHost;
let build: ReturnType<typeof tempRenderer>;
let server: RunningWebServer;
let origin: string;

/** `ws` as the bridge's WebSocket, remembering every socket it opened and announcing each open. */
function socketFactory() {
  const sockets: WebSocket[] = [];
  const opened: (() => void)[] = [];
  class TrackedSocket extends WebSocket {
    constructor(url: string) {
      super(url);
      sockets.push(this);
      this.once('open', () => opened.shift()?.());
    }
  }
  return {
    WebSocket: TrackedSocket as unknown as new (url: string) => WebSocketLike,
    sockets,
    nextOpen: () => new Promise<void>((resolve) => opened.push(resolve)),
  };
}

function nextEvent(bridge: PosSimBridge, matching: (event: BridgeEvent) => boolean): Promise<BridgeEvent> {
  return new Promise((resolve) => {
    const stop = bridge.onEvent((event) => {
      if (!matching(event)) return;
      stop();
      resolve(event);
    });
  });
}

beforeAll(async () => {
  fake = fakeHost();
  build = tempRenderer();
  server = await startWebServer({ host: fake.host, rendererDir: build.dir, hostname: '127.0.0.1', port: 0 });
  origin = server.url.replace(/\/$/, '');
});

afterAll(async () => {
  await server.close();
  build.remove();
});

describe('web bridge calls', () => {
  it('makes a call over HTTP and answers the host result', async () => {
    const bridge = createWebBridge(origin);
    const result = await bridge.paymentStart(PAYMENT_START);
    expect(result).toEqual({ ok: true, value: { call: 'paymentStart', args: PAYMENT_START } });
  });

  it('sends calls without arguments as an empty object', async () => {
    const result = await createWebBridge(`${origin}/`).appInfo();
    expect(result).toEqual({ ok: true, value: { call: 'appInfo', args: {} } });
  });

  it('passes the server bad-input result through', async () => {
    const result = await createWebBridge(origin).paymentCapture({ journalId: '' });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-input', retryable: false } });
  });

  it('answers a retryable network failure when the server is gone', async () => {
    const gone = await startWebServer({
      host: fakeHost().host,
      rendererDir: build.dir,
      hostname: '127.0.0.1',
      port: 0,
    });
    await gone.close();
    const result = await createWebBridge(gone.url).appInfo();
    expect(result).toMatchObject({ ok: false, error: { code: 'network', retryable: true } });
  });
});

describe('web bridge events', () => {
  it('delivers host events to every listener over one socket', async () => {
    const factory = socketFactory();
    const bridge = createWebBridge(origin, { WebSocket: factory.WebSocket });
    const open = factory.nextOpen();
    const first: BridgeEvent[] = [];
    const second: BridgeEvent[] = [];
    const stopFirst = bridge.onEvent((event) => first.push(event));
    const stopSecond = bridge.onEvent((event) => second.push(event));
    await open;
    const event: BridgeEvent = { kind: 'notice', at: 7, topic: 'test', message: 'hi' };
    const arrived = nextEvent(bridge, (e) => e.kind === 'notice' && e.topic === 'test');
    fake.emit(event);
    await arrived;
    expect(first).toEqual([event]);
    expect(second).toEqual([event]);
    expect(factory.sockets).toHaveLength(1);
    stopFirst();
    stopSecond();
    expect(factory.sockets[0]!.readyState).toBeGreaterThanOrEqual(WebSocket.CLOSING);
  });

  it('reconnects after the socket drops and says so', async () => {
    const factory = socketFactory();
    const bridge = createWebBridge(origin, { WebSocket: factory.WebSocket, minDelayMs: 5, maxDelayMs: 20 });
    const seen: BridgeEvent[] = [];
    const firstOpen = factory.nextOpen();
    const stop = bridge.onEvent((event) => seen.push(event));
    await firstOpen;
    const reconnected = nextEvent(bridge, (e) => e.kind === 'notice' && e.topic === 'bridge');
    factory.sockets[0]!.terminate();
    await reconnected;
    expect(seen.map((e) => e.kind)).toEqual(['error', 'notice']);
    const after = nextEvent(bridge, (e) => e.kind === 'notice' && e.topic === 'after');
    fake.emit({ kind: 'notice', at: 8, topic: 'after', message: 'still here' });
    await after;
    expect(factory.sockets).toHaveLength(2);
    stop();
  });
});
