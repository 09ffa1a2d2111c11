// PoS v10 wire schemas (reference: openapi/pos.yaml). The emulator answers in these shapes and the
// terminal parses every response with them, so both sides of the wire share one definition.
import { z } from 'zod';
import { BEACON_TYPES, CURRENCY_CODES, PLANNED_CAPTURE_DELAYS } from './formats.js';

export const currencyCodeSchema = z.enum(CURRENCY_CODES);
export const plannedCaptureDelaySchema = z.enum(PLANNED_CAPTURE_DELAYS);
export const beaconTypeSchema = z.enum(BEACON_TYPES);

export const paymentStatuses = [
  'Prepared',
  'Initiated',
  'Paired',
  'IssuedToUser',
  'Reserved',
  'CancelledByUser',
  'CancelledByClient',
  'CancelledByMobilePay',
  'ExpiredAndCancelled',
  'Captured',
] as const;
export const paymentStatusSchema = z.enum(paymentStatuses);
export type PaymentStatus = z.infer<typeof paymentStatusSchema>;

/** The states that block a new payment on the same PoS. */
export const activePaymentStatuses: ReadonlySet<PaymentStatus> = new Set([
  'Prepared',
  'Paired',
  'Initiated',
  'IssuedToUser',
]);

export const refundStatuses = [
  'Initiated',
  'Reserved',
  'Captured',
  'CancelledByClient',
  'CancelledByMobilePay',
  'ExpiredAndCaptured',
] as const;
export const refundStatusSchema = z.enum(refundStatuses);
export type RefundStatus = z.infer<typeof refundStatusSchema>;

export const restrictionsSchema = z.object({
  debitCardDisallowed: z.boolean().nullable().optional(),
  creditCardDisallowed: z.boolean().nullable().optional(),
});
export type PaymentRestrictions = z.infer<typeof restrictionsSchema>;

