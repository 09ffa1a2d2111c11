// The basket: the catalogue with − / + per product, the quantities and the total.
// Test ids: product-<id> (row), product-add-<id>, product-remove-<id>, product-qty-<id>, basket-total.
import type { CurrencyCode } from '../../shared/bridge/index.js';
import { catalogue, priceOf } from '../stores/sale-store.js';
import { formatAmount } from '../lib/money.js';

interface BasketProps {
  readonly quantities: Readonly<Record<string, number>>;
  readonly currency: CurrencyCode;
  readonly total: number;
  readonly onAdd: (productId: string) => void;
  readonly onRemove: (productId: string) => void;
  readonly disabled?: boolean;
}

/** The product list with quantity buttons and the basket total. */
export function Basket({ quantities, currency, total, onAdd, onRemove, disabled = false }: BasketProps) {
  return (
    <div className="basket">
      <ul className="products" aria-label="Products">
        {catalogue.map((product) => {
          const quantity = quantities[product.id] ?? 0;
          return (
            <li key={product.id} className="product" data-testid={`product-${product.id}`}>
              <span className="product-name">{product.name}</span>
              <span className="product-price">{formatAmount(priceOf(product, currency), currency)}</span>
              <button
                type="button"
                className="button qty"
                data-testid={`product-remove-${product.id}`}
                aria-label={`One ${product.name} less`}
                disabled={disabled || quantity === 0}
                onClick={() => onRemove(product.id)}
              >
                −
              </button>
              <output
                className="product-qty"
                data-testid={`product-qty-${product.id}`}
                aria-label={`${product.name} quantity`}
              >
                {quantity}
              </output>
              <button
                type="button"
                className="button qty"
                data-testid={`product-add-${product.id}`}
                aria-label={`One ${product.name} more`}
                disabled={disabled}
                onClick={() => onAdd(product.id)}
              >
                +
              </button>
            </li>
          );
        })}
      </ul>
      <p className="basket-total">
        Total <strong data-testid="basket-total">{formatAmount(total, currency)}</strong>
      </p>
    </div>
  );
}
