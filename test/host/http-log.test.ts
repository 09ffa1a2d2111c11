import { describe, expect, it } from 'vitest';
import { HttpLog } from '../../src/host/http-log.js';
import type { ExchangeEvent } from '../../src/terminal/api/index.js';
import { startTestHost } from './support.js';

const exchange = (url: string): ExchangeEvent => ({
  at: 1,
  method: 'GET',
  url,
  requestHeaders: {},
  attempt: 1,
  durationMs: 2,
  status: 200,
});

describe('the HTTP log', () => {
  it('keeps the newest exchanges, numbered in order, and never reuses a number after clear', () => {
    const log = new HttpLog(3);
    for (const n of [1, 2, 3, 4, 5]) log.add(exchange(`/x/${n}`));

    expect(log.list().map((e) => [e.seq, e.url])).toEqual([
      [3, '/x/3'],
      [4, '/x/4'],
      [5, '/x/5'],
    ]);
    expect(log.list(2).map((e) => e.seq)).toEqual([4, 5]);
    log.clear();
    expect(log.list()).toEqual([]);
    expect(log.add(exchange('/x/6')).seq).toBe(6);
  });

  it("records the terminal's calls with the bearer token cut to its last 4 characters and no secret anywhere", async () => {
    const t = await startTestHost();
    await t.waitFor((e) => e.kind === 'exchange' && e.exchange.url.includes('/pos/v10/'));

    const entries = await t.call('logList', {});
    const apiCall = entries.find((e) => e.url.includes('/pos/v10/'));

    expect(apiCall?.requestHeaders['authorization']).toMatch(/^Bearer …[A-Za-z0-9_-]{4}$/);
    expect(JSON.stringify(entries)).not.toContain('pos-sim-demo-secret');
    expect(entries.map((e) => e.seq)).toEqual([...entries.map((e) => e.seq)].sort((a, b) => a - b));
  });

  it('announces every exchange as it is logged, and forgets them on logClear', async () => {
    const t = await startTestHost();
    const announced = await t.waitFor(
      (e): e is Extract<typeof e, { kind: 'exchange' }> => e.kind === 'exchange',
    );
    const { seq } = announced.exchange;

    expect((await t.call('logList', {})).find((e) => e.seq === seq)).toEqual(announced.exchange);
    expect(await t.call('logClear')).toBeNull();
    expect((await t.call('logList', {})).every((e) => e.seq > seq)).toBe(true);
  });
});
