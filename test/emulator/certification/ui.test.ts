import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildEmulator } from '../../../src/emulator/build-emulator.js';
import { CERTIFICATION_UI_CSP, registerCertificationUi } from '../../../src/emulator/certification/ui.js';
import { INDEX_HTML } from '../../../src/emulator/certification/ui/index-html.js';

let app: FastifyInstance;
afterEach(async () => app.close());

/** The emulator's router settings (build-emulator.ts) or fastify's defaults. */
async function serve(emulatorRouter: boolean): Promise<FastifyInstance> {
  app = Fastify(emulatorRouter ? { routerOptions: { caseSensitive: false, ignoreTrailingSlash: true } } : {});
  registerCertificationUi(app);
  await app.ready();
  return app;
}

describe('the certification web UI', () => {
  for (const emulatorRouter of [true, false]) {
    it(`serves the page at /certification and /certification/ (${emulatorRouter ? 'emulator' : 'default'} router)`, async () => {
      await serve(emulatorRouter);
      for (const url of ['/certification', '/certification/']) {
        const response = await app.inject({ method: 'GET', url });
        expect(response.statusCode).toBe(200);
        expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
        expect(response.body).toBe(INDEX_HTML);
      }
    });
  }

  it('sends a strict CSP: own origin only, no inline script or style, no framing', async () => {
    await serve(true);
    const response = await app.inject({ method: 'GET', url: '/certification' });
    const csp = response.headers['content-security-policy'];

    expect(csp).toBe(CERTIFICATION_UI_CSP);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('has no inline script, style or event handler the CSP would block', () => {
    expect(INDEX_HTML).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(INDEX_HTML).not.toMatch(/<style\b/);
    expect(INDEX_HTML).not.toMatch(/\sstyle=/);
    expect(INDEX_HTML).not.toMatch(/\son[a-z]+=/);
  });

  it('serves every asset the page names, with its type and the CSP', async () => {
    await serve(true);
    const named = [...INDEX_HTML.matchAll(/(?:src|href)="(\/certification\/assets\/[^"]+)"/g)].map(
      (m) => m[1]!,
    );
    expect(named.sort()).toEqual(['/certification/assets/app.js', '/certification/assets/styles.css']);

    const script = await app.inject({ method: 'GET', url: '/certification/assets/app.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['content-security-policy']).toBe(CERTIFICATION_UI_CSP);
    expect(script.body).toContain("'use strict';");
    expect(() => new Function(script.body)).not.toThrow();

    const styles = await app.inject({ method: 'GET', url: '/certification/assets/styles.css' });
    expect(styles.statusCode).toBe(200);
    expect(styles.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(styles.body).toContain('@media print');
  });

  it('answers 404 for an asset it does not have, including prototype names and paths', async () => {
    await serve(true);
    for (const url of [
      '/certification/assets/missing.js',
      '/certification/assets/constructor',
      '/certification/assets/__proto__',
      '/certification/assets/..%2Fui.ts',
      '/certification/assets/',
    ]) {
      expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(404);
    }
  });

  it('is served by the emulator itself, beside the certification API', async () => {
    app = buildEmulator({ clock: 'virtual' });
    const page = await app.inject({ method: 'GET', url: '/certification/' });
    const missing = await app.inject({ method: 'GET', url: '/certification/assets/nope.css' });

    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toBe(CERTIFICATION_UI_CSP);
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ message: 'No route GET /certification/assets/nope.css' });
  });

  it('puts the contract into the script: section ids, titles and the certification merchant', async () => {
    await serve(true);
    const script = (await app.inject({ method: 'GET', url: '/certification/assets/app.js' })).body;

    expect(script).toContain('"prefix":"/certification"');
    expect(script).toContain(
      '"id":"prepared-payments-with-restrictions","title":"Prepared payments with restrictions"',
    );
    expect(script).toContain('"merchantBrandId":"MPPOSCERT1"');
    expect(script).not.toContain('innerHTML');
  });
});
