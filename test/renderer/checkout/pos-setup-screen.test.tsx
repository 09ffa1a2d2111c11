// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { PosSetupScreen } from '../../../src/renderer/checkout/pos-setup-screen.js';
import { useAppStore } from '../../../src/renderer/stores/app-store.js';
import { useHardwareStore } from '../../../src/renderer/stores/hardware-store.js';
import { usePosStore } from '../../../src/renderer/stores/pos-store.js';
import { makePos, makeSettings, makeStore } from '../fixtures.js';
import { installFakeBridge } from '../harness.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function setup(pos: ReturnType<typeof makePos> | null, adoptedBeaconId: string | null = null) {
  const fake = installFakeBridge();
  useHardwareStore.setState({ adoptedBeaconId });
  fake.answer('posFindStores', [makeStore(), makeStore({ storeId: 'store-2', storeName: 'Vesterbro' })]);
  usePosStore.setState({ pos, loaded: true });
  useAppStore.setState({ settings: makeSettings() });
  const user = userEvent.setup();
  render(<PosSetupScreen />);
  return { fake, user };
}

describe('PoS setup screen', () => {
  it('finds the stores by the merchant VAT and onboards with a generated GUID beacon', async () => {
    const { fake, user } = setup(null);
    expect(screen.getByTestId('onboard-find-by-vat').closest('label')?.textContent).toContain('DK12345678');
    await user.click(screen.getByTestId('onboard-find-stores'));
    expect(fake.calls('posFindStores')).toEqual([{ by: 'vat' }]);
    const stores = await screen.findAllByTestId('onboard-store-option');
    await user.click(stores[1] as HTMLElement);
    await user.clear(screen.getByTestId('onboard-pos-name'));
    await user.type(screen.getByTestId('onboard-pos-name'), 'Front till');
    await user.click(screen.getByTestId('onboard-beacon-type-NFC'));
    await user.type(screen.getByTestId('onboard-callback-alias'), 'front');
    await user.click(screen.getByTestId('onboard-require-payment'));
    await user.click(screen.getByTestId('onboard-submit'));
    const [input] = fake.calls('posOnboard');
    expect(input).toMatchObject({
      storeId: 'store-2',
      posName: 'Front till',
      merchantPosId: 'till-1',
      supportedBeaconTypes: ['QR', 'NFC', 'Bluetooth'],
      callbackAlias: 'front',
      requirePaymentBeforeCheckin: true,
    });
    expect(input?.beaconId).toMatch(GUID);
  });

  it('offers the wizard again once the till was offboarded (its configuration kept, no posId)', async () => {
    setup(makePos({ posId: null, posName: 'Old till' }));
    expect(screen.getByTestId('pos-not-created').textContent).toContain('Old till');
    expect(screen.getByTestId('onboard-find-stores')).toBeTruthy();
    expect(screen.queryByTestId('pos-offboard')).toBeNull();
  });

  it('finds stores by brand and location id', async () => {
    const { fake, user } = setup(null);
    await user.click(screen.getByTestId('onboard-find-by-location'));
    await user.type(screen.getByTestId('onboard-brand-id'), 'MPPOS12345');
    await user.type(screen.getByTestId('onboard-location-id'), '00001');
    await user.click(screen.getByTestId('onboard-find-stores'));
    expect(fake.calls('posFindStores')).toEqual([
      { by: 'location', merchantBrandId: 'MPPOS12345', merchantLocationId: '00001' },
    ]);
  });

  it('offers fifteen random digits or a typed beacon id, and checks the typed one', async () => {
    const { fake, user } = setup(null);
    await user.click(screen.getByTestId('onboard-find-stores'));
    await user.click((await screen.findAllByTestId('onboard-store-option'))[0] as HTMLElement);
    await user.click(screen.getByTestId('onboard-beacon-mode-digits'));
    expect((screen.getByTestId('onboard-beacon-id') as HTMLInputElement).value).toMatch(/^[0-9]{15}$/);
    await user.click(screen.getByTestId('onboard-beacon-mode-typed'));
    const field = screen.getByTestId('onboard-beacon-id');
    await user.clear(field);
    await user.type(field, '12345');
    await user.click(screen.getByTestId('onboard-submit'));
    expect(screen.getByTestId('onboard-problem').textContent).toMatch(/GUID or 15 digits/);
    expect(fake.calls('posOnboard')).toEqual([]);
  });

  it('says when the API refuses the onboarding', async () => {
    const { fake, user } = setup(null);
    fake.refuse('posOnboard', {
      apiCode: '1200',
      message: 'A point of sale with that MerchantPosId already exist',
    });
    await user.click(screen.getByTestId('onboard-find-stores'));
    await user.click((await screen.findAllByTestId('onboard-store-option'))[0] as HTMLElement);
    await user.click(screen.getByTestId('onboard-submit'));
    expect((await screen.findByTestId('error-message')).textContent).toContain(
      'Another till already uses this merchant PoS id (1200)',
    );
  });

  it('shows the current PoS and offboards it only after confirmation', async () => {
    const { fake, user } = setup(makePos());
    expect(screen.getByTestId('pos-id').textContent).toBe('pos-1');
    expect(screen.getByTestId('pos-beacon-id').textContent).toBe('123456789012345');
    await user.click(screen.getByTestId('pos-offboard'));
    await user.click(screen.getByTestId('pos-offboard-keep'));
    expect(fake.calls('posOffboard')).toEqual([]);
    await user.click(screen.getByTestId('pos-offboard'));
    await user.click(screen.getByTestId('pos-offboard-confirm'));
    expect(fake.calls('posOffboard')).toEqual([{}]);
    expect(await screen.findByTestId('onboard-find-stores')).toBeTruthy();
  });

  it('starts the wizard with a beacon id read on the Beacon tab, typed so the tester can check it', async () => {
    const { fake, user } = setup(null, '987654321098765');
    expect((screen.getByTestId('onboard-beacon-id') as HTMLInputElement).value).toBe('987654321098765');
    expect(screen.getByTestId('onboard-beacon-mode-typed')).toHaveProperty('checked', true);
    expect(screen.getByTestId('onboard-beacon-adopted').textContent).toMatch(/beacon nearby/);
    await user.click(screen.getByTestId('onboard-find-stores'));
    await user.click((await screen.findAllByTestId('onboard-store-option'))[0] as HTMLElement);
    await user.click(screen.getByTestId('onboard-submit'));
    expect(fake.calls('posOnboard')[0]?.beaconId).toBe('987654321098765');
    await vi.waitFor(() => expect(useHardwareStore.getState().adoptedBeaconId).toBeNull());
  });

  it('keeps the read beacon id when the onboarding is refused', async () => {
    const { fake, user } = setup(null, '987654321098765');
    fake.refuse('posOnboard', { apiCode: '1202', message: 'beacon taken' });
    await user.click(screen.getByTestId('onboard-find-stores'));
    await user.click((await screen.findAllByTestId('onboard-store-option'))[0] as HTMLElement);
    await user.click(screen.getByTestId('onboard-submit'));
    expect((await screen.findByTestId('error-message')).textContent).toContain('(1202)');
    expect(useHardwareStore.getState().adoptedBeaconId).toBe('987654321098765');
  });

  it('explains that an onboarded till takes a read beacon id only by onboarding again', async () => {
    const { user } = setup(makePos(), '987654321098765');
    expect(screen.getByTestId('pos-adopted-beacon').textContent).toContain('987654321098765');
    await user.click(screen.getByTestId('pos-adopted-forget'));
    expect(screen.queryByTestId('pos-adopted-beacon')).toBeNull();
    expect(useHardwareStore.getState().adoptedBeaconId).toBeNull();
  });
});
