// Self-certification end to end in real headless Chromium:
// 1. the emulator's certification site (`pos-sim emulator`, /certification/): identification,
//    selection and the cases of a session started in the page; then `pos-sim certify` certifies our
//    terminal unattended against the same emulator and the page, reopened on that session through
//    "Continue a session", shows its steps turn passed live, the approval, the certificate download,
//    and "Verify" of the certificate certify wrote; the first tab says its session ended;
// 2. the checkout app's Certification tab (`pos-sim web`): a session on the embedded service,
//    Onboarding only, carried out with the normal PoS setup screen until every step passed; then Stop.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoIntegrator } from '../../src/emulator/seed.js';
import {
  launchChromium,
  screenshot,
  startCli,
  startEmulator,
  startWebMode,
  type EmulatorProcess,
  type WebMode,
} from './support.js';

// Generous: CI machines are shared and slow; a step that works takes well under a second (a create
// or a delete with a held-back answer about 2.5 s).
const TIMEOUT = 30_000;
const DEMO_CLIENT_ID = demoIntegrator.clients[0]!.clientId;
const VERSION = '1.0.0';
const MERCHANT_VAT = 'DK90000028';
const FIND_STORE = 'Look up the store by merchantBrandId MPPOSCERT1 and merchantLocationId 00001.';
/** Onboarding's three cases and the conduct case: 4 + 3 + 1 steps, and the 5 conduct rules. */
const ONBOARDING_STEPS = 13;

let browser: Browser;
let context: BrowserContext;
let emulator: EmulatorProcess;
let web: WebMode;
let outDir: string;
/** Console errors, uncaught exceptions and CSP violations of every page, with the page's name. */
const problems: string[] = [];

const byId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

/** A page whose console errors, page errors and CSP violations end up in `problems`. */
async function watchedPage(name: string): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') problems.push(`${name}: console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`${name}: page error: ${error.message}`));
  // Reported on the console too, but caught here as well in case a build quiets the console.
  await page.exposeFunction('__reportCspViolation', (text: string) =>
    problems.push(`${name}: CSP violation: ${text}`),
  );
  // Browser code as text: this spec is compiled without the DOM's types.
  await page.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (event) =>
      window.__reportCspViolation(event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline')));`,
  });
  return page;
}

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'pos-sim-e2e-certify-'));
  [emulator, web, browser] = await Promise.all([
    startEmulator(['--poll-delay', '100']),
    startWebMode({ pollDelayMs: 200 }),
    launchChromium(),
  ]);
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
}, 60_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await Promise.all([emulator?.stop(), web?.stop()]);
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

/**
 * A whole-page screenshot of the certification site with the viewport as tall as the page, so its
 * sticky action bar sits under the cases instead of over them.
 */
async function siteScreenshot(page: Page, name: string): Promise<void> {
  const viewport = page.viewportSize()!;
  const height = Number(await page.evaluate('document.documentElement.scrollHeight'));
  await page.setViewportSize({ width: viewport.width, height });
  await screenshot(page, name);
  await page.setViewportSize(viewport);
}

