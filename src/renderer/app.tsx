// The renderer's root: the picked window, code-split so the customer display and the phone do not
// load the checkout's screens (and only the phone loads the QR decoder).
import { lazy, Suspense } from 'react';
import type { WindowName } from '../shared/bridge/index.js';

const CheckoutWindow = lazy(async () => ({
  default: (await import('./checkout/checkout-window.js')).CheckoutWindow,
}));
const CustomerWindow = lazy(async () => ({
  default: (await import('./customer/customer-window.js')).CustomerWindow,
}));
const PhoneWindow = lazy(async () => ({ default: (await import('./phone/phone-window.js')).PhoneWindow }));

/** The page title per window, so the OS's window list tells them apart. */
export const windowTitles: Readonly<Record<WindowName, string>> = {
  checkout: 'MobilePay till',
  customer: 'Customer display',
  phone: 'Phone simulator',
};

/** The window to render for this page. */
export function App({ name }: { readonly name: WindowName }) {
  return (
    <Suspense fallback={<p className="loading">Loading…</p>}>
      {name === 'customer' ? <CustomerWindow /> : name === 'phone' ? <PhoneWindow /> : <CheckoutWindow />}
    </Suspense>
  );
}
