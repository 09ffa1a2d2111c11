// The argument of every bridge call as a zod schema. Main's IPC handlers and the web server treat
// what arrives as unknown and parse it with these before the host sees it.
import { z } from 'zod';
import { isValidAmount, isValidBeaconId, isValidClientVersion, isValidVat } from '../pos-v10/formats.js';
import {
  beaconTypeSchema,
  currencyCodeSchema,
  plannedCaptureDelaySchema,
  restrictionsSchema,
} from '../pos-v10/schemas.js';
import { CERTIFICATION_SECTIONS } from '../certification.js';
import type { BridgeCallName } from './channels.js';

const none = z.object({}).strict();
const journalId = z.string().min(1).max(100);
const amount = z.number().refine(isValidAmount, 'a positive amount with at most two decimals');
const phoneNumber = z.string().regex(/^\+[0-9 ]{8,15}$/, 'a phone number such as +4520031801');
/** Metres on the virtual radio (RSSI follows the log-distance model). */
const distance = z.number().min(0).max(1000);
/** How long to listen for a beacon. */
const listenMs = z.number().int().min(100).max(60_000);
/** Order ids as the API allows them (the host's own generated ones when absent). */
const orderId = z.string().min(1).max(36);

const paymentTerms = {
  amount,
  currencyCode: currencyCodeSchema,
  restrictions: restrictionsSchema.nullable().optional(),
  merchantPaymentLabel: z.string().min(1).max(36).nullable().optional(),
  plannedCaptureDelay: plannedCaptureDelaySchema.optional(),
};

export const settingsInputSchema = z
  .object({
    backend: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('embedded') }).strict(),
      z.object({ kind: z.literal('external'), apiBaseUrl: z.url({ protocol: /^https?$/ }) }).strict(),
    ]),
    clientId: z.string().min(1).max(200),
    /** Absent: keep the stored secret. */
    clientSecret: z.string().min(1).max(500).optional(),
    clientSystemName: z.string().min(1).max(100),
    clientSystemVersion: z.string().refine(isValidClientVersion, 'Major.Minor.Build, e.g. 1.0.0'),
    merchantVat: z.string().refine(isValidVat, 'DK or FI and 8 digits, e.g. DK12345678'),
  })
  .strict();

export const onboardInputSchema = z
  .object({
    storeId: z.string().min(1).max(100),
    posName: z.string().min(1).max(100),
    merchantPosId: z.string().min(1).max(100),
    /** A GUID or 15 digits; null lets MobilePay generate one. */
    beaconId: z.string().refine(isValidBeaconId, 'a GUID or 15 digits').nullable(),
    supportedBeaconTypes: z.array(beaconTypeSchema).min(1),
    callbackAlias: z.string().min(1).max(100).nullable(),
    requirePaymentBeforeCheckin: z.boolean(),
  })
  .strict();

