// The notification-service endpoint (reference: notification-service.md): MobilePay POSTs
// {MerchantId, MerchantBrandId, MerchantLocationId, MerchantPosId, PosId} when a customer checks in at a
// PoS with a callbackAlias; we answer 200 at once (anything else is retried 3 times) and then let the
// engine query the check-in. Plain node:http; in production it sits behind HTTPS (a TLS proxy).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkInNotificationSchema, type CheckInNotification } from '../../shared/pos-v10/schemas.js';

/** Where to listen and what to do with a notification (the engine queries the PoS's check-in). */
export interface NotificationReceiverOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 0: a free port. */
  readonly port?: number;
  /** The path registered with MobilePay for the callback alias; default /mobilepay/checkin. */
  readonly path?: string;
  /** Called after the 200 is sent; its failures go to onError, never to MobilePay. */
  readonly onNotification: (notification: CheckInNotification) => void | Promise<void>;
  readonly onError?: (error: unknown) => void;
  /** Larger bodies are refused with 413; default 16 KiB (the documented body is a few hundred bytes). */
  readonly maxBodyBytes?: number;
}

/** A listening receiver: the URL to register for the callback alias, and how to stop it. */
export interface NotificationReceiver {
  readonly url: string;
  /** Stops listening, drops idle connections and waits for notifications being handled. */
  close(): Promise<void>;
}

/** The path served when none is given. */
export const DEFAULT_NOTIFICATION_PATH = '/mobilepay/checkin';

type BodyResult = { readonly kind: 'ok'; readonly text: string } | { readonly kind: 'too-large' };

function readBody(request: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    request.on('end', () =>
      resolve(
        size > limit ? { kind: 'too-large' } : { kind: 'ok', text: Buffer.concat(chunks).toString('utf8') },
      ),
    );
    request.on('error', reject);
  });
}

function reply(response: ServerResponse, status: number, message?: string): void {
  if (message === undefined) {
    response.writeHead(status, { 'content-length': 0 }).end();
    return;
  }
  const body = JSON.stringify({ message });
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}

function parseNotification(text: string): CheckInNotification | null {
  try {
    const parsed = checkInNotificationSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Starts the check-in notification endpoint: 200 for a valid POST, 400 bad body, 404 other paths, 405 other methods. */
export async function startNotificationReceiver(
  options: NotificationReceiverOptions,
): Promise<NotificationReceiver> {
  const host = options.host ?? '127.0.0.1';
  const path = options.path ?? DEFAULT_NOTIFICATION_PATH;
  const limit = options.maxBodyBytes ?? 16 * 1024;
  const handling = new Set<Promise<void>>();

  const dispatch = (notification: CheckInNotification): void => {
    const job = Promise.resolve()
      .then(() => options.onNotification(notification))
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => handling.delete(job));
    handling.add(job);
  };

  const server = createServer((request, response) => {
    const requestPath = (request.url ?? '/').split('?')[0];
    if (requestPath !== path) return reply(response, 404, `No endpoint at ${requestPath}`);
    if (request.method !== 'POST') {
      response.setHeader('allow', 'POST');
      return reply(response, 405, `${request.method} is not allowed; POST the check-in notification`);
    }
    readBody(request, limit).then(
      (body) => {
        if (body.kind === 'too-large') return reply(response, 413, `The body exceeds ${limit} bytes`);
        const notification = parseNotification(body.text);
        if (notification === null)
          return reply(
            response,
            400,
            'Expected JSON {MerchantId, MerchantBrandId, MerchantLocationId, MerchantPosId, PosId}',
          );
        reply(response, 200);
        dispatch(notification);
      },
      () => response.destroy(),
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}${path}`,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      while (handling.size > 0) await Promise.all([...handling]);
    },
  };
}
