// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { phaseWords, useDisplayStore } from '../../../src/renderer/stores/display-store.js';
import { makeDisplay } from '../fixtures.js';
import { installFakeBridge } from '../harness.js';

const display = () => useDisplayStore.getState();

describe('display store', () => {
  it('reads what the customer display shows', async () => {
    const fake = installFakeBridge();
    fake.answer('displayGet', makeDisplay({ phase: 'awaiting-customer', amount: 10, currencyCode: 'DKK' }));
    await display().load();
    expect(display().display?.phase).toBe('awaiting-customer');
  });

  it('keeps an event that arrived while the first read was out', async () => {
    const fake = installFakeBridge();
    fake.hold('displayGet');
    const loading = display().load();
    display().receiveDisplay(makeDisplay({ phase: 'thanks' }));
    fake.held('displayGet')[0]?.resolve(makeDisplay({ phase: 'idle' }));
    await loading;
    expect(display().display?.phase).toBe('thanks');
  });

  it('has words for every phase', () => {
    expect(Object.keys(phaseWords).sort()).toEqual([
      'awaiting-customer',
      'cancelled',
      'checked-in',
      'closed',
      'idle',
      'reserved',
      'thanks',
    ]);
  });
});
