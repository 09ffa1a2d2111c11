// The checkout app end to end: `pos-sim web` (the real host, engine and embedded emulator) in real
// headless Chromium. Three pages stand for the three windows: the checkout, the customer display
// and the phone simulator, which checks in by decoding the QR from the display's rendered image.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot, startWebMode, type WebMode } from './support.js';

// Generous: CI machines are shared and slow; a step that works takes well under a second.
const TIMEOUT = 30_000;
let web: WebMode;
let browser: Browser;
let context: BrowserContext;
let checkout: Page;
let customer: Page;
let phone: Page;

const byId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

async function tab(id: string): Promise<void> {
  await byId(checkout, `tab-${id}`).click();
  await byId(checkout, `tabpanel-${id}`).waitFor({ timeout: TIMEOUT });
}

async function expectStatus(status: string): Promise<void> {
  await checkout
    .locator(`[data-testid="payment-status"][data-status="${status}"]`)
    .first()
    .waitFor({ timeout: TIMEOUT });
}

/** The phone picks the test user, decodes the QR on the customer display's image and checks in. */
async function phoneChecksIn(phoneNumber: string): Promise<void> {
  await byId(phone, 'phone-user-picker').selectOption(phoneNumber);
  await byId(phone, 'phone-scan').click();
  await byId(phone, 'phone-checkin-confirmation').waitFor({ timeout: TIMEOUT });
}