export const errorResponseSchema = z.object({
  code: z.string().nullable().optional(),
  message: z.string().nullable().optional(),
  correlationId: z.string().nullable().optional(),
  origin: z.string().nullable().optional(),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

export const tokenResponseSchema = z.object({
  access_token: z.string(),
  expires_in: z.number(),
  token_type: z.string(),
  scope: z.string().optional(),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

export const storeResponseSchema = z.object({
  storeId: z.string(),
  storeName: z.string(),
  storeStreet: z.string(),
  storeZipCode: z.string(),
  storeCity: z.string(),
  brandName: z.string(),
  merchantBrandId: z.string(),
  merchantLocationId: z.string(),
});
export type StoreResponse = z.infer<typeof storeResponseSchema>;
export const storeIdsResponseSchema = z.object({ storeIds: z.array(z.string()) });
export const detailedStoresResponseSchema = z.array(storeResponseSchema);

export const createPosRequestSchema = z.object({
  merchantPosId: z.string(),
  storeId: z.string(),
  name: z.string(),
  beaconId: z.string().nullable().optional(),
  callbackAlias: z.string().nullable().optional(),
  supportedBeaconTypes: z.array(beaconTypeSchema),
  requirePaymentBeforeCheckin: z.boolean().optional(),
});
export type CreatePosRequest = z.infer<typeof createPosRequestSchema>;
export const createPosResponseSchema = z.object({ posId: z.string() });

export const posResponseSchema = z.object({
  posId: z.string(),
  merchantPosId: z.string(),
  storeId: z.string(),
  name: z.string(),
  beaconId: z.string(),
  callbackAlias: z.string().nullable().optional(),
  supportedBeaconTypes: z.array(beaconTypeSchema),
  requirePaymentBeforeCheckin: z.boolean(),
});
export type PosResponse = z.infer<typeof posResponseSchema>;
export const posIdsResponseSchema = z.object({ posIds: z.array(z.string()) });

export const checkInResponseSchema = z.object({
  isUserCheckedIn: z.boolean(),
  loyaltyIds: z.array(z.string()).nullable().optional(),
  pollDelayInMs: z.number().int(),
  customerToken: z.string().nullable().optional(),
  customerReceiptToken: z.string().nullable().optional(),
});
export type CheckInResponse = z.infer<typeof checkInResponseSchema>;

export const initiatePaymentRequestSchema = z.object({
  posId: z.string(),
  orderId: z.string(),
  amount: z.number(),
  currencyCode: currencyCodeSchema,
  restrictions: restrictionsSchema.nullable().optional(),
  merchantPaymentLabel: z.string().nullable().optional(),
  plannedCaptureDelay: plannedCaptureDelaySchema,
});
export type InitiatePaymentRequest = z.infer<typeof initiatePaymentRequestSchema>;

export const preparePaymentRequestSchema = z.object({ posId: z.string(), orderId: z.string() });
export type PreparePaymentRequest = z.infer<typeof preparePaymentRequestSchema>;

export const readyPaymentRequestSchema = z.object({
  amount: z.number(),
  currencyCode: currencyCodeSchema,
  restrictions: restrictionsSchema.nullable().optional(),
  merchantPaymentLabel: z.string().nullable().optional(),
  plannedCaptureDelay: plannedCaptureDelaySchema,
});
export type ReadyPaymentRequest = z.infer<typeof readyPaymentRequestSchema>;

export const paymentIdResponseSchema = z.object({ paymentId: z.string() });
export const paymentIdsResponseSchema = z.object({ paymentIds: z.array(z.string()) });
export const capturePaymentRequestSchema = z.object({ amount: z.number() });

export const paymentResponseSchema = z.object({
  paymentId: z.string(),
  posId: z.string(),
  orderId: z.string(),
  amount: z.number().nullable().optional(),
  currencyCode: currencyCodeSchema.nullable().optional(),
  restrictions: restrictionsSchema.nullable().optional(),
  merchantPaymentLabel: z.string().nullable().optional(),
  plannedCaptureDelay: plannedCaptureDelaySchema.nullable().optional(),
  status: paymentStatusSchema,
  customerToken: z.string().nullable().optional(),
  customerReceiptToken: z.string().nullable().optional(),
  loyaltyIds: z.array(z.string()).nullable().optional(),
  paymentExpiresAt: z.string().optional(),
  partialCapturePossible: z.boolean().nullable().optional(),
  pollDelayInMs: z.number().int(),
});
export type PaymentResponse = z.infer<typeof paymentResponseSchema>;

export const createRefundRequestSchema = z.object({
  paymentId: z.string(),
  refundOrderId: z.string(),
  amount: z.number(),
  currencyCode: currencyCodeSchema,
});
export type CreateRefundRequest = z.infer<typeof createRefundRequestSchema>;
export const refundIdResponseSchema = z.object({ refundId: z.string() });
export const refundIdsResponseSchema = z.object({ refundIds: z.array(z.string()) });
export const refundResponseSchema = z.object({
  refundId: z.string(),
  paymentId: z.string(),
  refundOrderId: z.string(),
  amount: z.number(),
  currencyCode: currencyCodeSchema,
  status: refundStatusSchema,
  pollDelayInMs: z.number().int(),
});
export type RefundResponse = z.infer<typeof refundResponseSchema>;

export const userCheckInRequestSchema = z.object({ beaconId: z.string(), phoneNumber: z.string() });
export const acceptPaymentRequestSchema = z.object({ beaconId: z.string(), phoneNumber: z.string() });
export const cancelPaymentByUserRequestSchema = z.object({ beaconId: z.string() });

/** The body MobilePay's notification service POSTs to an integrator's callback URL on check-in. */
export const checkInNotificationSchema = z.object({
  MerchantId: z.string(),
  MerchantBrandId: z.string(),
  MerchantLocationId: z.string(),
  MerchantPosId: z.string(),
  PosId: z.string(),
});
export type CheckInNotification = z.infer<typeof checkInNotificationSchema>;