describe('the certification site of the emulator in Chromium', { timeout: 120_000 }, () => {
  /** The page the tester started a session in. */
  let site: Page;

  it('identifies the client, selects Onboarding only and shows its cases, the first step in progress', async () => {
    expect(emulator.clientId).toBe(DEMO_CLIENT_ID);
    site = await watchedPage('certification site');
    await site.goto(`${emulator.url}/certification/`);
    await site.locator('#view-identification').waitFor({ timeout: TIMEOUT });
    await site.locator('#clientSystemName').fill('E2E Till');
    await site.locator('#clientId').fill(DEMO_CLIENT_ID);
    await site.locator('#clientSystemVersion').fill(VERSION);
    await site.locator('#merchantVat').selectOption(MERCHANT_VAT);
    await siteScreenshot(site, 'certification-site-identification');
    await site.locator('#identification-form button[type="submit"]').click();

    await site.locator('#view-selection').waitFor({ timeout: TIMEOUT });
    const onboarding = site.locator('#section-options input[value="onboarding"]');
    await onboarding.waitFor({ timeout: TIMEOUT });
    expect(await onboarding.isChecked()).toBe(true);
    expect(await onboarding.isDisabled()).toBe(true);
    // Nothing else is selected unless asked: Onboarding only.
    expect(await site.locator('#section-options input:checked').count()).toBe(1);
    await site.locator('#selection-form button[type="submit"]').click();

    await site.locator('#view-certification').waitFor({ timeout: TIMEOUT });
    expect(site.url()).toMatch(/#session=[0-9a-f-]{36}$/);
    const current = site.locator('#current-step');
    await expect
      .poll(() => current.locator('h2').textContent(), { timeout: TIMEOUT })
      .toBe('Now: Onboard a PoS, Find the store');
    expect(await current.textContent()).toContain(FIND_STORE);
    expect(await site.locator('#client-config').textContent()).toContain(
      `${emulator.url}/pos-self-certification-api`,
    );
    expect(await site.locator('#cases .section-title').allTextContents()).toEqual(['Onboarding']);
    expect(await site.locator('#cases article.case h3').allTextContents()).toEqual([
      'Case 1: Onboard a PoS',
      'Case 2: Offboard a PoS',
      'Case 3: Onboard a PoS (final)',
      'Case 4: Client conduct',
    ]);
    const first = site.locator('#cases .steps > li').first();
    expect(await first.getAttribute('class')).toBe('in-progress current');
    expect(await first.getAttribute('aria-current')).toBe('step');
    expect(await first.locator('.badge').textContent()).toBe('In progress');
    expect(await first.textContent()).toContain('Find the store');
    expect(await site.locator('#proceed').isDisabled()).toBe(true);
    await siteScreenshot(site, 'certification-site-cases');
  });

  it('follows the session `pos-sim certify` starts: steps turn passed live, then the approval and the certificate', async () => {
    // certify starts its own session for the demo client id, which ends the page's: the tester
    // opens that one with "Continue a session" in another tab while the terminal is certified.
    const follower = await watchedPage('certification site, continued');
    const certify = startCli([
      'certify',
      '--api',
      emulator.url,
      '--sections',
      'onboarding',
      '--version',
      VERSION,
      '--out',
      outDir,
      '--timeout',
      '60',
    ]);
    try {
      const [, sessionId] = await certify.waitFor(/certification session ([0-9a-f-]{36}):/);
      await follower.goto(`${emulator.url}/certification/`);
      await follower.locator('#clientId').fill(DEMO_CLIENT_ID);
      // How many steps had passed at each render of the cases, from the first on: the live progress.
      await follower.evaluate(`(() => {
        window.__passedCounts = [];
        const cases = document.getElementById('cases');
        new MutationObserver(() => {
          if (cases.querySelector('.steps > li') === null) return;
          window.__passedCounts.push(cases.querySelectorAll('.steps > li.passed').length);
        }).observe(cases, { childList: true });
      })()`);
      await follower.locator('#find-sessions').click();
      // Newest first: certify's, then the page's, which certify's ended.
      const entries = follower.locator('#session-list li');
      await entries.nth(1).waitFor({ timeout: TIMEOUT });
      expect(await entries.nth(0).textContent()).toMatch(
        new RegExp(`^pos-sim CLI ${VERSION}, .*, in progress`),
      );
      expect(await entries.nth(1).textContent()).toMatch(
        new RegExp(`^E2E Till ${VERSION}, .*, ended unfinished \\(a newer session replaced it\\)`),
      );
      await entries.nth(0).getByRole('button').click();
      await follower.locator('#view-certification').waitFor({ timeout: TIMEOUT });
      expect(follower.url()).toContain(`#session=${sessionId!}`);

      // The page polls the session every second until every step has a verdict.
      await expect
        .poll(() => follower.locator('#current-step h2').textContent(), { timeout: TIMEOUT })
        .toBe('Certification completed');
      expect(await certify.exited()).toBe(0);
    } finally {
      await certify.stop();
    }
    expect(await follower.locator('#cases .steps > li .badge').allTextContents()).toEqual(
      Array<string>(ONBOARDING_STEPS).fill('Passed'),
    );
    const passedCounts = (await follower.evaluate('window.__passedCounts')) as number[];
    // First seen while the run was still going, last with every step passed, never going back.
    expect(passedCounts[0]).toBeLessThan(ONBOARDING_STEPS);
    expect(passedCounts.at(-1)).toBe(ONBOARDING_STEPS);
    expect(passedCounts).toEqual([...passedCounts].sort((a, b) => a - b));
    expect(new Set(passedCounts).size).toBeGreaterThanOrEqual(2);
    await siteScreenshot(follower, 'certification-site-passed');

    await follower.locator('#proceed').click();
    await follower.locator('#view-approval').waitFor({ timeout: TIMEOUT });
    expect(await follower.locator('#approval-result h2').textContent()).toBe('Certification completed.');
    const download = follower.locator('#approval-result a', { hasText: 'Download certificate' });
    const [file] = await Promise.all([
      follower.waitForEvent('download', { timeout: TIMEOUT }),
      download.click(),
    ]);
    expect(file.suggestedFilename()).toBe(`certificate-pos-sim_CLI-${VERSION}.json`);
    const downloaded = JSON.parse(readFileSync(await file.path(), 'utf8')) as {
      certificate: { sessionId: string; clientId: string; certifiedVersion: string; sections: string[] };
    };
    expect(downloaded.certificate).toMatchObject({
      clientId: DEMO_CLIENT_ID,
      certifiedVersion: '1.0',
      sections: ['onboarding'],
    });
    // The page fills the verifier with the session's certificate once it is loaded.
    await expect
      .poll(() => follower.locator('#verify-input').inputValue(), { timeout: TIMEOUT })
      .toContain(downloaded.certificate.sessionId);

    // The certificate certify wrote, pasted: valid, and it covers any build of 1.0.
    const written = readFileSync(join(outDir, 'certificate.json'), 'utf8');
    await follower.locator('#verify-input').fill(written);
    await follower.locator('#verify-version').fill('1.0.7');
    await follower.locator('#verify-form button[type="submit"]').click();
    const verdicts = follower.locator('#verify-result .verdict');
    await expect
      .poll(() => verdicts.allTextContents(), { timeout: TIMEOUT })
      .toEqual(['Valid: signed by this service.', 'It covers version 1.0.7.']);
    expect(await follower.locator('#verify-result').textContent()).toContain(DEMO_CLIENT_ID);
    await siteScreenshot(follower, 'certification-site-approval');

    // One character changed in the signed body: refused.
    await follower.locator('#verify-input').fill(written.replace('"1.0"', '"1.1"'));
    await follower.locator('#verify-version').fill('');
    await follower.locator('#verify-form button[type="submit"]').click();
    await expect.poll(() => verdicts.first().textContent(), { timeout: TIMEOUT }).toMatch(/^Not valid: /);

    // The first tab says its session ended, and no longer offers its first step as the next move.
    await expect
      .poll(() => site.locator('#current-step h2').textContent(), { timeout: TIMEOUT })
      .toBe('Session ended');
    expect(await site.locator('#current-step').textContent()).toContain(`client id ${DEMO_CLIENT_ID}`);
    await siteScreenshot(site, 'certification-site-ended');
    expect(problems).toEqual([]);
  });
});

describe('the checkout app’s Certification tab in Chromium (web mode)', { timeout: 120_000 }, () => {
  let checkout: Page;

  async function tab(id: string): Promise<void> {
    await byId(checkout, `tab-${id}`).click();
    await byId(checkout, `tabpanel-${id}`).waitFor({ timeout: TIMEOUT });
  }

  const step = (id: string) => checkout.locator(`[data-testid="cert-step"][data-step-id="${id}"]`);

  async function stepPassed(id: string): Promise<void> {
    await checkout
      .locator(`[data-testid="cert-step"][data-step-id="${id}"][data-status="passed"]`)
      .waitFor({ timeout: TIMEOUT });
  }

  /** The instruction of the step the service waits for, once it is `id`. */
  async function currentInstruction(id: string): Promise<string> {
    await checkout
      .locator(`[data-testid="cert-current-step"][data-step-id="${id}"]`)
      .waitFor({ timeout: TIMEOUT });
    return (await byId(checkout, 'cert-current-instruction').textContent()) ?? '';
  }

  /** The PoS tab's wizard, the store found by brand and location (the certification store). */
  async function findCertificationStore(): Promise<void> {
    await byId(checkout, 'onboard-find-by-location').check();
    await byId(checkout, 'onboard-brand-id').fill('MPPOSCERT1');
    await byId(checkout, 'onboard-location-id').fill('00001');
    await byId(checkout, 'onboard-find-stores').click();
    await byId(checkout, 'onboard-store-option').first().check({ timeout: TIMEOUT });
  }

  /**
   * Names the PoS as the step says (QR only) and onboards it; the tab then shows the PoS. The wizard
   * keeps the stores found, not the one picked, when the tab is left: it is picked again.
   */
  async function onboardAsInstructed(instruction: string): Promise<void> {
    const [, posName, merchantPosId] = /Create the PoS "([^"]+)" with merchantPosId (\S+) /.exec(
      instruction,
    )!;
    await byId(checkout, 'onboard-store-option').first().check({ timeout: TIMEOUT });
    await byId(checkout, 'onboard-pos-name').fill(posName!);
    await byId(checkout, 'onboard-merchant-pos-id').fill(merchantPosId!);
    await byId(checkout, 'onboard-beacon-type-QR').check();
    await byId(checkout, 'onboard-beacon-type-NFC').uncheck();
    await byId(checkout, 'onboard-beacon-type-Bluetooth').uncheck();
    await byId(checkout, 'onboard-submit').click();
    await byId(checkout, 'pos-current').waitFor({ timeout: TIMEOUT });
    expect(await checkout.locator('[data-testid="pos-current"] h2').textContent()).toBe(
      `This till: ${posName!}`,
    );
  }

  it('starts a session for Onboarding only and shows the first step and its instruction', async () => {
    checkout = await watchedPage('checkout');
    await checkout.goto(web.url);
    await tab('pos');
    await byId(checkout, 'pos-current').waitFor({ timeout: TIMEOUT });
    const ownPos = await byId(checkout, 'pos-id').textContent();

    await tab('certification');
    await byId(checkout, 'cert-start-form').waitFor({ timeout: TIMEOUT });
    expect(await byId(checkout, 'cert-service-embedded').isChecked()).toBe(true);
    expect(await byId(checkout, 'cert-section-onboarding').isChecked()).toBe(true);
    expect(await byId(checkout, 'cert-section-onboarding').isDisabled()).toBe(true);
    for (const section of [
      'payments',
      'prepared-payments',
      'payments-with-restrictions',
      'prepared-payments-with-restrictions',
      'refunds',
      'loyalty',
    ])
      await byId(checkout, `cert-section-${section}`).uncheck();
    expect(await byId(checkout, 'certification-chip').count()).toBe(0);
    await byId(checkout, 'cert-start').click();

    await checkout
      .locator('[data-testid="certification-chip"][data-phase="certification"]')
      .waitFor({ timeout: TIMEOUT });
    expect(await currentInstruction('onboarding-1.1')).toBe(FIND_STORE);
    expect(
      await checkout
        .locator('[data-testid="cert-case-section"]')
        .evaluateAll((sections) => sections.map((section) => section.getAttribute('data-section'))),
    ).toEqual(['onboarding']);
    expect(await step('onboarding-1.1').getAttribute('data-status')).toBe('in-progress');
    expect(await step('onboarding-1.1').getAttribute('aria-current')).toBe('step');
    expect(await byId(checkout, 'cert-identification').textContent()).toContain(MERCHANT_VAT);
    await screenshot(checkout, 'certification-tab-started');

    // The till now calls the certification API with a journal of its own: no PoS there yet, so the
    // PoS tab shows the wizard at once.
    await tab('pos');
    await byId(checkout, 'onboard-find-stores').waitFor({ timeout: TIMEOUT });
    expect(await byId(checkout, 'pos-current').count()).toBe(0);
    expect(ownPos).toMatch(/[0-9a-f-]{36}/);
  });

  it('judges the store lookup done with the PoS setup screen as passed', async () => {
    await findCertificationStore();
    await tab('certification');
    await stepPassed('onboarding-1.1');
    expect(await byId(checkout, 'cert-step-reason').first().textContent()).toContain('found');
    await checkout
      .locator('[data-testid="cert-last-verdict"][data-step-id="onboarding-1.1"][data-status="passed"]')
      .waitFor({ timeout: TIMEOUT });
    expect(await currentInstruction('onboarding-1.2')).toMatch(/^Create the PoS "Certification PoS 1"/);
    await screenshot(checkout, 'certification-tab-store-found');
  });

  it('passes every onboarding step with the wizard and the offboard button, then stops', async () => {
    // Case 1: the create's first answer is held back past the till's timeout, its retry gets a 500.
    const create = await currentInstruction('onboarding-1.2');
    await tab('pos');
    await onboardAsInstructed(create);
    await tab('certification');
    for (const id of ['onboarding-1.2', 'onboarding-1.3', 'onboarding-1.4']) await stepPassed(id);

    // Case 2: the same for the delete.
    await currentInstruction('onboarding-2.1');
    await tab('pos');
    await byId(checkout, 'pos-offboard').click();
    await byId(checkout, 'pos-offboard-confirm').click();
    await byId(checkout, 'onboard-find-stores').waitFor({ timeout: TIMEOUT });
    await tab('certification');
    for (const id of ['onboarding-2.1', 'onboarding-2.2', 'onboarding-2.3']) await stepPassed(id);

    // Case 3: the PoS the rest of a certification would use.
    const final = await currentInstruction('onboarding-3.1');
    expect(final).toMatch(/^Create the PoS "Certification PoS 2"/);
    await tab('pos');
    await findCertificationStore();
    await onboardAsInstructed(final);
    await tab('certification');
    await checkout.locator('[data-testid="cert-result"][data-passed="true"]').waitFor({ timeout: TIMEOUT });
    const statuses = await checkout
      .locator('[data-testid="cert-step"]')
      .evaluateAll((steps) => steps.map((s) => s.getAttribute('data-status')));
    expect(statuses).toEqual(Array<string>(ONBOARDING_STEPS).fill('passed'));
    await checkout
      .locator('[data-testid="certification-chip"][data-phase="completed"][data-passed="true"]')
      .waitFor({ timeout: TIMEOUT });
    expect(await byId(checkout, 'cert-certificate-link').getAttribute('href')).toMatch(
      /\/certification\/api\/sessions\/[0-9a-f-]{36}\/certificate$/,
    );
    await screenshot(checkout, 'certification-tab-passed');

    await byId(checkout, 'cert-stop').click();
    await checkout
      .locator('[data-testid="certification-screen"][data-connected="false"]')
      .waitFor({ timeout: TIMEOUT });
    await byId(checkout, 'cert-start-form').waitFor({ timeout: TIMEOUT });
    await byId(checkout, 'certification-chip').waitFor({ state: 'detached', timeout: TIMEOUT });
    // Back on its own backend: the till's own PoS again.
    await tab('pos');
    await byId(checkout, 'pos-current').waitFor({ timeout: TIMEOUT });
    expect(await checkout.locator('[data-testid="pos-current"] h2').textContent()).not.toContain(
      'Certification PoS',
    );
    expect(problems).toEqual([]);
  });
});
