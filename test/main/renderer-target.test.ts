// Which renderer the windows load and which frame URLs count as ours (the IPC sender check).
import { describe, expect, it } from 'vitest';
import {
  devWindowUrl,
  isTrustedRendererUrl,
  rendererTarget,
  windowQuery,
} from '../../src/main/renderer-target.js';

const indexHtml = '/opt/pos-sim/out/renderer/index.html';
const file = { kind: 'file', indexHtml } as const;
const dev = { kind: 'dev', url: 'http://localhost:5173/' } as const;

describe('renderer target', () => {
  it('uses the dev server only when told and not packaged', () => {
    expect(rendererTarget({ devServerUrl: 'http://localhost:5173', packaged: false, indexHtml })).toEqual(
      dev,
    );
    expect(rendererTarget({ devServerUrl: 'http://localhost:5173', packaged: true, indexHtml })).toEqual(
      file,
    );
    expect(rendererTarget({ devServerUrl: undefined, packaged: false, indexHtml })).toEqual(file);
  });

  it('names the screen in the query, except for the checkout', () => {
    expect(windowQuery('checkout')).toEqual({});
    expect(windowQuery('customer')).toEqual({ window: 'customer' });
    expect(devWindowUrl('http://localhost:5173/', 'phone')).toBe('http://localhost:5173/?window=phone');
    expect(devWindowUrl('http://localhost:5173/', 'checkout')).toBe('http://localhost:5173/');
  });

  it('trusts our built files only', () => {
    expect(isTrustedRendererUrl(file, `file://${indexHtml}`)).toBe(true);
    expect(isTrustedRendererUrl(file, `file://${indexHtml}?window=phone`)).toBe(true);
    expect(isTrustedRendererUrl(file, 'file:///opt/pos-sim/out/renderer-evil/index.html')).toBe(false);
    expect(isTrustedRendererUrl(file, 'file:///opt/pos-sim/out/renderer/../../secrets.html')).toBe(false);
    expect(isTrustedRendererUrl(file, 'file://server/opt/pos-sim/out/renderer/index.html')).toBe(false);
    expect(isTrustedRendererUrl(file, 'http://localhost:5173/')).toBe(false);
    expect(isTrustedRendererUrl(file, 'not a url')).toBe(false);
    expect(isTrustedRendererUrl(file, undefined)).toBe(false);
  });

  it('trusts the dev server origin only in development', () => {
    expect(isTrustedRendererUrl(dev, 'http://localhost:5173/?window=customer')).toBe(true);
    expect(isTrustedRendererUrl(dev, 'http://localhost:5174/')).toBe(false);
    expect(isTrustedRendererUrl(dev, 'https://localhost:5173/')).toBe(false);
    expect(isTrustedRendererUrl(dev, `file://${indexHtml}`)).toBe(false);
  });
});
