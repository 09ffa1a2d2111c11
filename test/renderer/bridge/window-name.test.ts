// Which screen a page shows: the query (Electron) first, then the route (web mode), else the checkout.
import { describe, expect, it } from 'vitest';
import { windowFromLocation } from '../../../src/renderer/bridge/window-name.js';

describe('window chooser', () => {
  it.each([
    [{ search: '', pathname: '/' }, 'checkout'],
    [{ search: '?window=customer', pathname: '/home/u/app/out/renderer/index.html' }, 'customer'],
    [{ search: '?window=phone', pathname: '/' }, 'phone'],
    [{ search: '', pathname: '/customer' }, 'customer'],
    [{ search: '', pathname: '/phone/' }, 'phone'],
    [{ search: '?window=phone', pathname: '/customer' }, 'phone'],
    [{ search: '?window=bogus', pathname: '/customer' }, 'customer'],
    [{ search: '', pathname: '/somewhere/index.html' }, 'checkout'],
  ] as const)('reads %o as %s', (location, expected) => {
    expect(windowFromLocation(location)).toBe(expected);
  });
});
