// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { CertificationScreen } from '../../../src/renderer/checkout/certification-screen.js';
import { useAppStore } from '../../../src/renderer/stores/app-store.js';
import type { FakeBridge } from '../fake-bridge.js';
import {
  connectedCertification,
  makeAppInfo,
  makeCertification,
  makeSession,
  makeSettings,
  passedSession,
  patchSteps,
  T0,
} from '../fixtures.js';
import { emit, given, installFakeBridge } from '../harness.js';

function setup(configure: (fake: FakeBridge) => void = () => undefined) {
  const fake = installFakeBridge();
  configure(fake);
  const user = userEvent.setup();
  render(<CertificationScreen />);
  return { fake, user };
}

/** The screen linked to the session of makeSession() at the embedded service. */
function setupConnected(view = connectedCertification()) {
  return setup((fake) => fake.answer('certificationGet', view));
}

const checkbox = (id: string) => screen.getByTestId<HTMLInputElement>(`cert-section-${id}`);
const step = (id: string) =>
  screen.getAllByTestId('cert-step').find((element) => element.dataset.stepId === id) as HTMLElement;

describe('certification screen', () => {
  describe('before a session', () => {
    it('offers every section, onboarding for good and loyalty only when asked', async () => {
      setup();
      await screen.findByTestId('cert-start-form');
      expect(checkbox('onboarding').checked).toBe(true);
      expect(checkbox('onboarding').disabled).toBe(true);
      expect(checkbox('loyalty').checked).toBe(false);
      for (const id of ['payments', 'prepared-payments', 'refunds'])
        expect(checkbox(id).checked, id).toBe(true);
      expect(screen.getByTestId('cert-explanation').textContent).toContain(
        'the till’s PoS v10 calls go to the certification API',
      );
    });

    it('says which client it certifies', async () => {
      setup();
      given(() => useAppStore.setState({ settings: makeSettings({ clientSystemVersion: '2.1.7' }) }));
      const identity = await screen.findByTestId('cert-identity');
      expect(identity.textContent).toContain('pos-sim');
      expect(identity.textContent).toContain('2.1.7');
      expect(identity.textContent).toContain('demo-client');
      expect(identity.textContent).toContain('DK90000028');
    });

    it('starts on the embedded service with the chosen sections and onboarding always', async () => {
      const { fake, user } = setup();
      await user.click(await screen.findByTestId('cert-section-payments-with-restrictions'));
      await user.click(checkbox('loyalty'));
      await user.click(screen.getByTestId('cert-start'));
      expect(fake.calls('certificationStart')).toEqual([
        {
          serviceUrl: null,
          sections: [
            'onboarding',
            'payments',
            'prepared-payments',
            'prepared-payments-with-restrictions',
            'refunds',
            'loyalty',
          ],
        },
      ]);
      expect(await screen.findByTestId('cert-session')).toBeTruthy();
    });

    it('starts on another service at the URL typed', async () => {
      const { fake, user } = setup();
      await user.click(await screen.findByTestId('cert-service-remote'));
      for (const id of [
        'payments',
        'prepared-payments',
        'payments-with-restrictions',
        'prepared-payments-with-restrictions',
      ])
        await user.click(checkbox(id));
      await user.type(screen.getByTestId('cert-service-url'), ' http://192.168.1.20:8080 ');
      await user.click(screen.getByTestId('cert-start'));
      expect(fake.calls('certificationStart')).toEqual([
        { serviceUrl: 'http://192.168.1.20:8080', sections: ['onboarding', 'refunds'] },
      ]);
    });

    it('refuses a service URL that is not http or https without calling the host', async () => {
      const { fake, user } = setup();
      await user.click(await screen.findByTestId('cert-service-remote'));
      await user.type(screen.getByTestId('cert-service-url'), 'cert.example.com');
      await user.click(screen.getByTestId('cert-start'));
      expect(screen.getByTestId('cert-form-problem').textContent).toMatch(/http:\/\/ or https:\/\//);
      expect(fake.calls('certificationStart')).toHaveLength(0);
    });

    it('asks for a URL at once when the till runs on an external backend', async () => {
      useAppStore.setState({
        info: makeAppInfo({ backend: { kind: 'external', apiBaseUrl: 'https://api.example.com' } }),
      });
      setup();
      await screen.findByTestId('cert-start-form');
      expect(screen.getByTestId<HTMLInputElement>('cert-service-remote').checked).toBe(true);
      expect(screen.getByTestId('cert-service-url')).toBeTruthy();
    });

    it('says why the service refused, in the failure wording', async () => {
      const { user } = setup((fake) =>
        fake.refuse('certificationStart', {
          code: 'backend-unreachable',
          apiCode: null,
          message: 'The certification service at http://10.0.0.9:8080 cannot be reached: ECONNREFUSED',
        }),
      );
      await user.click(await screen.findByTestId('cert-start'));
      const failure = await screen.findByTestId('error-message');
      expect(failure.dataset.code).toBe('backend-unreachable');
      expect(failure.textContent).toContain('cannot be reached');
      expect(screen.getByTestId('cert-start-form')).toBeTruthy();
    });
  });

  describe('during a session', () => {
    it('shows who is certified and the progress', async () => {
      setupConnected();
      const identification = await screen.findByTestId('cert-identification');
      for (const text of ['pos-sim', 'demo-client', '1.4.2', 'DK90000028', 'Onboarding, Payments'])
        expect(identification.textContent, text).toContain(text);
      expect(identification.textContent).toContain('http://127.0.0.1:8080/pos-self-certification-api');
      expect(screen.getByTestId('cert-progress').textContent).toBe(
        '0 of 5 steps judged · 0 passed · 0 failed',
      );
    });

    it('shows the current step: what to do on the till, what the service does, what is judged', async () => {
      setupConnected();
      const current = await screen.findByTestId('cert-current-step');
      expect(current.dataset.stepId).toBe('onboarding-1.1');
      expect(screen.getByRole('heading', { name: 'Create a PoS (timeout)' })).toBeTruthy();
      expect(screen.getByTestId('cert-current-case').textContent).toBe('Onboarding · Case 1: Onboard a PoS');
      expect(screen.getByTestId('cert-current-instruction').textContent).toBe(
        'Onboard a PoS named "Certification PoS" on the certification store.',
      );
      expect(screen.getByTestId('cert-current-service').textContent).toBe(
        'Lets the first POST /pointofsales time out.',
      );
      expect(screen.getByTestId('cert-current-judges').textContent).toContain('same idempotency key');
      expect(screen.getByTestId('cert-current-judges').textContent).toContain(
        'api-principles.md, Idempotency',
      );
    });

    it('lists the cases section by section with each step’s status', async () => {
      setupConnected();
      const sections = await screen.findAllByTestId('cert-case-section');
      expect(sections.map((section) => section.dataset.section)).toEqual(['onboarding', 'payments']);
      const cases = screen.getAllByTestId('cert-case');
      expect(cases.map((item) => [item.dataset.caseId, item.dataset.status])).toEqual([
        ['onboarding-1', 'in-progress'],
        ['onboarding-2', 'not-tested'],
        ['payments-1', 'not-tested'],
      ]);
      expect(within(cases[1]!).getByRole('heading').textContent).toBe('Case 2: Offboard a PoS');
      expect(step('onboarding-1.1').dataset.status).toBe('in-progress');
      expect(step('onboarding-1.1').getAttribute('aria-current')).toBe('step');
      expect(step('onboarding-1.2').textContent).toContain('Not tested');
    });

    it('follows the judge live: statuses move, a failed step shows its reason', async () => {
      const { fake } = setupConnected();
      await screen.findByTestId('cert-current-step');
      const judged = patchSteps(
        makeSession(),
        {
          'onboarding-1.1': { status: 'passed', endedAt: T0 + 3000 },
          'onboarding-1.2': {
            status: 'failed',
            reason: 'The retry of POST /pointofsales carried a new idempotency key',
            endedAt: T0 + 6000,
          },
          'onboarding-1.3': { status: 'in-progress', startedAt: T0 + 6000 },
        },
        { current: { caseId: 'onboarding-1', stepId: 'onboarding-1.3' } },
      );
      emit(fake, {
        kind: 'certification',
        certification: connectedCertification({
          session: {
            ...judged,
            cases: judged.cases.map((c, i) => (i === 0 ? { ...c, status: 'failed' } : c)),
          },
        }),
      });
      expect(step('onboarding-1.1').dataset.status).toBe('passed');
      expect(step('onboarding-1.2').dataset.status).toBe('failed');
      expect(within(step('onboarding-1.2')).getByTestId('cert-step-reason').textContent).toBe(
        'The retry of POST /pointofsales carried a new idempotency key',
      );
      expect(screen.getAllByTestId('cert-case')[0]?.dataset.status).toBe('failed');
      expect(screen.getByTestId('cert-current-step').dataset.stepId).toBe('onboarding-1.3');
      expect(screen.getByTestId('cert-progress').textContent).toBe(
        '2 of 5 steps judged · 1 passed · 1 failed',
      );
      const verdict = screen.getByTestId('cert-last-verdict');
      expect(verdict.dataset.status).toBe('failed');
      expect(verdict.textContent).toContain('new idempotency key');
    });

    it('shows the problem the host had reaching the service', async () => {
      setupConnected(connectedCertification({ problem: 'The certification service cannot be reached' }));
      expect((await screen.findByTestId('cert-problem')).textContent).toBe(
        'The certification service cannot be reached',
      );
    });

    it('restarts the certification through the bridge', async () => {
      const { fake, user } = setupConnected();
      fake.answer('certificationRestart', connectedCertification({ session: makeSession({ id: 'cert-2' }) }));
      await user.click(await screen.findByTestId('cert-restart'));
      expect(fake.calls('certificationRestart')).toHaveLength(1);
      expect(screen.getByTestId('cert-identification').textContent).toContain('cert-2');
      expect(screen.getByTestId('cert-current-step').dataset.stepId).toBe('onboarding-1.1');
    });

    it('stops: the till goes back to its own settings and the start form returns', async () => {
      const { fake, user } = setupConnected();
      await user.click(await screen.findByTestId('cert-stop'));
      expect(fake.calls('certificationStop')).toHaveLength(1);
      expect(await screen.findByTestId('cert-start-form')).toBeTruthy();
      expect(screen.getByTestId('certification-screen').dataset.connected).toBe('false');
    });

    it('says why a stop failed and stays on the session', async () => {
      const { fake, user } = setupConnected();
      await screen.findByTestId('cert-stop');
      fake.refuse('certificationStop', {
        code: 'busy',
        apiCode: null,
        message: 'The till is restarting: try again in a moment.',
      });
      await user.click(screen.getByTestId('cert-stop'));
      expect((await screen.findByTestId('error-message')).dataset.code).toBe('busy');
      expect(screen.getByTestId('cert-session')).toBeTruthy();
    });
  });

  describe('a completed session', () => {
    it('says it passed and links the report and the certificate in a new tab', async () => {
      setupConnected(connectedCertification({ session: passedSession() }));
      const result = await screen.findByTestId('cert-result');
      expect(result.dataset.passed).toBe('true');
      expect(result.textContent).toContain('Certification passed');
      expect(screen.queryByTestId('cert-current-step')).toBeNull();
      const report = screen.getByTestId<HTMLAnchorElement>('cert-report-link');
      const certificate = screen.getByTestId<HTMLAnchorElement>('cert-certificate-link');
      expect(report.href).toBe('http://127.0.0.1:8080/certification/api/sessions/cert-1/report');
      expect(certificate.href).toBe('http://127.0.0.1:8080/certification/api/sessions/cert-1/certificate');
      for (const link of [report, certificate]) {
        expect(link.target).toBe('_blank');
        expect(link.rel).toBe('noreferrer');
      }
      expect(result.textContent).toContain('covers version 1.4');
    });

    it('says it failed, links the report, and explains there is no certificate', async () => {
      const failed = patchSteps(
        passedSession(),
        { 'payments-1.1': { status: 'failed', reason: 'Check-in was polled every 200 ms' } },
        { passed: false },
      );
      setupConnected(connectedCertification({ serviceUrl: 'http://192.168.1.20:8080', session: failed }));
      const result = await screen.findByTestId('cert-result');
      expect(result.dataset.passed).toBe('false');
      expect(result.textContent).toContain('Certification failed: 1 step failed.');
      expect(screen.getByTestId<HTMLAnchorElement>('cert-report-link').href).toBe(
        'http://192.168.1.20:8080/certification/api/sessions/cert-1/report',
      );
      expect(screen.queryByTestId('cert-certificate-link')).toBeNull();
      expect(screen.getByTestId('cert-no-certificate')).toBeTruthy();
      expect(within(step('payments-1.1')).getByTestId('cert-step-reason').textContent).toBe(
        'Check-in was polled every 200 ms',
      );
    });
  });

  it('loads once and waits for the host before showing anything', async () => {
    const { fake } = setup((fake) => fake.hold('certificationGet'));
    expect(screen.getByText('Loading the certification…')).toBeTruthy();
    fake.held('certificationGet')[0]?.resolve(makeCertification());
    expect(await screen.findByTestId('cert-start-form')).toBeTruthy();
    expect(fake.calls('certificationGet')).toHaveLength(1);
  });
});
