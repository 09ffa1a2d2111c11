// Start-up and offboarding against the real emulator (pos-management.md, "Keeping in sync" and
// "Beacons"): the PoS is looked up by posId or merchantPosId, compared with the configuration and the
// beacon read from the device, re-created when it changed or is gone, and deleted when offboarding.
import { describe, expect, it } from 'vitest';
import { FlowError } from '../../../src/terminal/flows/flow-error.js';
import { ensurePos, offboard, onboard } from '../../../src/terminal/flows/onboarding.js';
import {
  GUID_PATTERN,
  PRINTED_GUID,
  STICKER_BEACON,
  activePointsOfSale,
  configFor,
  failure,
  startBench,
} from './onboarding-support.js';

describe('start-up', () => {
  it('keeps an unchanged PoS: no create, no delete', async () => {
    const bench = await startBench();
    const before = await onboard(bench.ctx, configFor());
    bench.exchanges.length = 0;
    const after = await ensurePos(bench.ctx);
    expect(after).toMatchObject({ posId: before.posId, assignedBeaconId: before.assignedBeaconId });
    expect(bench.exchanges.map((e) => e.method)).toEqual(['GET']);
    expect(bench.notices()).toContain('The PoS is unchanged');
  });

  it('finds the PoS by merchantPosId when no posId is stored', async () => {
    const bench = await startBench();
    const before = await onboard(bench.ctx, configFor());
    bench.journal.posConfig.clearPos();
    bench.exchanges.length = 0;
    const after = await ensurePos(bench.ctx);
    expect(after.posId).toBe(before.posId);
    expect(new URL(bench.exchanges[0]!.url).searchParams.get('merchantPosId')).toBe('till-1');
    expect(bench.calls('POST', /\/pointofsales$/)).toEqual([]);
  });

  it('re-creates the PoS when the beacon read from the device has changed', async () => {
    const bench = await startBench();
    const before = await onboard(
      bench.ctx,
      configFor({ beaconId: STICKER_BEACON, supportedBeaconTypes: ['Bluetooth'] }),
    );
    const replaced = '100000000000016';
    const after = await ensurePos(bench.ctx, { deviceBeaconId: replaced });
    expect(after).toMatchObject({ beaconId: replaced, assignedBeaconId: replaced });
    expect(after.posId).not.toBe(before.posId);
    expect(bench.calls('DELETE', /\/pointofsales\/[^/]+$/).map((e) => e.url)).toEqual([
      expect.stringContaining(before.posId!),
    ]);
    expect(await activePointsOfSale(bench.sandbox)).toEqual([
      expect.objectContaining({ posId: after.posId, beaconId: replaced }),
    ]);
  });

  it('keeps the PoS when the device reports the configured beacon', async () => {
    const bench = await startBench();
    const before = await onboard(bench.ctx, configFor({ beaconId: PRINTED_GUID }));
    const after = await ensurePos(bench.ctx, { deviceBeaconId: PRINTED_GUID.toUpperCase() });
    expect(after.posId).toBe(before.posId);
    expect(bench.calls('DELETE', /pointofsales/)).toEqual([]);
  });

  it('re-creates the PoS when the configured beaconId was changed', async () => {
    const bench = await startBench();
    const before = await onboard(bench.ctx, configFor({ beaconId: STICKER_BEACON }));
    bench.journal.posConfig.save(configFor({ beaconId: PRINTED_GUID }));
    const after = await ensurePos(bench.ctx);
    expect(after.posId).not.toBe(before.posId);
    expect(await activePointsOfSale(bench.sandbox)).toEqual([
      expect.objectContaining({ posId: after.posId, beaconId: PRINTED_GUID }),
    ]);
  });

  it('re-creates the PoS that was deleted behind our back, under a new key', async () => {
    const bench = await startBench();
    const before = await onboard(bench.ctx, configFor());
    await bench.ctx.client.deletePos(before.posId!);
    const after = await ensurePos(bench.ctx);
    expect(after.posId).not.toBe(before.posId);
    expect(after.assignedBeaconId).toMatch(GUID_PATTERN);
    const keys = bench
      .calls('POST', /\/pointofsales$/)
      .map((e) => e.requestHeaders['x-mobilepay-idempotency-key']);
    expect(new Set(keys).size).toBe(2);
    expect(bench.notices()).toContain('The stored PoS was deleted at MobilePay');
  });

  it('creates a new PoS when the one an unanswered create made was deleted meanwhile', async () => {
    const bench = await startBench({ client: { retries: 0 } });
    await bench.sandbox.addFault({
      method: 'POST',
      path: '/pos/v10/pointofsales',
      action: { kind: 'delay', ms: 2500 },
    });
    bench.sandbox.held.onHold = () => bench.clientTime.expireTimeouts();
    await failure(onboard(bench.ctx, configFor()));
    const [lost] = await bench.ctx.client.findPosIds({ merchantPosId: 'till-1' });
    await bench.ctx.client.deletePos(lost!);

    const after = await ensurePos(bench.ctx);

    expect(after.posId).not.toBe(lost);
    const keys = bench
      .calls('POST', /\/pointofsales$/)
      .map((e) => e.requestHeaders['x-mobilepay-idempotency-key']);
    expect(keys).toHaveLength(3);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
    expect((await activePointsOfSale(bench.sandbox)).map((pos) => pos['posId'])).toEqual([after.posId]);
    expect(bench.journal.intents.open()).toEqual([]);
  });

  it('refuses to start without a PoS configuration', async () => {
    const bench = await startBench();
    const error = await failure(ensurePos(bench.ctx));
    expect(error).toBeInstanceOf(FlowError);
    expect(error).toMatchObject({ code: 'flow.not-onboarded' });
  });
});

describe('offboarding', () => {
  it('deletes the PoS and forgets its posId', async () => {
    const bench = await startBench();
    const before = await onboard(bench.ctx, configFor());
    const after = await offboard(bench.ctx);
    expect(after).toMatchObject({ posId: null, assignedBeaconId: null, merchantPosId: 'till-1' });
    expect(await activePointsOfSale(bench.sandbox)).toEqual([]);
    expect(await failure(bench.ctx.client.getPos(before.posId!))).toMatchObject({ status: 404 });
  });

  it('counts a PoS already deleted as done', async () => {
    const bench = await startBench();
    const before = await onboard(bench.ctx, configFor());
    await bench.ctx.client.deletePos(before.posId!);
    await bench.sandbox.addFault({
      method: 'DELETE',
      path: '/pos/v10/pointofsales/*',
      action: { kind: 'status', status: 404 },
    });
    expect(await offboard(bench.ctx)).toMatchObject({ posId: null });
  });
});