/** Each call's argument. Every call takes exactly one object (`{}` when it needs nothing). */
export const bridgeArgs = {
  appInfo: none,
  windowOpen: z
    .object({ window: z.enum(['checkout', 'customer', 'phone']), fullScreen: z.boolean().optional() })
    .strict(),

  settingsGet: none,
  settingsSave: settingsInputSchema,

  posGet: none,
  posFindStores: z.discriminatedUnion('by', [
    z.object({ by: z.literal('vat') }).strict(),
    z
      .object({
        by: z.literal('location'),
        merchantBrandId: z.string().min(1).max(10),
        merchantLocationId: z.string().min(1).max(5),
      })
      .strict(),
  ]),
  posOnboard: onboardInputSchema,
  posOffboard: none,

  paymentCurrent: none,
  /** Starts a payment for the customer (POST /payments) and follows it. */
  paymentStart: z.object({ ...paymentTerms, orderId: orderId.optional() }).strict(),
  /** Starts a prepared payment (POST /payments/prepare) while the cashier is still scanning. */
  paymentPrepare: z.object({ orderId: orderId.optional() }).strict(),
  paymentReady: z.object({ journalId, ...paymentTerms }).strict(),
  /** Full capture without an amount; partial with one. */
  paymentCapture: z.object({ journalId, amount: amount.optional() }).strict(),
  paymentCancel: z.object({ journalId }).strict(),
  /** Forgets the checkout's current (finished) payment so the next sale can start. */
  paymentClear: none,
  paymentGet: z.object({ journalId }).strict(),
  /** A payment by orderId or paymentId, asked of the journal first and then of the API. */
  paymentFind: z
    .object({ orderId: orderId.optional(), paymentId: z.string().min(1).max(100).optional() })
    .strict()
    .refine(
      (value) => (value.orderId === undefined) !== (value.paymentId === undefined),
      'orderId or paymentId',
    ),
  paymentsList: z
    .object({
      status: z.string().min(1).max(40).optional(),
      orderId: z.string().min(1).max(36).optional(),
      hangingOnly: z.boolean().optional(),
      limit: z.number().int().min(1).max(500).optional(),
    })
    .strict(),

  refundCreate: z.object({ paymentJournalId: journalId, amount }).strict(),
  refundCapture: z.object({ journalId }).strict(),
  refundCancel: z.object({ journalId }).strict(),

  logList: z.object({ limit: z.number().int().min(1).max(1000).optional() }).strict(),
  logClear: none,

  displayGet: none,

  phoneUsers: none,
  phoneGet: none,
  /**
   * The phone found a beacon and checks in: `qr` with the beaconId decoded from the QR image; `ble`
   * with the beaconId heard over the radio, after which the phone also writes the check-in token to
   * the till's GATT check-in characteristic, so the till asks the API at once.
   */
  phoneCheckIn: z
    .object({
      phoneNumber,
      beaconId: z.string().refine(isValidBeaconId, 'a GUID or 15 digits'),
      via: z.enum(['qr', 'ble']),
    })
    .strict(),
  phoneAccept: none,
  phoneDecline: none,
  phoneAutoAccept: z.object({ seconds: z.number().int().min(0).max(60).nullable() }).strict(),
  phoneRadioGet: none,
  /** Listens for the till's beacon over the phone's radio (the virtual radio in the app). */
  phoneDiscover: z.object({ withinMs: listenMs.optional() }).strict(),
  /** Walks the phone away from or towards the counter (virtual radio: RSSI and range follow). */
  phoneSetDistance: z.object({ meters: distance }).strict(),

  hardwareGet: none,
  /** Which radios the till opens: real Bluetooth when present (auto), only Bluetooth, only virtual, none. */
  hardwareSetMode: z.object({ mode: z.enum(['auto', 'ble', 'virtual', 'off']) }).strict(),
  /** Whether this terminal advertises the PoS's beaconId itself (off: a real beacon in the room does). */
  hardwareAdvertise: z.object({ on: z.boolean() }).strict(),
  hardwareScan: z.object({ on: z.boolean() }).strict(),
  /** Reads the beaconId of a beacon heard nearby, for the PoS setup (the wizard saves it by onboarding). */
  hardwareUseBeacon: z.object({ sightingId: z.string().min(1).max(200) }).strict(),
  /** Listens for the PoS's configured beacon, as at start-up, and warns when it is not heard. */
  hardwareCheckPresence: z.object({ withinMs: listenMs.optional() }).strict(),
  /** The till's virtual radio's distance in metres. */
  hardwareSetDistance: z.object({ meters: distance }).strict(),

  certificationGet: none,
  /**
   * Starts a self-certification session for this till's client (its client id, system name and
   * version) and points the till at the service's API until stopped. serviceUrl null: the embedded
   * emulator's service.
   */
  certificationStart: z
    .object({
      serviceUrl: z.url({ protocol: /^https?$/ }).nullable(),
      sections: z.array(z.enum(CERTIFICATION_SECTIONS)).max(CERTIFICATION_SECTIONS.length),
    })
    .strict(),
  certificationRestart: none,
  /** Ends the certification: the till goes back to its own settings. */
  certificationStop: none,
} satisfies { readonly [K in BridgeCallName]: z.ZodType };

export type BridgeArgs = { readonly [K in BridgeCallName]: z.input<(typeof bridgeArgs)[K]> };
export type ParsedBridgeArgs = { readonly [K in BridgeCallName]: z.output<(typeof bridgeArgs)[K]> };
