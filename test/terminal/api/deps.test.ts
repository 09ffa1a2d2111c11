// The real dependencies: the client must work on real timers too, not only on fake time.
import { afterEach, describe, expect, it } from 'vitest';
import { realClientDeps, realSleep } from '../../../src/terminal/api/deps.js';
import { PosClient } from '../../../src/terminal/api/pos-client.js';
import { DEMO_STORE_ID, demoConfig, startSandbox, type Sandbox } from './support.js';

describe('real dependencies', () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  it('sleep waits on a real timer, and ends early (without error) when its signal aborts', async () => {
    const started = Date.now();
    await realSleep(5);
    expect(Date.now() - started).toBeGreaterThanOrEqual(4);

    const abort = new AbortController();
    const waiting = realSleep(60_000, abort.signal);
    abort.abort();
    await expect(waiting).resolves.toBeUndefined();
    await expect(realSleep(60_000, abort.signal)).resolves.toBeUndefined();
  });

  it('times a slow call out on real timers', async () => {
    sandbox = await startSandbox();
    const client = new PosClient(
      demoConfig(sandbox.url, { timeouts: { readMs: 40 }, retries: 0 }),
      realClientDeps,
    );
    expect((await client.getStore(DEMO_STORE_ID)).storeId).toBe(DEMO_STORE_ID);
    await sandbox.addFault({ method: 'GET', path: '/pos/v10/stores/*', action: { kind: 'delay', ms: 300 } });

    const started = Date.now();
    const error = await client.getStore(DEMO_STORE_ID).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 'pos.timeout', attempts: 1 });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(sandbox.held.count).toBe(1);
  });
});
