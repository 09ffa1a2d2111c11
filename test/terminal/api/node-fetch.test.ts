// The client's default fetch (keep-alive node:http): what the transport reads of an answer, aborts,
// network failures worded like undici's, redirects handed back untouched, sockets reused.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeFetch } from '../../../src/terminal/api/node-fetch.js';
import { HttpTransport } from '../../../src/terminal/api/http.js';
import { clientDeps } from '../../../src/terminal/api/deps.js';
import { DEFAULT_BACKOFF } from '../../../src/terminal/api/retry-policy.js';

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise((resolve) => {
          server.closeAllConnections();
          server.close(resolve);
        }),
    ),
  );
});

async function serve(handler: Handler): Promise<{ url: string; sockets: () => number }> {
  let sockets = 0;
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => handler(request, body, response));
  });
  server.on('connection', () => (sockets += 1));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, sockets: () => sockets };
}

describe('the default fetch of the PoS client', () => {
  it('sends method, headers and JSON body, and reads status, headers and text', async () => {
    const { url } = await serve((request, body, response) => {
      response.writeHead(201, { 'content-type': 'application/json', 'x-echo': request.headers['x-key'] });
      response.end(
        JSON.stringify({ method: request.method, body, length: request.headers['content-length'] }),
      );
    });
    const answer = await nodeFetch(`${url}/pos/v10/payments`, {
      method: 'POST',
      headers: { 'x-key': 'k-1', 'content-type': 'application/json' },
      body: JSON.stringify({ amount: 12.5, text: 'Kaffe æøå' }),
    });
    expect(answer.status).toBe(201);
    expect(answer.headers.get('x-echo')).toBe('k-1');
    const echoed = JSON.parse(await answer.text()) as { method: string; body: string; length: string };
    expect(echoed.method).toBe('POST');
    expect(JSON.parse(echoed.body)).toEqual({ amount: 12.5, text: 'Kaffe æøå' });
    expect(Number(echoed.length)).toBe(Buffer.byteLength(echoed.body));
  });

  it('hands a redirect back as it is, never following it with the token', async () => {
    const { url } = await serve((_request, _body, response) => {
      response.writeHead(302, { location: 'http://example.invalid/' });
      response.end();
    });
    const answer = await nodeFetch(`${url}/x`, { method: 'GET', redirect: 'manual' });
    expect(answer.status).toBe(302);
  });

  it('keeps the connection alive: ten calls in a row share one socket', async () => {
    const { url, sockets } = await serve((_request, _body, response) => response.end('{}'));
    for (let i = 0; i < 10; i += 1) await (await nodeFetch(`${url}/poll`)).text();
    expect(sockets()).toBe(1);
  });

  it('rejects with the abort reason when the signal aborts a hanging call', async () => {
    const { url } = await serve(() => undefined);
    const abort = new AbortController();
    const call = nodeFetch(`${url}/hang`, { signal: abort.signal });
    abort.abort(new Error('timed out after 500 ms'));
    await expect(call).rejects.toThrow('timed out after 500 ms');
  });

  it('words a refused connection as undici does: TypeError "fetch failed" with the system code', async () => {
    const { url } = await serve(() => undefined);
    await new Promise((resolve) => servers.pop()!.close(resolve));
    const error = await nodeFetch(`${url}/x`).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toBe('fetch failed');
    expect(((error as TypeError).cause as { code?: string }).code).toBe('ECONNREFUSED');
  });

  it('lets the transport time out a GET that never answers and say so', async () => {
    const { url } = await serve(() => undefined);
    const transport = new HttpTransport(clientDeps({ fetch: nodeFetch }), {
      timeouts: { readMs: 50, writeMs: 50 },
      retries: 0,
      backoff: DEFAULT_BACKOFF,
    });
    await expect(transport.send({ method: 'GET', url: `${url}/slow`, headers: {} })).rejects.toMatchObject({
      code: 'pos.timeout',
    });
  });
});
