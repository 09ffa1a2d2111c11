// Where the windows' renderer comes from (the built files or, in development, the Vite dev server),
// how a window's screen is named in its URL, and whether a frame's URL is ours: the IPC sender check.
import { dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WindowName } from '../shared/bridge/index.js';

/** The built renderer on disk, or the dev server's origin (never in a packaged app). */
export type RendererTarget =
  { readonly kind: 'file'; readonly indexHtml: string } | { readonly kind: 'dev'; readonly url: string };

/** Picks the dev server only when electron-vite dev says so and the app is not packaged. */
export function rendererTarget(options: {
  readonly devServerUrl: string | undefined;
  readonly packaged: boolean;
  readonly indexHtml: string;
}): RendererTarget {
  const dev = options.devServerUrl?.trim();
  // A packaged app ignores the variable: it must not be pointed at someone else's page with our preload.
  if (dev && !options.packaged) return { kind: 'dev', url: new URL(dev).href };
  return { kind: 'file', indexHtml: options.indexHtml };
}

/** The query that tells the renderer which screen to show (checkout: none). */
export function windowQuery(name: WindowName): Readonly<Record<string, string>> {
  return name === 'checkout' ? {} : { window: name };
}

/** The URL a window loads in development (`<dev server>?window=customer`). */
export function devWindowUrl(devUrl: string, name: WindowName): string {
  const url = new URL(devUrl);
  for (const [key, value] of Object.entries(windowQuery(name))) url.searchParams.set(key, value);
  return url.href;
}

/** Whether a frame showing this URL may call the bridge: our renderer's files or the dev server only. */
export function isTrustedRendererUrl(target: RendererTarget, frameUrl: string | null | undefined): boolean {
  if (!frameUrl) return false;
  let url: URL;
  try {
    url = new URL(frameUrl);
  } catch {
    return false;
  }
  if (target.kind === 'dev') return url.origin === new URL(target.url).origin;
  if (url.protocol !== 'file:' || url.host !== '') return false;
  let path: string;
  try {
    path = fileURLToPath(url);
  } catch {
    return false;
  }
  // URL parsing has already resolved any `..`, so a prefix test on the directory is exact.
  return path.startsWith(dirname(target.indexHtml) + sep);
}
