// The session's guards: our CSP on every response, every permission refused.
import type { Session } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { contentSecurityPolicy, registerSessionSecurity } from '../../src/main/window-security.js';

type HeadersListener = (
  details: { responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
) => void;

interface FakeSession {
  headersListener: HeadersListener | null;
  requestHandler:
    ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null;
  checkHandler: (() => boolean) | null;
  webRequest: { onHeadersReceived(listener: HeadersListener): void };
  setPermissionRequestHandler(handler: FakeSession['requestHandler']): void;
  setPermissionCheckHandler(handler: FakeSession['checkHandler']): void;
}

function fakeSession(): FakeSession {
  const session: FakeSession = {
    headersListener: null,
    requestHandler: null,
    checkHandler: null,
    webRequest: {
      onHeadersReceived: (listener) => {
        session.headersListener = listener;
      },
    },
    setPermissionRequestHandler: (handler) => {
      session.requestHandler = handler;
    },
    setPermissionCheckHandler: (handler) => {
      session.checkHandler = handler;
    },
  };
  return session;
}

const file = { kind: 'file', indexHtml: '/app/out/renderer/index.html' } as const;

describe('session security', () => {
  it('replaces any CSP header with ours on every response', () => {
    const session = fakeSession();
    registerSessionSecurity(session as unknown as Session, file);
    const callback = vi.fn();
    session.headersListener!(
      { responseHeaders: { 'content-security-policy': ['default-src *'], a: ['b'] } },
      callback,
    );
    const headers = callback.mock.calls[0]![0].responseHeaders as Record<string, string[]>;
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['Content-Security-Policy']).toEqual([contentSecurityPolicy(file)]);
    expect(headers['a']).toEqual(['b']);
  });

  it('refuses every permission request and check', () => {
    const session = fakeSession();
    registerSessionSecurity(session as unknown as Session, file);
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal']) {
      const callback = vi.fn();
      session.requestHandler!({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    expect(session.checkHandler!()).toBe(false);
  });

  it('allows scripts from our files only; the dev server also gets its HMR socket', () => {
    const strict = contentSecurityPolicy(file);
    expect(strict).toContain("script-src 'self';");
    expect(strict).toContain("object-src 'none'");
    expect(strict).not.toContain('unsafe-eval');
    const dev = contentSecurityPolicy({ kind: 'dev', url: 'http://localhost:5173/' });
    expect(dev).toContain("connect-src 'self' ws://localhost:5173");
  });
});
