// What the phone learns from the sandbox's control plane over HTTP (the customer layer never
// imports the emulator): the point of sale behind a beacon, as MobilePay's app would show it after
// a scan, and the sandbox's test users. A backend without the control plane answers "unavailable".
import { z } from 'zod';
import type { BeaconConfirmation, TestUserView } from '../shared/bridge/index.js';

/** The answer of a beacon lookup: found, no such beacon (404 code 1000), or no control plane to ask. */
export type BeaconLookup =
  | { readonly kind: 'found'; readonly confirmation: BeaconConfirmation }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'unavailable' };

/** A test user as the control plane lists it: the view plus the token the API reports for them. */
export interface SandboxUser extends TestUserView {
  readonly customerToken: string | null;
}

const confirmationSchema = z.object({
  beaconId: z.string(),
  posId: z.string(),
  posName: z.string(),
  storeName: z.string(),
  brandName: z.string(),
});

const usersSchema = z.object({
  testUsers: z.array(
    z.object({
      phoneNumber: z.string(),
      country: z.enum(['DK', 'FI']),
      paymentSource: z.enum(['Credit', 'Debit']),
      feature: z.enum(['CreditCard', 'DebitCard', 'Storebox', 'Loyalty', 'NoPartialCapture']),
      loyaltyIds: z.array(z.string()),
      partialCapturePossible: z.boolean(),
      customerToken: z.string().optional(),
    }),
  ),
});

export interface SandboxDirectoryOptions {
  /** The backend's base URL; the control plane is under /emulator. */
  readonly apiBaseUrl: string;
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
}

/** Reads the sandbox operator's view of beacons and test users. */
export class SandboxDirectory {
  private readonly base: string;
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;

  constructor(options: SandboxDirectoryOptions) {
    this.base = `${options.apiBaseUrl.replace(/\/+$/, '')}/emulator`;
    this.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.timeoutMs = options.timeoutMs ?? 2_000;
  }

  /** The point of sale behind a beacon, as the customer's app shows it before paying. */
  async beacon(beaconId: string): Promise<BeaconLookup> {
    const answer = await this.get(`/beacons/${encodeURIComponent(beaconId)}`);
    if (answer === null) return { kind: 'unavailable' };
    if (answer.status === 404 && isPosNotFound(answer.body)) return { kind: 'unknown' };
    const parsed = confirmationSchema.safeParse(answer.body);
    if (answer.status !== 200 || !parsed.success) return { kind: 'unavailable' };
    return { kind: 'found', confirmation: parsed.data };
  }

  /** The sandbox's test users, or null when the backend does not list them. */
  async testUsers(): Promise<readonly SandboxUser[] | null> {
    const answer = await this.get('/test-users');
    const parsed = answer?.status === 200 ? usersSchema.safeParse(answer.body) : null;
    if (!parsed?.success) return null;
    return parsed.data.testUsers.map(({ customerToken, ...user }) => ({
      ...user,
      customerToken: customerToken ?? null,
    }));
  }

  /** A GET with a timeout; null when nothing (or nothing readable) came back. */
  private async get(path: string): Promise<{ readonly status: number; readonly body: unknown } | null> {
    try {
      const response = await this.fetch(`${this.base}${path}`, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const text = await response.text();
      let body: unknown = null;
      try {
        body = text === '' ? null : JSON.parse(text);
      } catch {
        body = null;
      }
      return { status: response.status, body };
    } catch {
      return null;
    }
  }
}

function isPosNotFound(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as { code?: unknown }).code === '1000';
}
