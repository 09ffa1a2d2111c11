// Check-in detection by polling (detecting-mobilepay.md, api-principles.md "Call Throttling"): poll
// GET /pointofsales/{posId}/checkin only while the QR is shown, never sooner than pollDelayInMs, and
// stop the moment the QR is hidden (the signal aborts).
import { describe, expect, it } from 'vitest';
import { queryCheckIn, watchCheckIn } from '../../../src/terminal/flows/checkin.js';
import { onboard } from '../../../src/terminal/flows/onboarding.js';
import type { CheckInResponse } from '../../../src/shared/pos-v10/schemas.js';
import {
  CREDIT_USER,
  LOYALTY_USER,
  configFor,
  eventually,
  startBench,
  within,
  type BenchOptions,
} from './onboarding-support.js';

const POLL_DELAY = 1500;
const CHECKIN = /\/pointofsales\/[^/]+\/checkin$/;

/** A bench with an onboarded QR PoS whose backend asks for 1.5 s between polls. */
async function onboarded(options: BenchOptions = {}) {
  const bench = await startBench({ ...options, emulator: { pollDelayMs: POLL_DELAY, ...options.emulator } });
  const config = await onboard(bench.ctx, configFor());
  const beaconId = config.assignedBeaconId!;
  const checkIn = (phoneNumber = CREDIT_USER) => bench.users.checkIn({ beaconId, phoneNumber });
  bench.events.length = 0;
  return { bench, posId: config.posId!, checkIn };
}

describe('check-in detection', () => {
  it('asks once and announces the answer', async () => {
    const { bench, posId, checkIn } = await onboarded();
    expect(await queryCheckIn(bench.ctx)).toMatchObject({
      isUserCheckedIn: false,
      pollDelayInMs: POLL_DELAY,
    });
    await checkIn(LOYALTY_USER);
    expect(await queryCheckIn(bench.ctx)).toMatchObject({
      isUserCheckedIn: true,
      loyaltyIds: ['DK-LOYALTY-1804'],
    });
    expect(bench.checkIns().map((e) => [e.posId, e.isUserCheckedIn, e.loyaltyIds])).toEqual([
      [posId, false, null],
      [posId, true, ['DK-LOYALTY-1804']],
    ]);
  });

  it('polls no sooner than pollDelayInMs until a customer checks in', async () => {
    const { bench, checkIn } = await onboarded();
    bench.duringWait = (n) => (n === 3 ? checkIn() : undefined);

    const found = await watchCheckIn(bench.ctx);

    expect(found).toMatchObject({ isUserCheckedIn: true });
    expect(bench.flowTime.backoffs).toEqual([POLL_DELAY, POLL_DELAY, POLL_DELAY]);
    const times = bench.calls('GET', CHECKIN).map((e) => e.at);
    expect(times).toHaveLength(4);
    times.slice(1).forEach((at, i) => expect(at - times[i]!).toBeGreaterThanOrEqual(POLL_DELAY));
    expect(bench.checkIns().map((e) => e.isUserCheckedIn)).toEqual([true]);
  });

  it('hands the customer and their loyalty ids to onCheckIn', async () => {
    const { bench, posId, checkIn } = await onboarded();
    bench.duringWait = () => checkIn(LOYALTY_USER);
    const seen: CheckInResponse[] = [];
    await watchCheckIn(bench.ctx, { onCheckIn: (value) => void seen.push(value) });
    expect(seen).toEqual([
      expect.objectContaining({ isUserCheckedIn: true, loyaltyIds: ['DK-LOYALTY-1804'] }),
    ]);
    expect(bench.checkIns()).toEqual([
      expect.objectContaining({ posId, isUserCheckedIn: true, loyaltyIds: ['DK-LOYALTY-1804'] }),
    ]);
  });

  it('stops polling as soon as the QR is hidden', async () => {
    const { bench } = await onboarded();
    const qr = new AbortController();
    const watching = watchCheckIn(bench.ctx, { signal: qr.signal });
    // The first answer is in and the poll wait is running (held: it ends only when the signal aborts).
    await eventually(() => bench.flowTime.pendingTimeouts === 1, 'the poll wait runs');
    expect(bench.flowTime.timeoutsAsked).toEqual([POLL_DELAY]);

    qr.abort();

    expect(await within(watching, 'the watch to stop')).toMatchObject({ isUserCheckedIn: false });
    // The watch has returned, so its loop is over: what was sent is all there will be.
    expect(bench.flowTime.pendingTimeouts).toBe(0);
    expect(bench.calls('GET', CHECKIN)).toHaveLength(1);
    expect((await bench.sandbox.requestsTo('GET', CHECKIN)).length).toBe(1);
  });

  it('sends no check-in request while no QR is shown', async () => {
    const { bench } = await onboarded();
    expect(bench.calls('GET', CHECKIN)).toEqual([]);
    const hidden = AbortSignal.abort();
    expect(await watchCheckIn(bench.ctx, { signal: hidden })).toBeNull();
    expect(bench.calls('GET', CHECKIN)).toEqual([]);
    expect(await bench.sandbox.requestsTo('GET', CHECKIN)).toEqual([]);
  });

  it('keeps watching through a check-in and its lapse until the QR is hidden', async () => {
    const { bench, checkIn } = await onboarded();
    const qr = new AbortController();
    const arrivals: CheckInResponse[] = [];
    const watching = watchCheckIn(bench.ctx, {
      signal: qr.signal,
      keepWatching: true,
      onCheckIn: (value) => void arrivals.push(value),
    });
    const nextPoll = async (polls: number) => {
      await eventually(() => bench.flowTime.pendingTimeouts === 1, `poll ${polls - 1} waits`);
      bench.flowTime.expireTimeouts();
      await eventually(() => bench.calls('GET', CHECKIN).length === polls, `poll ${polls}`);
    };
    await checkIn();
    await nextPoll(2);
    await bench.sandbox.advanceClock(6 * 60); // a check-in with no payment lapses after 5 minutes
    await nextPoll(3);
    await eventually(() => bench.flowTime.pendingTimeouts === 1, 'poll 3 waits');
    qr.abort();

    expect(await within(watching, 'the watch to stop')).toMatchObject({ isUserCheckedIn: false });
    expect(bench.checkIns().map((e) => e.isUserCheckedIn)).toEqual([true, false]);
    expect(arrivals).toHaveLength(1);
    expect(bench.flowTime.timeoutsAsked).toEqual([POLL_DELAY, POLL_DELAY, POLL_DELAY]);
  });

  it('waits at least pollDelayInMs after a failed poll before asking again', async () => {
    const { bench, checkIn } = await onboarded({ client: { retries: 0 } });
    await bench.sandbox.addFault({
      method: 'GET',
      path: '/pos/v10/pointofsales/*/checkin',
      nth: 2,
      action: { kind: 'status', status: 503 },
    });
    bench.duringWait = (n) => (n === 2 ? checkIn() : undefined);
    expect(await watchCheckIn(bench.ctx)).toMatchObject({ isUserCheckedIn: true });
    expect(bench.calls('GET', CHECKIN).map((e) => e.status)).toEqual([200, 503, 200]);
    expect(bench.flowTime.backoffs).toHaveLength(2);
    bench.flowTime.backoffs.forEach((ms) => expect(ms).toBeGreaterThanOrEqual(POLL_DELAY));
  });
});
