// A lean fetch for the PoS client over node:http/https with keep-alive agents. The client needs
// only status, headers and the body's text; undici's full WHATWG fetch (streams, a Request and an
// AbortSignal per call) cost most of an engine's CPU when many engines poll in one process.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

const agents = {
  'http:': new HttpAgent({ keepAlive: true, maxSockets: 64 }),
  'https:': new HttpsAgent({ keepAlive: true, maxSockets: 64 }),
};

/** The part of a Response the client reads. */
interface LeanResponse {
  readonly status: number;
  readonly headers: Headers;
  text(): Promise<string>;
}

function headersOf(message: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = message.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  return headers;
}

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error('aborted');
}

/**
 * fetch(url, {method, headers, body, signal}) for string bodies; redirects are never followed (the
 * answer is returned as it is, like redirect: 'manual'). Network failures reject with a TypeError
 * whose cause carries the system code, as undici's do.
 */
export const nodeFetch: typeof fetch = (input, init = {}) => {
  const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const agent = url.protocol === 'https:' ? agents['https:'] : agents['http:'];
  const signal = init.signal ?? undefined;
  const body = typeof init.body === 'string' ? init.body : undefined;
  const headers: Record<string, string> = {};
  new Headers(init.headers).forEach((value, name) => (headers[name] = value));
  if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
  return new Promise<Response>((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const req = send(url, { method: init.method ?? 'GET', headers, agent }, (message) => {
      const chunks: Buffer[] = [];
      message.on('data', (chunk: Buffer) => chunks.push(chunk));
      message.on('error', (error) => reject(new TypeError('fetch failed', { cause: error })));
      message.on('end', () => {
        signal?.removeEventListener('abort', onAbort);
        const text = Buffer.concat(chunks).toString('utf8');
        const response: LeanResponse = {
          status: message.statusCode ?? 0,
          headers: headersOf(message),
          text: () => Promise.resolve(text),
        };
        resolve(response as Response);
      });
    });
    const onAbort = (): void => {
      req.destroy(abortError(signal!));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (error) => {
      signal?.removeEventListener('abort', onAbort);
      reject(signal?.aborted ? abortError(signal) : new TypeError('fetch failed', { cause: error }));
    });
    req.end(body);
  });
};
