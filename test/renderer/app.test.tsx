// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App, windowTitles } from '../../src/renderer/app.js';
import { installFakeBridge } from './harness.js';

describe('renderer root', () => {
  it('renders the checkout window by default', async () => {
    installFakeBridge();
    render(<App name="checkout" />);
    expect(await screen.findByTestId('checkout-window')).toBeTruthy();
  });

  it('renders the customer display and the phone simulator when named', async () => {
    installFakeBridge();
    const { unmount } = render(<App name="customer" />);
    expect(await screen.findByTestId('customer-window')).toBeTruthy();
    unmount();
    render(<App name="phone" />);
    expect(await screen.findByTestId('phone-window')).toBeTruthy();
  });

  it('titles each window so the OS window list tells them apart', () => {
    expect(new Set(Object.values(windowTitles)).size).toBe(3);
  });
});
