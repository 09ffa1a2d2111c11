// The sale being rung up before the MobilePay button is pressed: a basket from the small catalogue
// or a free amount typed on the keypad, and the currency. Local to the till: it calls no bridge.
import { create } from 'zustand';
import type { CurrencyCode } from '../../shared/bridge/index.js';
import { parseAmount, pressKey, sumAmounts, type KeypadKey } from '../lib/money.js';

/** One product of the demo till's catalogue (a café counter), priced in both currencies. */
export interface Product {
  readonly id: string;
  readonly name: string;
  readonly prices: Readonly<Record<CurrencyCode, number>>;
}

/** What the basket offers, in the order the counter shows it. */
export const catalogue: readonly Product[] = [
  { id: 'coffee', name: 'Coffee', prices: { DKK: 35, EUR: 4.7 } },
  { id: 'tea', name: 'Tea', prices: { DKK: 28, EUR: 3.75 } },
  { id: 'croissant', name: 'Croissant', prices: { DKK: 24.5, EUR: 3.3 } },
  { id: 'sandwich', name: 'Sandwich', prices: { DKK: 65, EUR: 8.7 } },
  { id: 'juice', name: 'Orange juice', prices: { DKK: 39.95, EUR: 5.35 } },
  { id: 'cake', name: 'Cake', prices: { DKK: 42, EUR: 5.65 } },
];

/** A product's price in the given currency. */
export function priceOf(product: Product, currency: CurrencyCode): number {
  return product.prices[currency];
}

/** Ring up goods from the catalogue, or type an amount. */
export type SaleMode = 'basket' | 'amount';

export interface SaleState {
  readonly mode: SaleMode;
  /** Quantity per product id; absent means none. */
  readonly quantities: Readonly<Record<string, number>>;
  /** The keypad's entry, e.g. "12.5". */
  readonly entry: string;
  readonly currency: CurrencyCode;
}

export interface SaleActions {
  setMode(mode: SaleMode): void;
  add(productId: string): void;
  remove(productId: string): void;
  press(key: KeypadKey): void;
  setCurrency(currency: CurrencyCode): void;
  /** Empties the basket and the keypad (the currency stays). */
  reset(): void;
}

export const saleInitialState: SaleState = { mode: 'basket', quantities: {}, entry: '', currency: 'DKK' };

/** The largest quantity of one product a basket line takes. */
const MAX_QUANTITY = 99;

/** The sale (checkout draft) store. */
export const useSaleStore = create<SaleState & SaleActions>()((set) => ({
  ...saleInitialState,
  setMode: (mode) => set({ mode }),
  add: (productId) =>
    set((state) => ({
      quantities: {
        ...state.quantities,
        [productId]: Math.min(MAX_QUANTITY, (state.quantities[productId] ?? 0) + 1),
      },
    })),
  remove: (productId) =>
    set((state) => {
      const quantities = { ...state.quantities };
      const left = (quantities[productId] ?? 0) - 1;
      if (left > 0) quantities[productId] = left;
      else delete quantities[productId];
      return { quantities };
    }),
  press: (key) => set((state) => ({ mode: 'amount', entry: pressKey(state.entry, key) })),
  setCurrency: (currency) => set({ currency }),
  reset: () => set((state) => ({ ...saleInitialState, mode: state.mode, currency: state.currency })),
}));

/** The basket's total in the sale's currency. */
export function basketTotal(state: SaleState): number {
  return sumAmounts(
    catalogue.map((product) => priceOf(product, state.currency) * (state.quantities[product.id] ?? 0)),
  );
}

/** What the MobilePay button would charge: the basket total or the typed amount; null when nothing valid. */
export function saleAmount(state: SaleState): number | null {
  if (state.mode === 'amount') return parseAmount(state.entry);
  const total = basketTotal(state);
  return total > 0 ? total : null;
}
