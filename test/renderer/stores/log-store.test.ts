// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { LOG_LIMIT, useLogStore } from '../../../src/renderer/stores/log-store.js';
import { makeExchange } from '../fixtures.js';
import { installFakeBridge } from '../harness.js';

const log = () => useLogStore.getState();
const seqs = () => log().exchanges.map((e) => e.seq);

describe('log store', () => {
  it('loads the host’s exchanges and merges those that arrived by event meanwhile', async () => {
    const fake = installFakeBridge();
    fake.answer('logList', [makeExchange({ seq: 1 }), makeExchange({ seq: 2 })]);
    log().receiveExchange(makeExchange({ seq: 3 }));
    await log().load();
    expect(fake.calls('logList')).toEqual([{ limit: LOG_LIMIT }]);
    expect(seqs()).toEqual([1, 2, 3]);
  });

  it('appends new exchanges and never shows one twice', () => {
    log().receiveExchange(makeExchange({ seq: 2 }));
    log().receiveExchange(makeExchange({ seq: 1 }));
    log().receiveExchange(makeExchange({ seq: 2 }));
    expect(seqs()).toEqual([1, 2]);
  });

  it('keeps only the newest exchanges', () => {
    for (let seq = 1; seq <= LOG_LIMIT + 3; seq++) log().receiveExchange(makeExchange({ seq }));
    expect(log().exchanges).toHaveLength(LOG_LIMIT);
    expect(seqs()[0]).toBe(4);
  });

  it('clears the host’s log and its own', async () => {
    const fake = installFakeBridge();
    log().receiveExchange(makeExchange());
    await log().clear();
    expect(fake.calls('logClear')).toHaveLength(1);
    expect(log().exchanges).toEqual([]);
  });
});
