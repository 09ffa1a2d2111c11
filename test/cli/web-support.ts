// Fixtures for the web mode's specs: a fake Host that records the calls it gets and pushes the events
// a spec asks for, a throwaway renderer build, and raw HTTP (to send the headers fetch will not).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BridgeHandlers, Host } from '../../src/host/types.js';
import { bridgeCallNames, type BridgeCallName, type BridgeEvent } from '../../src/shared/bridge/index.js';

/** A Host whose every call answers `{ call, args }`, so a spec sees exactly what reached the host. */
export interface FakeHost {
  readonly host: Host;
  readonly calls: { readonly name: BridgeCallName; readonly args: unknown }[];
  emit(event: BridgeEvent): void;
  listenerCount(): number;
  closed(): boolean;
}

export function fakeHost(): FakeHost {
  const calls: { name: BridgeCallName; args: unknown }[] = [];
  const listeners = new Set<(event: BridgeEvent) => void>();
  let closed = false;
  const handlers = Object.fromEntries(
    bridgeCallNames.map((name) => [
      name,
      async (args: unknown) => {
        calls.push({ name, args });
        return { call: name, args };
      },
    ]),
  ) as unknown as BridgeHandlers;
  return {
    host: {
      handlers,
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      async close() {
        closed = true;
      },
    },
    calls,
    emit: (event) => listeners.forEach((listener) => listener(event)),
    listenerCount: () => listeners.size,
    closed: () => closed,
  };
}

/** The smallest renderer build: index.html naming one asset. */
export const INDEX_HTML =
  '<!doctype html><html><head><script type="module" src="/assets/app.js"></script></head><body></body></html>';

export function tempRenderer(): { readonly dir: string; readonly root: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), 'pos-sim-web-'));
  const dir = join(root, 'renderer');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), INDEX_HTML);
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log("app");\n');
  // Next to the build, never to be served.
  writeFileSync(join(root, 'secret.txt'), 'not for the browser');
  return { dir, root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** A valid paymentStart argument. */
export const PAYMENT_START = { amount: 12.5, currencyCode: 'DKK' } as const;

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** One HTTP request with exactly these headers (Host and Origin included) and path (no normalising). */
export function rawRequest(
  url: string,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        hostname,
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
        timeout: 5_000,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(options.body);
  });
}
