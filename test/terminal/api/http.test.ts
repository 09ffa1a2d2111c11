// The transport on its own, with a scripted fetch and fake time: timeouts, which failures are
// retried, that a retry is the very same request, and one exchange event per attempt.
import { describe, expect, it } from 'vitest';
import { HttpTransport, type HttpRequest, type TransportSettings } from '../../../src/terminal/api/http.js';
import { TerminalApiError } from '../../../src/terminal/api/errors.js';
import { DEFAULT_BACKOFF } from '../../../src/terminal/api/retry-policy.js';
import { FakeTime, recorder, seededRandom } from './fake-time.js';

type Step = 'hang' | 'hang-body' | number | Error;

interface SentRequest {
  readonly url: string;
  readonly init: RequestInit;
}

/** A fetch that plays the given steps in order: an answer with that status, an error, or no answer at all. */
function scriptedFetch(...steps: Step[]): { fetch: typeof fetch; sent: SentRequest[] } {
  const sent: SentRequest[] = [];
  const scripted = (async (url: string, init: RequestInit) => {
    sent.push({ url, init });
    const step = steps[Math.min(sent.length - 1, steps.length - 1)]!;
    if (step === 'hang') return new Promise<never>(() => undefined);
    if (step instanceof Error) throw step;
    if (step === 'hang-body')
      return { status: 200, headers: new Headers(), text: () => new Promise<never>(() => undefined) };
    const body = step >= 400 ? { code: '2000', message: 'boom', correlationId: 'c-1' } : { ok: true };
    return new Response(JSON.stringify(body), {
      status: step,
      headers: { 'content-type': 'application/json' },
    });
  }) as unknown as typeof globalThis.fetch;
  return { fetch: scripted, sent };
}

function transport(
  time: FakeTime,
  fetch: typeof globalThis.fetch,
  overrides: Partial<TransportSettings> = {},
): HttpTransport {
  return new HttpTransport(
    { now: time.now, sleep: time.sleep, random: seededRandom(7), fetch },
    { timeouts: { writeMs: 2000, readMs: 500 }, retries: 2, backoff: DEFAULT_BACKOFF, ...overrides },
  );
}

const capture: HttpRequest = {
  method: 'POST',
  url: 'http://pos.test/pos/v10/payments/p-1/capture',
  headers: { authorization: 'Bearer header.payload.signature', 'x-mobilepay-idempotency-key': 'k-1' },
  body: { kind: 'json', value: { amount: 100 } },
};

const resetError = (): Error => new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });

