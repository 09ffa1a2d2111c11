// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { useCertificationStore } from '../../../src/renderer/stores/certification-store.js';
import { connectedCertification, makeCertification, makeSession, passedSession } from '../fixtures.js';
import { installFakeBridge } from '../harness.js';

const certification = () => useCertificationStore.getState();

describe('certification store', () => {
  it('loads whether the till is being certified', async () => {
    const fake = installFakeBridge();
    await certification().load();
    expect(certification().certification).toEqual(makeCertification());
    expect(fake.calls('certificationGet')).toHaveLength(1);
  });

  it('keeps a certification event that arrived while the first load was out', async () => {
    const fake = installFakeBridge();
    fake.hold('certificationGet');
    const loading = certification().load();
    fake.emit({ kind: 'certification', certification: connectedCertification() });
    fake.held('certificationGet')[0]?.resolve(makeCertification());
    await loading;
    expect(certification().certification?.connected).toBe(true);
  });

  it('starts, restarts and stops through the bridge, taking each answer as the new view', async () => {
    const fake = installFakeBridge();
    expect(await certification().start({ serviceUrl: null, sections: ['onboarding'] })).toBe(true);
    expect(fake.calls('certificationStart')).toEqual([{ serviceUrl: null, sections: ['onboarding'] }]);
    expect(certification().certification?.connected).toBe(true);
    fake.answer('certificationRestart', connectedCertification({ session: makeSession({ id: 'cert-2' }) }));
    expect(await certification().restart()).toBe(true);
    expect(certification().certification?.session?.id).toBe('cert-2');
    expect(await certification().stop()).toBe(true);
    expect(fake.calls('certificationStop')).toHaveLength(1);
    expect(certification().certification?.connected).toBe(false);
  });

  it('keeps the failure of a start for the screen and stays unconnected', async () => {
    const fake = installFakeBridge();
    await certification().load();
    fake.refuse('certificationStart', {
      code: 'backend-unreachable',
      apiCode: null,
      message: 'The certification service at http://10.0.0.9:8080 cannot be reached',
    });
    expect(await certification().start({ serviceUrl: 'http://10.0.0.9:8080', sections: [] })).toBe(false);
    expect(certification().error?.code).toBe('backend-unreachable');
    expect(certification().busy).toBeNull();
    expect(certification().certification?.connected).toBe(false);
  });

  it('follows the session pushed by the host', () => {
    const fake = installFakeBridge();
    fake.emit({ kind: 'certification', certification: connectedCertification({ session: passedSession() }) });
    expect(certification().certification?.session?.phase).toBe('completed');
  });
});
