// Step 1 of onboarding: find the merchant's stores by the VAT number of the settings, or by
// merchantBrandId + merchantLocationId, and pick the one this till stands in.
// Test ids: onboard-find-by (-vat, -location), onboard-brand-id, onboard-location-id,
// onboard-find-stores, onboard-stores, onboard-store-option (data-store-id).
import { useId, useState, type FormEvent } from 'react';
import type { StoreView } from '../../shared/bridge/index.js';
import { ChoiceGroup } from '../components/choice-group.js';
import { usePosStore } from '../stores/pos-store.js';

interface StoreFinderProps {
  readonly merchantVat: string | null;
  readonly selected: string | null;
  readonly onSelect: (store: StoreView) => void;
}

/** The store search and the list to pick from. */
export function StoreFinder({ merchantVat, selected, onSelect }: StoreFinderProps) {
  const [by, setBy] = useState<'vat' | 'location'>('vat');
  const [brandId, setBrandId] = useState('');
  const [locationId, setLocationId] = useState('');
  const { stores, busy, findStores } = usePosStore();
  const ids = { brand: useId(), location: useId() };

  const search = (event: FormEvent) => {
    event.preventDefault();
    void findStores(
      by === 'vat'
        ? { by: 'vat' }
        : { by: 'location', merchantBrandId: brandId.trim(), merchantLocationId: locationId.trim() },
    );
  };

  return (
    <fieldset className="wizard-step">
      <legend>1. Find the store</legend>
      <ChoiceGroup
        legend="Find stores by"
        testIdPrefix="onboard-find-by"
        value={by}
        onChange={setBy}
        choices={[
          { value: 'vat', label: `Merchant VAT${merchantVat ? ` (${merchantVat})` : ''}` },
          { value: 'location', label: 'Brand and location id' },
        ]}
      />
      <form className="form" onSubmit={search} aria-label="Store search">
        {by === 'location' ? (
          <div className="field-row">
            <div className="field">
              <label htmlFor={ids.brand}>Merchant brand id</label>
              <input
                id={ids.brand}
                data-testid="onboard-brand-id"
                placeholder="MPPOS12345"
                maxLength={10}
                value={brandId}
                onChange={(event) => setBrandId(event.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor={ids.location}>Merchant location id</label>
              <input
                id={ids.location}
                data-testid="onboard-location-id"
                placeholder="00001"
                maxLength={5}
                value={locationId}
                onChange={(event) => setLocationId(event.target.value)}
              />
            </div>
          </div>
        ) : null}
        <button
          type="submit"
          className="button primary"
          data-testid="onboard-find-stores"
          disabled={
            busy !== null || (by === 'location' && (brandId.trim() === '' || locationId.trim() === ''))
          }
        >
          Find stores
        </button>
      </form>
      {stores === null ? null : stores.length === 0 ? (
        <p className="empty" data-testid="onboard-stores">
          No store matches.
        </p>
      ) : (
        <div className="store-options" role="radiogroup" aria-label="Stores" data-testid="onboard-stores">
          {stores.map((store) => (
            <label key={store.storeId} className="choice store-option">
              <input
                type="radio"
                name="onboard-store"
                data-testid="onboard-store-option"
                data-store-id={store.storeId}
                checked={selected === store.storeId}
                onChange={() => onSelect(store)}
              />
              <span>
                <strong>{store.brandName}</strong> {store.storeName}
                <small>
                  {' '}
                  {store.address} · {store.merchantBrandId}/{store.merchantLocationId}
                </small>
              </span>
            </label>
          ))}
        </div>
      )}
    </fieldset>
  );
}
