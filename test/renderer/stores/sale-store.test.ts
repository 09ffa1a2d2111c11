// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { basketTotal, saleAmount, useSaleStore } from '../../../src/renderer/stores/sale-store.js';
import '../harness.js';

const sale = () => useSaleStore.getState();

describe('sale store', () => {
  it('totals the basket in the chosen currency', () => {
    sale().add('coffee');
    sale().add('coffee');
    sale().add('croissant');
    expect(basketTotal(sale())).toBe(94.5);
    sale().setCurrency('EUR');
    expect(basketTotal(sale())).toBe(12.7);
  });

  it('removes a product line when its quantity reaches zero', () => {
    sale().add('tea');
    sale().remove('tea');
    sale().remove('tea');
    expect(sale().quantities).toEqual({});
  });

  it('switches to the free amount as soon as the keypad is used', () => {
    sale().press('4');
    sale().press('2');
    expect(sale().mode).toBe('amount');
    expect(saleAmount(sale())).toBe(42);
  });

  it('has nothing to charge for an empty basket or a zero amount', () => {
    expect(saleAmount(sale())).toBeNull();
    sale().press('0');
    expect(saleAmount(sale())).toBeNull();
  });

  it('empties basket and keypad on reset but keeps mode and currency', () => {
    sale().setCurrency('EUR');
    sale().add('cake');
    sale().press('5');
    sale().reset();
    expect(sale()).toMatchObject({ entry: '', quantities: {}, currency: 'EUR', mode: 'amount' });
  });
});
