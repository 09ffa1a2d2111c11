// The client's configuration: defaults from the reference, clamping, and early refusal of bad settings.
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../src/terminal/api/config.js';
import { PosClient } from '../../../src/terminal/api/pos-client.js';
import { TerminalApiError } from '../../../src/terminal/api/errors.js';
import { demoConfig } from './support.js';

describe('PoS client configuration', () => {
  it('fills in the reference defaults: 2 s writes, 0.5 s reads, 2 retries, token endpoint beside the API', () => {
    const config = resolveConfig(demoConfig('http://127.0.0.1:8080/'));
    expect(config).toMatchObject({
      apiBaseUrl: 'http://127.0.0.1:8080',
      authBaseUrl: 'http://127.0.0.1:8080/integrator-authentication',
      bindTokenToMerchant: true,
      transport: {
        timeouts: { writeMs: 2000, readMs: 500 },
        retries: 2,
        backoff: { baseMs: 100, maxMs: 2000 },
      },
    });
  });

  it('keeps what is configured, but never more than 5 retries', () => {
    const config = resolveConfig(
      demoConfig('https://api.sandbox.mobilepay.dk', {
        authBaseUrl: 'https://auth.example/integrator-authentication/',
        timeouts: { readMs: 800 },
        retries: 12,
      }),
    );
    expect(config.authBaseUrl).toBe('https://auth.example/integrator-authentication');
    expect(config.transport).toMatchObject({ timeouts: { writeMs: 2000, readMs: 800 }, retries: 5 });
  });

  it('refuses a bad configuration with pos.config, naming every bad field', () => {
    const build = () =>
      new PosClient(
        demoConfig('ftp://nowhere', {
          merchantVat: 'SE123',
          clientSystemVersion: '1.2',
          timeouts: { writeMs: 0 },
        }),
      );
    expect(build).toThrow(TerminalApiError);
    expect(build).toThrow(/apiBaseUrl.*merchantVat.*clientSystemVersion.*timeouts\.writeMs/);
    try {
      build();
    } catch (error) {
      expect((error as TerminalApiError).code).toBe('pos.config');
    }
  });
});
