// The web mode's server over real HTTP on loopback, with a fake host and a throwaway build.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { DEFAULT_BODY_LIMIT, startWebServer, type RunningWebServer } from '../../src/cli/web-server.js';
import type { BridgeEvent } from '../../src/shared/bridge/index.js';
import {
  fakeHost,
  INDEX_HTML,
  PAYMENT_START,
  rawRequest,
  tempRenderer,
  type FakeHost,
} from './web-support.js';

let fake: FakeHost;
let build: ReturnType<typeof tempRenderer>;
let server: RunningWebServer;
let origin: string;

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

async function post(name: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${origin}/bridge/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as { ok: boolean; value?: unknown; error?: { code: string } },
  };
}

function openSocket(headers: Record<string, string> = {}): Promise<WebSocket> {
  const socket = new WebSocket(`${origin.replace('http', 'ws')}/bridge/events`, { headers });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_request, response) =>
      reject(new Error(`HTTP ${response.statusCode}`)),
    );
    socket.once('error', reject);
  });
}

function nextMessage(socket: WebSocket): Promise<unknown> {
  return new Promise((resolve) => socket.once('message', (data) => resolve(JSON.parse(String(data)))));
}

describe('web server bridge calls', () => {
  it('runs a call through the host and answers its result', async () => {
    const answer = await post('paymentStart', PAYMENT_START);
    expect(answer).toEqual({
      status: 200,
      body: { ok: true, value: { call: 'paymentStart', args: PAYMENT_START } },
    });
  });

  it('answers bad arguments with a bad-input result, without calling the host', async () => {
    const before = fake.calls.length;
    const answer = await post('paymentStart', { amount: -1, currencyCode: 'DKK' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ ok: false, error: { code: 'bad-input' } });
    expect(fake.calls).toHaveLength(before);
  });

  it('answers malformed JSON with a bad-input result', async () => {
    const response = await rawRequest(server.url, {
      method: 'POST',
      path: '/bridge/appInfo',
      headers: { 'content-type': 'application/json' },
      body: '{"broken',
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'bad-input' } });
  });

  it('answers an unknown call with 404 and a failure result', async () => {
    const answer = await post('paymentSteal', {});
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ ok: false, error: { code: 'bad-input' } });
  });

  it('accepts a call from its own origin and refuses one from another origin (CSRF)', async () => {
    expect((await post('appInfo', {}, { origin })).body.ok).toBe(true);
    const before = fake.calls.length;
    const refused = await post('paymentStart', PAYMENT_START, { origin: 'http://evil.example' });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(fake.calls).toHaveLength(before);
  });

  it('refuses requests addressed to a foreign host name (DNS rebinding)', async () => {
    const { port } = new URL(server.url);
    const response = await rawRequest(server.url, { path: '/', headers: { host: `evil.example:${port}` } });
    expect(response.status).toBe(421);
  });

  it('refuses an argument over the body limit', async () => {
    const response = await post('logList', { padding: 'x'.repeat(DEFAULT_BODY_LIMIT) });
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ ok: false, error: { code: 'bad-input' } });
  });
});

describe('web server events', () => {
  it('pushes every host event to every connected page', async () => {
    const [first, second] = await Promise.all([openSocket(), openSocket({ origin })]);
    const event: BridgeEvent = { kind: 'notice', at: 1, topic: 'test', message: 'hello' };
    const received = Promise.all([nextMessage(first!), nextMessage(second!)]);
    fake.emit(event);
    expect(await received).toEqual([event, event]);
    first!.close();
    second!.close();
  });

  it('refuses an event socket opened by another origin', async () => {
    await expect(openSocket({ origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
  });

  it('answers a plain GET of the event path with 426', async () => {
    expect((await fetch(`${origin}/bridge/events`)).status).toBe(426);
  });
});

describe('web server pages', () => {
  it.each(['/', '/customer', '/phone'])(
    'serves the renderer on %s with CSP and framing headers',
    async (path) => {
      const response = await fetch(`${origin}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await response.text()).toBe(INDEX_HTML);
    },
  );

  it('serves the built assets', async () => {
    const response = await fetch(`${origin}/assets/app.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('never serves a file outside the build', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/nothing.js',
    ]) {
      const response = await rawRequest(server.url, { path });
      expect(response.status, path).toBe(404);
      expect(response.body, path).not.toContain('not for the browser');
    }
  });
});

describe('web server shutdown', () => {
  it('stops listening to the host when closed', async () => {
    const other = fakeHost();
    const running = await startWebServer({
      host: other.host,
      rendererDir: build.dir,
      hostname: '127.0.0.1',
      port: 0,
    });
    expect(other.listenerCount()).toBe(1);
    await running.close();
    expect(other.listenerCount()).toBe(0);
    expect(other.closed()).toBe(false);
  });
});
