// @vitest-environment node
// The web bridge's event socket on fake time: bounded backoff, one socket, none after the last listener.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWebBridge, type WebSocketLike } from '../../../src/renderer/bridge/web-bridge.js';
import type { BridgeEvent } from '../../../src/shared/bridge/index.js';

class FakeSocket implements WebSocketLike {
  static made: FakeSocket[] = [];
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { readonly data: unknown }) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeSocket.made.push(this);
  }
  close(): void {
    this.closed = true;
    this.onclose?.({});
  }
  drop(): void {
    this.onclose?.({});
  }
}

const latest = (): FakeSocket => FakeSocket.made.at(-1)!;

beforeEach(() => {
  FakeSocket.made = [];
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

function bridge() {
  return createWebBridge('https://till.example:8443', {
    WebSocket: FakeSocket,
    minDelayMs: 100,
    maxDelayMs: 400,
  });
}

describe('web bridge event socket', () => {
  it('opens no socket until someone listens, then one on the event path', () => {
    const subject = bridge();
    expect(FakeSocket.made).toHaveLength(0);
    subject.onEvent(() => undefined);
    subject.onEvent(() => undefined);
    expect(FakeSocket.made.map((socket) => socket.url)).toEqual(['wss://till.example:8443/bridge/events']);
  });

  it('retries with doubling delays, bounded by the maximum', () => {
    bridge().onEvent(() => undefined);
    const delays: number[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const count = FakeSocket.made.length;
      latest().drop();
      let waited = 0;
      while (FakeSocket.made.length === count) {
        vi.advanceTimersByTime(10);
        waited += 10;
      }
      delays.push(waited);
    }
    expect(delays).toEqual([100, 200, 400, 400, 400]);
  });

  it('starts the backoff over once a socket opens', () => {
    bridge().onEvent(() => undefined);
    latest().drop();
    vi.advanceTimersByTime(100);
    latest().drop();
    vi.advanceTimersByTime(200);
    latest().onopen?.({});
    latest().drop();
    const count = FakeSocket.made.length;
    vi.advanceTimersByTime(100);
    expect(FakeSocket.made).toHaveLength(count + 1);
  });

  it('ignores messages that are not events and survives a failing listener', () => {
    const subject = bridge();
    const seen: BridgeEvent[] = [];
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    subject.onEvent(() => {
      throw new Error('listener bug');
    });
    subject.onEvent((event) => seen.push(event));
    latest().onmessage?.({ data: 'not json' });
    latest().onmessage?.({ data: '{"no":"kind"}' });
    latest().onmessage?.({ data: JSON.stringify({ kind: 'pos', pos: null }) });
    expect(seen).toEqual([{ kind: 'pos', pos: null }]);
    expect(error).toHaveBeenCalledOnce();
    error.mockRestore();
  });

  it('closes the socket and stops reconnecting when the last listener leaves', () => {
    const subject = bridge();
    const stopFirst = subject.onEvent(() => undefined);
    const stopSecond = subject.onEvent(() => undefined);
    stopFirst();
    expect(latest().closed).toBe(false);
    stopSecond();
    expect(latest().closed).toBe(true);
    vi.advanceTimersByTime(10_000);
    expect(FakeSocket.made).toHaveLength(1);
  });
});
