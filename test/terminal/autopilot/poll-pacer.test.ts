// The poll pacer: a new follow of a payment, refund or check-in starts no sooner than the last
// answered poll of that resource plus the pollDelayInMs it carried, read from the engine's events.
import { describe, expect, it } from 'vitest';
import { PollPacer } from '../../../src/terminal/autopilot/poll-pacer.js';
import { EngineEvents } from '../../../src/terminal/events.js';
import { FakeClock } from './fake-engine.js';

const BASE = 'http://127.0.0.1:1/pos-self-certification-api/pos/v10';

function setup() {
  const clock = new FakeClock();
  const events = new EngineEvents();
  const pacer = new PollPacer(events, clock);
  const answer = (
    path: string,
    body: unknown,
    timing: { at?: number; durationMs?: number; method?: string; status?: number } = {},
  ): void => {
    const at = timing.at ?? clock.now();
    events.emit({
      kind: 'request',
      at,
      exchange: {
        at,
        method: timing.method ?? 'GET',
        url: `${BASE}${path}`,
        requestHeaders: {},
        attempt: 1,
        durationMs: timing.durationMs ?? 0,
        ...(timing.status === 0 ? {} : { status: timing.status ?? 200, responseBody: body }),
      },
    });
  };
  return { clock, pacer, answer };
}

describe('the poll pacer', () => {
  it('lets a resource that was never polled be polled at once', async () => {
    const { clock, pacer } = setup();
    expect(pacer.nextAllowed('/payments/abc')).toBe(0);
    await pacer.waitTurn('/payments/abc');
    expect(clock.waits).toEqual([]);
  });

  it('waits until the last answer plus the pollDelayInMs it asked for', async () => {
    const { clock, pacer, answer } = setup();
    const start = clock.now();
    answer('/payments/ABC', { status: 'Paired', pollDelayInMs: 100 }, { at: start, durationMs: 20 });
    clock.nowMs = start + 50;
    expect(pacer.nextAllowed('/payments/abc')).toBe(start + 120);
    await pacer.waitTurn('/payments/abc');
    expect(clock.waits).toEqual([70]);
    await pacer.waitTurn('/payments/abc');
    expect(clock.waits).toEqual([70]);
  });

  it('ignores calls that are not polls: creates, lookups, unanswered GETs', () => {
    const { pacer, answer } = setup();
    answer('/payments', { paymentId: 'abc' }, { method: 'POST' });
    answer('/payments', { paymentIds: ['abc'] });
    answer('/payments/abc', undefined, { status: 0 });
    expect(pacer.nextAllowed('/payments/abc')).toBe(0);
    expect(pacer.nextAllowed('/payments')).toBe(0);
  });

  it('keeps each resource apart', () => {
    const { clock, pacer, answer } = setup();
    answer('/refunds/r1', { status: 'Reserved', pollDelayInMs: 100 });
    expect(pacer.nextAllowed('/refunds/r1')).toBe(clock.now() + 100);
    expect(pacer.nextAllowed('/refunds/r2')).toBe(0);
    expect(pacer.nextAllowed('/payments/r1')).toBe(0);
  });

  it('tells when a number of further polls have been answered, and lets waiters go on close', async () => {
    const { pacer, answer } = setup();
    let seen = false;
    const three = pacer.nextPolls('/payments/abc', 3).then(() => (seen = true));
    answer('/payments/abc', { pollDelayInMs: 100 });
    answer('/payments/other', { pollDelayInMs: 100 });
    answer('/payments/abc', { pollDelayInMs: 100 });
    await Promise.resolve();
    expect(seen).toBe(false);
    answer('/payments/abc', { pollDelayInMs: 100 });
    await three;
    const never = pacer.nextPolls('/payments/abc', 1);
    pacer.close();
    await never;
  });
});
