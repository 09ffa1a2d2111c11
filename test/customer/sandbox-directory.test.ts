import { afterEach, describe, expect, it } from 'vitest';
import { SandboxDirectory } from '../../src/customer/sandbox-directory.js';
import { PosClient } from '../../src/terminal/api/index.js';
import { demoConfig, newPos, startSandbox, type Sandbox } from '../terminal/api/support.js';

let sandbox: Sandbox;
afterEach(async () => sandbox.close());

describe('the sandbox directory (what the phone asks the control plane)', () => {
  it('confirms a beacon with the PoS, store and brand the customer is about to pay', async () => {
    sandbox = await startSandbox();
    const { posId, beaconId } = await newPos(new PosClient(demoConfig(sandbox.url)));

    const lookup = await new SandboxDirectory({ apiBaseUrl: sandbox.url }).beacon(beaconId);

    expect(lookup).toEqual({
      kind: 'found',
      confirmation: {
        beaconId,
        posId,
        posName: 'Till 1',
        storeName: 'Demo Kaffebar Nørreport',
        brandName: 'Demo Kaffebar',
      },
    });
  });

  it('tells an unknown beacon from a backend without a control plane', async () => {
    sandbox = await startSandbox();
    const bare = await startSandbox({ controlPlane: false });
    try {
      expect(await new SandboxDirectory({ apiBaseUrl: sandbox.url }).beacon('123456789012345')).toEqual({
        kind: 'unknown',
      });
      expect(await new SandboxDirectory({ apiBaseUrl: bare.url }).beacon('123456789012345')).toEqual({
        kind: 'unavailable',
      });
      expect(await new SandboxDirectory({ apiBaseUrl: bare.url }).testUsers()).toBeNull();
    } finally {
      await bare.close();
    }
  });

  it('answers unavailable when nothing listens', async () => {
    sandbox = await startSandbox();
    const directory = new SandboxDirectory({ apiBaseUrl: 'http://127.0.0.1:9', timeoutMs: 500 });

    expect(await directory.beacon('123456789012345')).toEqual({ kind: 'unavailable' });
    expect(await directory.testUsers()).toBeNull();
  });

  it("lists the sandbox's test users with the tokens the API reports for them", async () => {
    sandbox = await startSandbox();

    const users = await new SandboxDirectory({ apiBaseUrl: sandbox.url }).testUsers();

    expect(users).toHaveLength(10);
    expect(users?.[4]).toMatchObject({
      phoneNumber: '+4520031805',
      feature: 'NoPartialCapture',
      partialCapturePossible: false,
      customerToken: expect.stringMatching(/^[0-9a-f]{40}$/),
    });
  });
});
