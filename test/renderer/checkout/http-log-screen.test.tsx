// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { HttpLogScreen } from '../../../src/renderer/checkout/http-log-screen.js';
import { toCurl } from '../../../src/renderer/lib/curl.js';
import { makeExchange } from '../fixtures.js';
import { emit, installFakeBridge } from '../harness.js';

const timeout = makeExchange({
  seq: 2,
  method: 'GET',
  url: 'http://127.0.0.1:8080/pos/v10/payments/p1',
  requestBody: undefined,
  status: undefined,
  responseBody: undefined,
  attempt: 3,
  durationMs: 500,
  error: { kind: 'timeout', message: 'no answer within 500 ms' },
});

function setup() {
  const fake = installFakeBridge();
  fake.answer('logList', [makeExchange(), timeout]);
  const user = userEvent.setup();
  render(<HttpLogScreen />);
  return { fake, user };
}

describe('HTTP log screen', () => {
  it('lists every exchange newest first with method, URL, status, duration and attempt', async () => {
    setup();
    const entries = await screen.findAllByTestId('log-entry');
    expect(entries.map((entry) => entry.dataset.seq)).toEqual(['2', '1']);
    expect(entries[0]?.textContent).toContain('GET');
    expect(entries[0]?.textContent).toContain('timeout');
    expect(entries[0]?.textContent).toContain('500 ms');
    expect(entries[0]?.textContent).toContain('try 3');
    expect(entries[1]?.textContent).toContain('200');
  });

  it('expands an exchange to its headers and bodies', async () => {
    const { user } = setup();
    const entries = await screen.findAllByTestId('log-entry');
    const toggle = within(entries[1] as HTMLElement).getByTestId('log-entry-toggle');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await user.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const details = screen.getByTestId('log-entry-details');
    expect(details.textContent).toContain('authorization: Bearer [redacted]');
    expect(details.textContent).toContain('"currencyCode": "DKK"');
    expect(details.textContent).toContain('"paymentId": "f3a1c2d4"');
  });

  it('copies the exchange as a curl command', async () => {
    const { user } = setup();
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const entries = await screen.findAllByTestId('log-entry');
    await user.click(within(entries[1] as HTMLElement).getByTestId('log-entry-toggle'));
    await user.click(screen.getByTestId('log-copy-curl'));
    expect(writeText).toHaveBeenCalledWith(toCurl(makeExchange()));
    expect((await screen.findByTestId('log-copied')).textContent).toBe('Copied.');
  });

  it('appends exchanges pushed by the host', async () => {
    const { fake } = setup();
    await screen.findAllByTestId('log-entry');
    emit(fake, { kind: 'exchange', exchange: makeExchange({ seq: 3, method: 'DELETE' }) });
    expect(screen.getAllByTestId('log-entry')[0]?.dataset.seq).toBe('3');
  });

  it('clears the log', async () => {
    const { fake, user } = setup();
    await screen.findAllByTestId('log-entry');
    await user.click(screen.getByTestId('log-clear'));
    expect(fake.calls('logClear')).toHaveLength(1);
    expect(await screen.findByTestId('log-empty')).toBeTruthy();
  });
});
