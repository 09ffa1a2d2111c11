// The certification specs' harness: a real emulator on a loopback port with a virtual clock (delay
// faults resolve at once in real time; the scripted client accounts for them on the clock), a
// session started through the JSON API, and a scripted cashier with the given quirks.
import type { FastifyInstance } from 'fastify';
import { generateSigningKey } from '../../../src/emulator/auth/token-service.js';
import { buildEmulator } from '../../../src/emulator/build-emulator.js';
import type { VirtualClock } from '../../../src/emulator/clock.js';
import { demoIntegrator } from '../../../src/emulator/seed.js';
import type { SectionId, SessionView, StepView } from '../../../src/shared/certification.js';
import { ScriptedCashier } from './scripted-cashier.js';
import { ScriptedClient, type ClientQuirks } from './scripted-client.js';

const signingKey = generateSigningKey();
export const demoClient = demoIntegrator.clients[0]!;

export const identification = {
  clientSystemName: 'Scripted PoS',
  clientId: demoClient.clientId,
  clientSystemVersion: '1.4.2',
  merchantVat: 'DK90000028',
  callbackAlias: null,
  callbackUrl: null,
} as const;

export interface CertificationHarness {
  readonly app: FastifyInstance;
  readonly clock: VirtualClock;
  readonly baseUrl: string;
  close(): Promise<void>;
}

export async function startEmulator(
  options: { readonly fetch?: typeof fetch } = {},
): Promise<CertificationHarness> {
  const app = buildEmulator({
    clock: 'virtual',
    sweepIntervalMs: 0,
    signingKey,
    sleep: async () => undefined,
    ...(options.fetch ? { notifications: { fetch: options.fetch } } : {}),
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('not listening on TCP');
  return {
    app,
    clock: app.emulator.clock as VirtualClock,
    baseUrl: `http://127.0.0.1:${address.port}`,
    close: () => app.close(),
  };
}

/** Starts a session through the JSON API for the scripted client's identification. */
export async function startSession(
  h: CertificationHarness,
  sections: readonly SectionId[],
  merchantVat: string = identification.merchantVat,
): Promise<SessionView> {
  const response = await h.app.inject({
    method: 'POST',
    url: '/certification/api/sessions',
    payload: { identification: { ...identification, merchantVat }, sections },
  });
  if (response.statusCode !== 201) throw new Error(`session not started: ${response.body}`);
  return response.json() as SessionView;
}

/** Runs a whole session with the scripted cashier; returns the session as it ended. */
export async function certify(
  h: CertificationHarness,
  sections: readonly SectionId[],
  quirks: ClientQuirks = {},
  merchantVat: string = identification.merchantVat,
): Promise<SessionView> {
  const session = await startSession(h, sections, merchantVat);
  const client = new ScriptedClient(
    h.app,
    `${h.baseUrl}/pos-self-certification-api`,
    h.clock,
    {
      clientId: identification.clientId,
      clientSecret: demoClient.clientSecret,
      merchantVat,
      systemName: identification.clientSystemName,
      systemVersion: identification.clientSystemVersion,
    },
    quirks,
  );
  return new ScriptedCashier(h.app, client, session.id).certify();
}

/** Every step of a session, flattened. */
export function stepsOf(session: SessionView): readonly StepView[] {
  return session.cases.flatMap((c) => c.steps);
}

/** The failed steps as `id: reason`, for exact assertions. */
export function failures(session: SessionView): Record<string, string> {
  return Object.fromEntries(
    stepsOf(session)
      .filter((s) => s.status === 'failed')
      .map((s) => [s.id, s.reason ?? '']),
  );
}