describe('HTTP transport', () => {
  it('times out an attempt that gets no answer, aborts its fetch, and retries the very same request', async () => {
    const time = new FakeTime('immediate');
    const { fetch, sent } = scriptedFetch('hang');

    const error = await transport(time, fetch)
      .send(capture)
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(TerminalApiError);
    expect(error).toMatchObject({ code: 'pos.timeout', retryable: true, attempts: 3, method: 'POST' });
    expect((error as TerminalApiError).path).toBe('/pos/v10/payments/p-1/capture');
    expect(sent).toHaveLength(3);
    expect(sent.every((s) => s.init.signal?.aborted)).toBe(true);
    expect(new Set(sent.map((s) => JSON.stringify([s.url, s.init.headers, s.init.body]))).size).toBe(1);
    expect(time.timeoutsAsked).toEqual([2000, 2000, 2000]);
    expect(time.backoffs).toHaveLength(2);
  });

  it('counts a body that does not arrive in time as a timeout', async () => {
    const time = new FakeTime('immediate');
    const error = await transport(time, scriptedFetch('hang-body').fetch, { retries: 0 })
      .send({ method: 'GET', url: 'http://pos.test/pos/v10/payments/p-1', headers: {} })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'pos.timeout', attempts: 1 });
    expect(time.timeoutsAsked).toEqual([500]);
  });

  it('ends the timeout wait as soon as the answer is in', async () => {
    const time = new FakeTime('held');
    const answer = await transport(time, scriptedFetch(200).fetch).send(capture);
    expect(answer).toMatchObject({ status: 200, json: { ok: true }, attempts: 1 });
    expect(time.pendingTimeouts).toBe(0);
  });

  it('retries network errors and returns the answer that finally comes', async () => {
    const time = new FakeTime('held');
    const { fetch, sent } = scriptedFetch(resetError(), resetError(), 200);
    const log = recorder();

    const answer = await transport(time, fetch, { onExchange: log.listener }).send(capture);

    expect(answer).toMatchObject({ status: 200, attempts: 3 });
    expect(sent).toHaveLength(3);
    expect(log.events.map((e) => e.error ?? e.status)).toEqual([
      { kind: 'network', message: 'fetch failed: ECONNRESET' },
      { kind: 'network', message: 'fetch failed: ECONNRESET' },
      200,
    ]);
  });

  it('fails with pos.network when the last attempt fails on the network', async () => {
    const time = new FakeTime('held');
    const error = await transport(time, scriptedFetch(resetError()).fetch, { retries: 1 })
      .send(capture)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'pos.network', attempts: 2, retryable: true });
    expect((error as Error).cause).toBeInstanceOf(TypeError);
  });

  it('returns a 4xx at once, without retrying', async () => {
    const time = new FakeTime('held');
    const { fetch, sent } = scriptedFetch(409, 200);
    expect(await transport(time, fetch).send(capture)).toMatchObject({ status: 409, attempts: 1 });
    expect(sent).toHaveLength(1);
    expect(time.backoffs).toEqual([]);
  });

  it('returns the last 5xx when the retries run out, and retries nothing when told to', async () => {
    const time = new FakeTime('held');
    const { fetch, sent } = scriptedFetch(500);
    expect(await transport(time, fetch).send(capture)).toMatchObject({ status: 500, attempts: 3 });
    expect(sent).toHaveLength(3);

    const once = scriptedFetch(503);
    expect(await transport(time, once.fetch, { retries: 0 }).send(capture)).toMatchObject({ status: 503 });
    expect(once.sent).toHaveLength(1);
  });

  it('continues the attempt count of a call that is repeated', async () => {
    const time = new FakeTime('held');
    const log = recorder();
    await transport(time, scriptedFetch(200).fetch, { onExchange: log.listener }).send(capture, 1);
    expect(log.events.map((e) => e.attempt)).toEqual([2]);
  });

  it('sends JSON and form bodies with their content types', async () => {
    const time = new FakeTime('held');
    const { fetch, sent } = scriptedFetch(200);
    const http = transport(time, fetch);
    await http.send(capture);
    await http.send({
      method: 'POST',
      url: 'http://pos.test/connect/token',
      headers: {},
      body: { kind: 'form', fields: { grant_type: 'client_credentials', merchant_vat: 'DK12345678' } },
    });
    expect(
      sent.map((s) => [(s.init.headers as Record<string, string>)['content-type'], s.init.body]),
    ).toEqual([
      ['application/json', '{"amount":100}'],
      ['application/x-www-form-urlencoded', 'grant_type=client_credentials&merchant_vat=DK12345678'],
    ]);
    expect(sent.map((s) => s.init.redirect)).toEqual(['manual', 'manual']);
  });

  it('reports every attempt with redacted headers, and a listener that throws does not break the call', async () => {
    const time = new FakeTime('held');
    const events: unknown[] = [];
    const http = transport(time, scriptedFetch(500, 200).fetch, {
      onExchange: (event) => {
        events.push(event);
        throw new Error('the log screen is broken');
      },
    });

    await expect(http.send(capture)).resolves.toMatchObject({ status: 200 });

    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      method: 'POST',
      url: capture.url,
      attempt: 1,
      status: 500,
      requestBody: { amount: 100 },
      responseBody: { code: '2000', message: 'boom', correlationId: 'c-1' },
      requestHeaders: { authorization: 'Bearer …ture', 'x-mobilepay-idempotency-key': 'k-1' },
    });
    expect(JSON.stringify(events)).not.toContain('header.payload.signature');
  });
});