/** Calls the host directly (as the web bridge does), to check what the screens claim. */
async function bridge<T>(name: string, args: object = {}): Promise<T> {
  const response = await fetch(`${web.url}/bridge/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  const result = (await response.json()) as { ok: boolean; value: T };
  expect(result.ok).toBe(true);
  return result.value;
}

beforeAll(async () => {
  web = await startWebMode({ pollDelayMs: 200 });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  checkout = await context.newPage();
  customer = await context.newPage();
  phone = await context.newPage();
  await checkout.goto(web.url);
  await customer.setViewportSize({ width: 1920, height: 1080 });
  await customer.goto(`${web.url}/customer`);
  await phone.setViewportSize({ width: 420, height: 860 });
  await phone.goto(`${web.url}/phone`);
}, 60_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await web?.stop();
});

describe('the checkout app in Chromium (web mode)', { timeout: 120_000 }, () => {
  it('onboards a new PoS with the wizard after offboarding the default one', async () => {
    await tab('pos');
    await byId(checkout, 'pos-offboard').click();
    await byId(checkout, 'pos-offboard-confirm').click();
    await byId(checkout, 'onboard-find-stores').waitFor({ timeout: TIMEOUT });
    await byId(checkout, 'onboard-find-stores').click();
    await byId(checkout, 'onboard-store-option').first().check();
    await byId(checkout, 'onboard-pos-name').fill('E2E till');
    await byId(checkout, 'onboard-merchant-pos-id').fill('e2e-till-1');
    await byId(checkout, 'onboard-submit').click();
    await byId(checkout, 'pos-current').waitFor({ timeout: TIMEOUT });
    await expect
      .poll(() => byId(checkout, 'pos-id').textContent(), { timeout: TIMEOUT })
      .toMatch(/[0-9a-f-]{36}/);
    const pos = await bridge<{ posName: string; merchantPosId: string; beaconId: string }>('posGet');
    expect(pos).toMatchObject({ posName: 'E2E till', merchantPosId: 'e2e-till-1' });
    await screenshot(checkout, 'pos-setup');
    // The customer display follows the new PoS: its QR carries the new beaconId.
    await expect
      .poll(() => bridge<{ qrPayload: string | null }>('displayGet').then((d) => d.qrPayload), {
        timeout: TIMEOUT,
      })
      .toBe(`mobilepaypos://pos?id=${pos.beaconId.toLowerCase()}&source=qr`);
  });

  it('sells a basket: the phone decodes the QR, checks in and accepts; the checkout captures', async () => {
    await tab('checkout');
    await byId(checkout, 'product-add-coffee').click();
    await byId(checkout, 'product-add-coffee').click();
    await byId(checkout, 'product-add-croissant').click();
    const total = await byId(checkout, 'basket-total').textContent();
    await screenshot(checkout, 'checkout-basket');
    await byId(checkout, 'mobilepay-button').click();
    await expectStatus('Initiated');

    await byId(customer, 'customer-qr').waitFor({ timeout: TIMEOUT });
    await phoneChecksIn('+4520031801');
    await screenshot(customer, 'customer-display');
    await byId(phone, 'phone-pending').waitFor({ timeout: TIMEOUT });
    await screenshot(phone, 'phone-simulator');
    await byId(phone, 'phone-accept').click();

    await expectStatus('Reserved');
    await screenshot(checkout, 'checkout-reserved');
    await byId(checkout, 'capture-full').click();
    await byId(checkout, 'receipt').waitFor({ timeout: TIMEOUT });
    await screenshot(checkout, 'checkout-receipt');
    expect(await byId(checkout, 'receipt-amount').textContent()).toBe(total);
    await customer
      .locator('[data-testid="customer-window"][data-phase="thanks"]')
      .waitFor({ timeout: TIMEOUT });
    await screenshot(customer, 'customer-display-thanks');
  });

  it('refunds part of the captured payment and captures the refund', async () => {
    const orderId = (await byId(checkout, 'receipt-order-id').textContent())!.trim();
    await tab('refunds');
    await byId(checkout, 'refund-order-search').fill(orderId);
    await byId(checkout, 'refund-find').click();
    await byId(checkout, 'refund-payment').waitFor({ timeout: TIMEOUT });
    await byId(checkout, 'refund-amount').fill('10');
    await byId(checkout, 'refund-create').click();
    const row = checkout.locator('[data-testid="refund-row"]').first();
    await checkout
      .locator('[data-testid="refund-row"][data-status="Reserved"]')
      .first()
      .waitFor({ timeout: TIMEOUT });
    await row.locator('[data-testid="refund-capture"]').click();
    await checkout
      .locator('[data-testid="refund-row"][data-status="Captured"]')
      .first()
      .waitFor({ timeout: TIMEOUT });
    await screenshot(checkout, 'refunds');
  });

  it('runs a prepared payment with a debit-card restriction sent on ready', async () => {
    await tab('checkout');
    await byId(checkout, 'new-sale').click();
    await tab('prepared');
    await byId(checkout, 'prepare-start').click();
    await phoneChecksIn('+4520031804');
    await expectStatus('Paired');
    await byId(checkout, 'prepared-loyalty-ids').waitFor({ timeout: TIMEOUT });
    await byId(checkout, 'ready-amount').fill('42.50');
    await byId(checkout, 'ready-debit-disallowed').check();
    await screenshot(checkout, 'prepared-payment');
    await byId(checkout, 'ready-submit').click();
    await byId(phone, 'phone-accept').click({ timeout: TIMEOUT });
    await expectStatus('Reserved');
    const current = await bridge<{ restrictions: unknown; amount: number }>('paymentCurrent');
    expect(current).toMatchObject({ amount: 42.5, restrictions: { debitCardDisallowed: true } });
    await byId(checkout, 'capture-full').click();
    await byId(checkout, 'receipt').waitFor({ timeout: TIMEOUT });
  });

  it('stops when the customer declines on the phone (CancelledByUser)', async () => {
    await byId(checkout, 'new-sale').click();
    await tab('checkout');
    await byId(checkout, 'sale-mode-amount').click();
    for (const key of ['1', '2', '5']) await byId(checkout, `keypad-${key}`).click();
    // This customer checks in before the cashier presses MobilePay (check-in before initiate).
    await phoneChecksIn('+4520031802');
    await byId(checkout, 'mobilepay-button').click();
    await byId(phone, 'phone-decline').click({ timeout: TIMEOUT });
    await expectStatus('CancelledByUser');
    await screenshot(checkout, 'checkout-cancelled-by-user');
  });

  it('advertises the beacon on the virtual radio where there is no Bluetooth; the phone checks in by Bluetooth and pays', async () => {
    await byId(checkout, 'new-sale').click();
    await tab('beacon');
    const pos = await bridge<{ beaconId: string }>('posGet');
    // The adapter's state is shown whatever this machine has; the virtual radio is always there.
    await byId(checkout, 'hardware-bluetooth').waitFor({ timeout: TIMEOUT });
    await checkout
      .locator('[data-testid="hardware-radio"][data-transport="virtual"]')
      .waitFor({ timeout: TIMEOUT });
    await checkout
      .locator('[data-testid="hardware-advertising"][data-kind="advertising"]')
      .waitFor({ timeout: TIMEOUT });
    expect(await byId(checkout, 'hardware-beacon').textContent()).toContain(pos.beaconId.toLowerCase());
    await expect
      .poll(() => byId(checkout, 'beacon-chip').textContent(), { timeout: TIMEOUT })
      .toMatch(/advertising/i);
    await screenshot(checkout, 'beacon-panel');

    await tab('checkout');
    await byId(checkout, 'sale-mode-amount').click();
    for (const key of ['3', '0']) await byId(checkout, `keypad-${key}`).click();
    await byId(checkout, 'mobilepay-button').click();
    await expectStatus('Initiated');
    await byId(phone, 'phone-user-picker').selectOption('+4520031801');
    await byId(phone, 'phone-ble-find').click();
    await byId(phone, 'phone-ble-found').waitFor({ timeout: TIMEOUT });
    expect(await byId(phone, 'phone-ble-found').textContent()).toContain(pos.beaconId.toLowerCase());
    await byId(phone, 'phone-ble-checkin').click();
    await byId(phone, 'phone-checkin-confirmation').waitFor({ timeout: TIMEOUT });
    await screenshot(phone, 'phone-bluetooth');
    await byId(phone, 'phone-accept').click({ timeout: TIMEOUT });
    await expectStatus('Reserved');
    await byId(checkout, 'capture-full').click();
    await byId(checkout, 'receipt').waitFor({ timeout: TIMEOUT });
  });

  it('shows the journal, the HTTP log and the settings', async () => {
    await tab('transactions');
    await byId(checkout, 'transaction-row').first().waitFor({ timeout: TIMEOUT });
    expect(await byId(checkout, 'transaction-row').count()).toBeGreaterThanOrEqual(3);
    await screenshot(checkout, 'transactions');

    await tab('log');
    await byId(checkout, 'log-entry').first().waitFor({ timeout: TIMEOUT });
    // Check-in polls keep arriving on top while the QR is shown: open the newest entry at once.
    await byId(checkout, 'log-entry-toggle').first().click({ force: true });
    const details = (await byId(checkout, 'log-entry-details').first().textContent()) ?? '';
    expect(details).toMatch(/authorization|x-ibm-client-id/i);
    expect(details).not.toContain('pos-sim-demo-secret');
    await screenshot(checkout, 'http-log', { fullPage: false });

    await tab('settings');
    await byId(checkout, 'settings-secret-stored').waitFor({ timeout: TIMEOUT });
    await screenshot(checkout, 'settings');
  });
});
