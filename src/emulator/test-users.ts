// The sandbox test users of the reference (DK and FI), with the features each one exercises.
import { createHash } from 'node:crypto';
import type { TestUser } from './domain/model.js';

function token(seed: string, length: number): string {
  return createHash('sha1').update(seed).digest('hex').slice(0, length);
}

function user(
  phoneNumber: string,
  country: 'DK' | 'FI',
  paymentSource: 'Credit' | 'Debit',
  feature: TestUser['feature'],
): TestUser {
  return {
    phoneNumber,
    country,
    paymentSource,
    feature,
    customerToken: token(`customer:${phoneNumber}`, 40),
    customerReceiptToken: feature === 'Storebox' ? token(`storebox:${phoneNumber}`, 32) : '',
    loyaltyIds: feature === 'Loyalty' ? [`${country}-LOYALTY-${phoneNumber.slice(-4)}`] : [],
    partialCapturePossible: feature !== 'NoPartialCapture',
  };
}

/** The ten documented test users: credit, debit, Storebox receipt, loyalty, no partial capture; DK and FI. */
export const defaultTestUsers: readonly TestUser[] = [
  user('+4520031801', 'DK', 'Credit', 'CreditCard'),
  user('+4520031802', 'DK', 'Debit', 'DebitCard'),
  user('+4520031803', 'DK', 'Credit', 'Storebox'),
  user('+4520031804', 'DK', 'Credit', 'Loyalty'),
  user('+4520031805', 'DK', 'Credit', 'NoPartialCapture'),
  user('+358200318001', 'FI', 'Credit', 'CreditCard'),
  user('+358200318002', 'FI', 'Debit', 'DebitCard'),
  user('+358200318003', 'FI', 'Credit', 'Storebox'),
  user('+358200318004', 'FI', 'Credit', 'Loyalty'),
  user('+358200318005', 'FI', 'Credit', 'NoPartialCapture'),
];

/** Phone numbers are matched without spaces, so "+45 20031801" and "+4520031801" are the same user. */
export function normalizePhoneNumber(phoneNumber: string): string {
  return phoneNumber.replace(/[\s-]/g, '');
}
