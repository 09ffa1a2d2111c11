// The PoS v10 error codes (reference: docs/api-errors.mdx), with the HTTP status each one travels with.

/** Every error code the API documents; the emulator answers with these and the terminal recognises them. */
export const posErrorCodes = {
  PosNotFound: { code: '1000', status: 409, text: 'Point of sale not found' },
  PaymentNotFound: { code: '1001', status: 409, text: 'Payment not found' },
  StoreNotFound: { code: '1002', status: 409, text: 'Store not found' },
  RefundNotFound: { code: '1004', status: 404, text: 'Refund not found' },
  UnknownBadRequest: { code: '1099', status: 400, text: 'Unknown BadRequest error' },
  InvalidBeaconId: { code: '1100', status: 400, text: 'Invalid BeaconId' },
  InvalidAmount: { code: '1102', status: 400, text: 'Invalid Amount' },
  PaymentFilterNotSpecific: { code: '1109', status: 400, text: 'Payment filter not specific enough' },
  RefundFilterNotSpecific: { code: '1110', status: 400, text: 'Refund filter not specific enough' },
  InvalidMerchantPosId: { code: '1111', status: 400, text: 'Invalid MerchantPosId' },
  InvalidPosName: { code: '1112', status: 400, text: 'Invalid PosName' },
  InvalidOrderId: { code: '1113', status: 400, text: 'Invalid OrderId' },
  InvalidRefundOrderId: { code: '1114', status: 400, text: 'Invalid RefundOrderId' },
  InvalidCallbackAlias: { code: '1116', status: 400, text: 'Invalid CallbackAlias' },
  InvalidMerchantPaymentLabel: { code: '1117', status: 400, text: 'Invalid MerchantPaymentLabel' },
  InvalidCalibrationType: { code: '1118', status: 400, text: 'Invalid CalibrationType' },
  InvalidMerchantBrandId: { code: '1119', status: 400, text: 'Invalid MerchantBrandId' },
  InvalidMerchantLocationId: { code: '1120', status: 400, text: 'Invalid MerchantLocationId' },
  PosFilterNotSpecific: { code: '1121', status: 400, text: 'Point of sale filter not specific enough' },
  StoreFilterNotSpecific: { code: '1122', status: 400, text: 'Store filter not specific enough' },
  MissingVatHeader: { code: '1151', status: 400, text: 'Missing x-mobilepay-merchant-vat-number header' },
  MissingSystemNameHeader: {
    code: '1152',
    status: 400,
    text: 'Missing x-mobilepay-client-system-name header',
  },
  MissingSystemVersionHeader: {
    code: '1153',
    status: 400,
    text: 'Missing x-mobilepay-client-system-version header',
  },
  DuplicatedVatHeader: {
    code: '1155',
    status: 400,
    text: 'Duplicated x-mobilepay-merchant-vat-number header',
  },
  DuplicatedSystemNameHeader: {
    code: '1156',
    status: 400,
    text: 'Duplicated x-mobilepay-client-system-name header',
  },
  DuplicatedSystemVersionHeader: {
    code: '1157',
    status: 400,
    text: 'Duplicated x-mobilepay-client-system-version header',
  },
  InvalidVatHeader: { code: '1159', status: 400, text: 'Invalid x-mobilepay-merchant-vat-number header' },
  InvalidSystemNameHeader: {
    code: '1160',
    status: 400,
    text: 'Invalid x-mobilepay-client-system-name header',
  },
  InvalidSystemVersionHeader: {
    code: '1161',
    status: 400,
    text: 'Invalid x-mobilepay-client-system-version header',
  },
  InvalidIdempotencyKey: { code: '1162', status: 400, text: 'Invalid x-mobilepay-idempotency-key header' },
  DuplicatedIdempotencyKey: {
    code: '1163',
    status: 400,
    text: 'Duplicated x-mobilepay-idempotency-key header',
  },
  MissingIdempotencyKey: { code: '1164', status: 400, text: 'Missing x-mobilepay-idempotency-key header' },
  InvalidVatClaim: { code: '1182', status: 400, text: 'Invalid merchant_vat claim in access token' },
  MerchantPosIdExists: {
    code: '1200',
    status: 409,
    text: 'A point of sale with that MerchantPosId already exist',
  },
  BeaconIdExists: { code: '1202', status: 409, text: 'A point of sale with that BeaconId already exist' },
  StoreNotActivated: {
    code: '1204',
    status: 409,
    text: 'The store for the given point of sale is not activated. Please activate the store before starting a payment',
  },
  PaymentCannotBeCancelled: {
    code: '1300',
    status: 409,
    text: 'The payment cannot be cancelled in the current state',
  },
  PaymentAlreadyActive: {
    code: '1301',
    status: 409,
    text: 'A payment is already active. Cancel it before starting a new one',
  },
  PaymentNotPrepared: {
    code: '1303',
    status: 409,
    text: 'Payment needs to be prepared before it can be marked as ready',
  },
  PaymentNotReserved: {
    code: '1304',
    status: 409,
    text: 'Cannot capture payment when payment is not reserved',
  },
  CaptureExceedsReserved: {
    code: '1305',
    status: 409,
    text: 'Capture Amount cannot exceed the reserved amount',
  },
  IdempotencyKeyReused: {
    code: '1306',
    status: 409,
    text: 'x-mobilepay-idempotency-key header has to be unique per request unless the request is a retry of a previous request',
  },
  CapturedWithDifferentAmount: {
    code: '1307',
    status: 409,
    text: 'Payment has already been captured with a different amount',
  },
  PartialCaptureNotPossible: {
    code: '1308',
    status: 409,
    text: 'Partial capture not possible on this payment',
  },
  RefundNotReserved: { code: '1351', status: 409, text: 'Cannot capture refund when refund is not reserved' },
  RefundCannotBeCancelled: {
    code: '1352',
    status: 409,
    text: 'The refund cannot be cancelled in the current state',
  },
  PaymentNotCaptured: {
    code: '1354',
    status: 409,
    text: 'Refund of payment not possible when payment is not captured',
  },
  RefundCurrencyMismatch: {
    code: '1365',
    status: 409,
    text: 'Refund CurrencyCode is different than payment CurrencyCode',
  },
  PaymentTooOld: { code: '1366', status: 409, text: 'Payment is too old' },
  RefundAmountTooHigh: { code: '1367', status: 409, text: 'Refund Amount is too high' },
  StoreBalanceTooLow: {
    code: '1368',
    status: 409,
    text: 'Cannot refund Amount as it exceeds the available balance on the store',
  },
  PosOtherIntegrator: {
    code: '1400',
    status: 403,
    text: 'The point of sale was created by a different integrator',
  },
  PaymentOtherIntegrator: {
    code: '1401',
    status: 403,
    text: 'The payment was created by a different integrator',
  },
  RefundOtherIntegrator: {
    code: '1402',
    status: 403,
    text: 'The refund was created by a different integrator',
  },
  StoreNotOfMerchant: {
    code: '1403',
    status: 403,
    text: 'Cannot create point of sale on store that does not belong to the merchant',
  },
  ReadyOtherMerchant: {
    code: '1406',
    status: 403,
    text: 'Cannot ready payments prepared on behalf of a different merchant',
  },
  CaptureOtherMerchant: {
    code: '1407',
    status: 403,
    text: 'Cannot capture payments created on behalf of a different merchant',
  },
  CancelOtherMerchant: {
    code: '1408',
    status: 403,
    text: 'Cannot cancel payments created on behalf of a different merchant',
  },
  DeletePosOtherMerchant: {
    code: '1409',
    status: 403,
    text: 'Cannot delete point of sales created on behalf of a different merchant',
  },
  QueryPosOtherMerchant: {
    code: '1410',
    status: 403,
    text: 'Cannot query point of sales created on behalf of a different merchant',
  },
  QueryPaymentOtherMerchant: {
    code: '1411',
    status: 403,
    text: 'Cannot query payments created on behalf of a different merchant',
  },
  InternalError: { code: '2000', status: 500, text: 'Internal server error' },
} as const;

export type PosErrorName = keyof typeof posErrorCodes;
export type PosErrorCode = (typeof posErrorCodes)[PosErrorName]['code'];

const byCode = new Map<string, PosErrorName>(
  Object.entries(posErrorCodes).map(([name, entry]) => [entry.code, name as PosErrorName]),
);

/** Looks an error code up in the catalogue; undefined for codes the API does not document. */
export function posErrorNameOf(code: string): PosErrorName | undefined {
  return byCode.get(code);
}

/** The documented headers (lowercase: HTTP header names are case-insensitive). */
export const posHeaders = {
  clientId: 'x-ibm-client-id',
  clientSecret: 'x-ibm-client-secret',
  merchantVat: 'x-mobilepay-merchant-vat-number',
  systemName: 'x-mobilepay-client-system-name',
  systemVersion: 'x-mobilepay-client-system-version',
  idempotencyKey: 'x-mobilepay-idempotency-key',
} as const;
