// Seed data: the self-certification merchant of the reference, demo merchants and a demo integrator,
// so the emulator works with zero configuration. A config file can add to or replace all of it.
import { z } from 'zod';
import type { Integrator, Merchant, Store } from './domain/model.js';

/** The demo integrator's credentials: printed at start-up, used by the app when nothing is configured. */
export const demoIntegrator: Integrator = {
  integratorId: 'demo-integrator',
  name: 'PoS simulator demo integrator',
  clients: [{ clientId: '6a1c2b3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', clientSecret: 'pos-sim-demo-secret' }],
};

const noBalance = { DKK: 0, EUR: 0 } as const;

export const defaultMerchants: readonly Merchant[] = [
  {
    merchantId: '3f6e8a2c-1b4d-4c9e-9a7f-5d2b8c1e0a01',
    vat: 'DK90000028',
    name: 'MobilePay PoS self-certification (DK)',
  },
  {
    merchantId: '3f6e8a2c-1b4d-4c9e-9a7f-5d2b8c1e0a02',
    vat: 'FI90000040',
    name: 'MobilePay PoS self-certification (FI)',
  },
  { merchantId: '3f6e8a2c-1b4d-4c9e-9a7f-5d2b8c1e0a03', vat: 'DK12345678', name: 'Demo Kaffebar ApS' },
  { merchantId: '3f6e8a2c-1b4d-4c9e-9a7f-5d2b8c1e0a04', vat: 'FI12345678', name: 'Demo Kahvila Oy' },
];

export const defaultStores: readonly Store[] = [
  {
    storeId: '0c1d2e3f-4a5b-4c6d-8e7f-900000000028',
    merchantVat: 'DK90000028',
    storeName: 'Self-certification store DK',
    storeStreet: 'Vestergade 1',
    storeZipCode: '1456',
    storeCity: 'København K',
    brandName: 'MobilePay PoS certification',
    merchantBrandId: 'MPPOSCERT1',
    merchantLocationId: '00001',
    active: true,
    openingBalance: noBalance,
  },
  {
    storeId: '0c1d2e3f-4a5b-4c6d-8e7f-900000000040',
    merchantVat: 'FI90000040',
    storeName: 'Self-certification store FI',
    storeStreet: 'Keskuskatu 4',
    storeZipCode: '00100',
    storeCity: 'Helsinki',
    brandName: 'MobilePay PoS certification',
    merchantBrandId: 'MPPOSCERT1',
    merchantLocationId: '00001',
    active: true,
    openingBalance: noBalance,
  },
  {
    storeId: '7b1e4c2a-9d3f-4e5a-8b6c-100000010001',
    merchantVat: 'DK12345678',
    storeName: 'Demo Kaffebar Nørreport',
    storeStreet: 'Frederiksborggade 20',
    storeZipCode: '1360',
    storeCity: 'København K',
    brandName: 'Demo Kaffebar',
    merchantBrandId: 'POSDK12345',
    merchantLocationId: '10001',
    active: true,
    openingBalance: noBalance,
  },
  {
    storeId: '7b1e4c2a-9d3f-4e5a-8b6c-100000010002',
    merchantVat: 'DK12345678',
    storeName: 'Demo Kaffebar Aarhus',
    storeStreet: 'Ryesgade 3',
    storeZipCode: '8000',
    storeCity: 'Aarhus C',
    brandName: 'Demo Kaffebar',
    merchantBrandId: 'POSDK12345',
    merchantLocationId: '10002',
    active: true,
    openingBalance: noBalance,
  },
  {
    storeId: '7b1e4c2a-9d3f-4e5a-8b6c-100000010003',
    merchantVat: 'DK12345678',
    storeName: 'Demo Kaffebar Pop-up (not activated)',
    storeStreet: 'Refshalevej 163',
    storeZipCode: '1432',
    storeCity: 'København K',
    brandName: 'Demo Kaffebar',
    merchantBrandId: 'POSDK12345',
    merchantLocationId: '10003',
    active: false,
    openingBalance: noBalance,
  },
  {
    storeId: '7b1e4c2a-9d3f-4e5a-8b6c-200000010001',
    merchantVat: 'FI12345678',
    storeName: 'Demo Kahvila Kamppi',
    storeStreet: 'Urho Kekkosen katu 1',
    storeZipCode: '00100',
    storeCity: 'Helsinki',
    brandName: 'Demo Kahvila',
    merchantBrandId: 'POSFI12345',
    merchantLocationId: '10001',
    active: true,
    openingBalance: noBalance,
  },
];

const clientSchema = z.object({ clientId: z.string().min(1), clientSecret: z.string().min(1) });
const storeSchema = z.object({
  storeId: z.string().uuid(),
  storeName: z.string(),
  storeStreet: z.string().default(''),
  storeZipCode: z.string().default(''),
  storeCity: z.string().default(''),
  brandName: z.string(),
  merchantBrandId: z.string(),
  merchantLocationId: z.string(),
  active: z.boolean().default(true),
  openingBalance: z
    .object({ DKK: z.number().default(0), EUR: z.number().default(0) })
    .default({ DKK: 0, EUR: 0 }),
});

/** The emulator's config file (JSON). Everything is optional; entries add to the defaults unless `replaceDefaults`. */
export const emulatorConfigSchema = z.object({
  replaceDefaults: z.boolean().default(false),
  pollDelayMs: z.number().int().min(0).optional(),
  integrators: z
    .array(
      z.object({
        integratorId: z.string().min(1),
        name: z.string().default(''),
        clients: z.array(clientSchema).min(1),
      }),
    )
    .default([]),
  merchants: z
    .array(
      z.object({
        vat: z.string().regex(/^(DK|FI)[0-9]{8}$/),
        name: z.string(),
        merchantId: z.string().uuid().optional(),
        stores: z.array(storeSchema).default([]),
      }),
    )
    .default([]),
  callbacks: z.record(z.string(), z.string().url()).default({}),
});
export type EmulatorConfig = z.input<typeof emulatorConfigSchema>;

/** The master data the emulator starts from (and returns to on reset). */
export interface SeedData {
  readonly integrators: readonly Integrator[];
  readonly merchants: readonly Merchant[];
  readonly stores: readonly Store[];
  readonly callbacks: Readonly<Record<string, string>>;
}

/** Merges a config file over the defaults. Amounts in the config are in major units (kroner, euro). */
export function buildSeed(config: EmulatorConfig = {}): SeedData {
  const parsed = emulatorConfigSchema.parse(config);
  const base: SeedData = parsed.replaceDefaults
    ? { integrators: [], merchants: [], stores: [], callbacks: {} }
    : { integrators: [demoIntegrator], merchants: defaultMerchants, stores: defaultStores, callbacks: {} };
  const merchants: Merchant[] = parsed.merchants.map((m, index) => ({
    merchantId: m.merchantId ?? `00000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`,
    vat: m.vat,
    name: m.name,
  }));
  const stores: Store[] = parsed.merchants.flatMap((m) =>
    m.stores.map((s) => ({
      ...s,
      merchantVat: m.vat,
      openingBalance: {
        DKK: Math.round(s.openingBalance.DKK * 100),
        EUR: Math.round(s.openingBalance.EUR * 100),
      },
    })),
  );
  return {
    integrators: [...base.integrators, ...parsed.integrators],
    merchants: [...base.merchants.filter((m) => !merchants.some((n) => n.vat === m.vat)), ...merchants],
    stores: [...base.stores.filter((s) => !stores.some((n) => n.storeId === s.storeId)), ...stores],
    callbacks: { ...base.callbacks, ...parsed.callbacks },
  };
}
