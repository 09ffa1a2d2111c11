// The certification screen's host side: a tester certifies this till's onboarding with the normal
// PoS setup calls while the till is pointed at the embedded certification service, the judge's
// verdicts arrive as events, and stopping puts the till back on its own merchant and PoS.
import { describe, expect, it } from 'vitest';
import type { CertificationView, ClientAction, SessionView } from '../../src/shared/bridge/index.js';
import { startTestHost, type TestHost } from './support.js';

/** The action the service waits for, once the current step asks for one. */
async function currentAction<K extends ClientAction['do']>(
  till: TestHost,
  kind: K,
): Promise<Extract<ClientAction, { do: K }>> {
  for (let tries = 0; tries < 200; tries++) {
    const view = await till.call('certificationGet');
    const session = view.session!;
    const step = session.cases.flatMap((c) => c.steps).find((s) => s.id === session.current?.stepId);
    if (step?.action?.do === kind) return step.action as Extract<ClientAction, { do: K }>;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the service never asked for ${kind}`);
}

/** The session once every step has a verdict (bounded). */
async function completed(till: TestHost): Promise<SessionView> {
  for (let tries = 0; tries < 400; tries++) {
    const { session } = await till.call('certificationGet');
    if (session?.phase === 'completed') return session;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the certification did not complete');
}

function failures(session: SessionView): string[] {
  return session.cases.flatMap((c) =>
    c.steps.filter((s) => s.status === 'failed').map((s) => `${s.id} ${s.title}: ${s.reason}`),
  );
}

describe('certifying the till from its certification screen', { timeout: 60_000 }, () => {
  it('passes onboarding performed with the normal PoS setup, then returns to the till own PoS', async () => {
    const till = await startTestHost();
    const demoPos = await till.call('posGet');
    expect(demoPos?.posName).toBe('Checkout 1');

    const started: CertificationView = await till.call('certificationStart', {
      serviceUrl: null,
      sections: ['onboarding'],
    });
    expect(started.connected).toBe(true);
    expect(started.apiBaseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/pos-self-certification-api$/);
    expect(started.session?.identification).toMatchObject({
      clientSystemVersion: '1.2.3',
      merchantVat: 'DK90000028',
    });
    // A fresh journal on the certification merchant: no PoS until the tester creates one.
    expect(await till.call('posGet')).toBeNull();

    const find = await currentAction(till, 'find-store');
    const [store] = await till.call('posFindStores', {
      by: 'location',
      merchantBrandId: find.merchantBrandId,
      merchantLocationId: find.merchantLocationId,
    });
    const onboard = async (): Promise<void> => {
      const asked = await currentAction(till, 'onboard');
      await till.call('posOnboard', {
        storeId: store!.storeId,
        posName: asked.posName,
        merchantPosId: asked.merchantPosId,
        beaconId: asked.beaconId,
        supportedBeaconTypes: [...asked.supportedBeaconTypes],
        callbackAlias: null,
        requirePaymentBeforeCheckin: false,
      });
    };
    // The engine rides out the held-back answer (its 2 s timeout) and the 500 with the same key.
    await onboard();
    await currentAction(till, 'offboard');
    await till.call('posOffboard');
    await onboard();

    const session = await completed(till);
    expect(failures(session)).toEqual([]);
    expect(session.passed).toBe(true);
    await till.waitFor(
      (event) => event.kind === 'certification' && event.certification.session?.phase === 'completed',
    );

    const stopped = await till.call('certificationStop');
    expect(stopped).toMatchObject({ connected: false, session: null });
    expect((await till.call('posGet'))?.posName).toBe('Checkout 1');
  });

  it('says so when a newer session for the same client id ended the one the till follows', async () => {
    const till = await startTestHost();
    const started = await till.call('certificationStart', { serviceUrl: null, sections: ['onboarding'] });
    const answer = await fetch(`${started.serviceUrl}/certification/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identification: started.session!.identification, sections: ['onboarding'] }),
    });
    expect(answer.status).toBe(201);
    const view = await till.call('certificationGet');
    expect(view.session?.active).toBe(false);
    expect(view.problem).toContain('ended by a newer one');
    const restarted = await till.call('certificationRestart');
    expect(restarted.session?.active).toBe(true);
    expect(restarted.problem).toBeNull();
  });

  it('says plainly when the service cannot be reached, and the till stays on its own settings', async () => {
    const till = await startTestHost();
    const failure = await till.fail('certificationStart', {
      serviceUrl: 'http://127.0.0.1:9',
      sections: ['onboarding'],
    });
    expect(failure.code).toBe('backend-unreachable');
    expect(failure.message).toContain('certification service at http://127.0.0.1:9 cannot be reached');
    expect((await till.call('certificationGet')).connected).toBe(false);
    expect((await till.call('posGet'))?.posName).toBe('Checkout 1');
  });
});
