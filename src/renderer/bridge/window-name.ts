// Which window this page is: Electron loads index.html with `?window=customer`; web mode serves each
// window on a route of its own (`/customer`). The query wins, then the last path segment; else checkout.
import type { WindowName } from '../../shared/bridge/index.js';

const WINDOW_NAMES: readonly WindowName[] = ['checkout', 'customer', 'phone'];

function asWindowName(value: string | null | undefined): WindowName | null {
  const name = value?.trim().toLowerCase();
  return WINDOW_NAMES.find((candidate) => candidate === name) ?? null;
}

/** The window named by a location's query (`?window=`) or last path segment; checkout by default. */
export function windowFromLocation(location: {
  readonly search: string;
  readonly pathname: string;
}): WindowName {
  const fromQuery = asWindowName(new URLSearchParams(location.search).get('window'));
  if (fromQuery) return fromQuery;
  const segments = location.pathname.split('/').filter((segment) => segment !== '');
  return asWindowName(segments.at(-1)) ?? 'checkout';
}
