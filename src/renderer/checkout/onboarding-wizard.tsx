// Onboarding a till: step 1 picks the store (StoreFinder), step 2 names the PoS and its beacon:
// merchantPosId, beaconId (a generated GUID, 15 random digits, or typed; prefilled with one read from
// a beacon nearby on the Beacon tab), beacon types, callback alias and whether payment must come
// before check-in.
// Test ids: onboard-pos-name, onboard-merchant-pos-id, onboard-beacon-mode (-guid, -digits, -typed),
// onboard-beacon-id, onboard-beacon-adopted, onboard-beacon-new, onboard-beacon-type-QR/-NFC/-Bluetooth,
// onboard-callback-alias, onboard-require-payment, onboard-submit, onboard-problem.
import { useId, useState, type FormEvent } from 'react';
import type { BeaconType, BridgeArgs, StoreView } from '../../shared/bridge/index.js';
import { ChoiceGroup } from '../components/choice-group.js';
import { ProblemMessage } from '../components/messages.js';
import {
  beaconIdFor,
  beaconTypes,
  newGuidBeaconId,
  onboardProblem,
  type BeaconIdMode,
} from '../lib/onboarding-rules.js';
import { StoreFinder } from './store-finder.js';

/** The onboarding form; `onOnboard` calls the store. */
export function OnboardingWizard({
  merchantVat,
  busy,
  onOnboard,
  adoptedBeaconId = null,
}: {
  readonly merchantVat: string | null;
  readonly busy: boolean;
  readonly onOnboard: (input: BridgeArgs['posOnboard']) => void;
  /** A beaconId read from a real beacon: the form starts with it, typed, so the tester can check it. */
  readonly adoptedBeaconId?: string | null;
}) {
  const [store, setStore] = useState<StoreView | null>(null);
  const [posName, setPosName] = useState('Till 1');
  const [merchantPosId, setMerchantPosId] = useState('till-1');
  const [mode, setMode] = useState<BeaconIdMode>(adoptedBeaconId === null ? 'guid' : 'typed');
  const [beaconId, setBeaconId] = useState(adoptedBeaconId ?? newGuidBeaconId);
  const [types, setTypes] = useState<readonly BeaconType[]>(['QR', 'Bluetooth']);
  const [alias, setAlias] = useState('');
  const [requirePayment, setRequirePayment] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const ids = { name: useId(), posId: useId(), beacon: useId(), alias: useId() };

  const chooseMode = (next: BeaconIdMode) => {
    setMode(next);
    setBeaconId((current) => beaconIdFor(next, current));
  };
  const toggleType = (type: BeaconType, on: boolean) =>
    setTypes((current) => beaconTypes.filter((t) => (t === type ? on : current.includes(t))));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input: BridgeArgs['posOnboard'] = {
      storeId: store?.storeId ?? '',
      posName: posName.trim(),
      merchantPosId: merchantPosId.trim(),
      beaconId: beaconId.trim(),
      supportedBeaconTypes: [...types],
      callbackAlias: alias.trim() === '' ? null : alias.trim(),
      requirePaymentBeforeCheckin: requirePayment,
    };
    const found = onboardProblem(input);
    setProblem(found);
    if (found === null) onOnboard(input);
  };

  return (
    <section className="wizard" aria-labelledby="onboard-title">
      <h2 id="onboard-title">Set up this till</h2>
      <StoreFinder merchantVat={merchantVat} selected={store?.storeId ?? null} onSelect={setStore} />
      <form className="form wizard-step" onSubmit={submit} aria-label="Point of sale">
        <fieldset disabled={store === null}>
          <legend>2. Name the point of sale{store ? ` in ${store.storeName}` : ''}</legend>
          <div className="field-row">
            <div className="field">
              <label htmlFor={ids.name}>PoS name</label>
              <input
                id={ids.name}
                data-testid="onboard-pos-name"
                value={posName}
                onChange={(e) => setPosName(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor={ids.posId}>Merchant PoS id</label>
              <input
                id={ids.posId}
                data-testid="onboard-merchant-pos-id"
                value={merchantPosId}
                onChange={(e) => setMerchantPosId(e.target.value)}
              />
            </div>
          </div>
          <ChoiceGroup
            legend="Beacon id"
            testIdPrefix="onboard-beacon-mode"
            value={mode}
            onChange={chooseMode}
            choices={[
              { value: 'guid', label: 'Generated GUID' },
              { value: 'digits', label: '15 digits' },
              { value: 'typed', label: 'Typed' },
            ]}
          />
          <div className="field inline">
            <label htmlFor={ids.beacon}>Beacon id</label>
            <input
              id={ids.beacon}
              className="mono beacon-id"
              data-testid="onboard-beacon-id"
              value={beaconId}
              readOnly={mode !== 'typed'}
              onChange={(e) => setBeaconId(e.target.value)}
            />
            {mode === 'typed' ? null : (
              <button
                type="button"
                className="button"
                data-testid="onboard-beacon-new"
                onClick={() => chooseMode(mode)}
              >
                New id
              </button>
            )}
          </div>
          {adoptedBeaconId !== null && beaconId.trim() === adoptedBeaconId ? (
            <p className="hint" data-testid="onboard-beacon-adopted">
              Read from a beacon nearby (Beacon tab).
            </p>
          ) : null}
          <fieldset className="checks">
            <legend>Beacon types</legend>
            {beaconTypes.map((type) => (
              <label key={type} className="check">
                <input
                  type="checkbox"
                  data-testid={`onboard-beacon-type-${type}`}
                  checked={types.includes(type)}
                  onChange={(e) => toggleType(type, e.target.checked)}
                />
                {type}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor={ids.alias}>Callback alias (optional)</label>
            <input
              id={ids.alias}
              data-testid="onboard-callback-alias"
              value={alias}
              onChange={(e) => setAlias(e.target.value)}
            />
          </div>
          <label className="check">
            <input
              type="checkbox"
              data-testid="onboard-require-payment"
              checked={requirePayment}
              onChange={(e) => setRequirePayment(e.target.checked)}
            />
            Require a payment before the customer can check in
          </label>
          <ProblemMessage text={problem} testId="onboard-problem" />
          <button type="submit" className="button primary big" data-testid="onboard-submit" disabled={busy}>
            Onboard this till
          </button>
        </fieldset>
      </form>
    </section>
  );
}
