// The sandbox's user simulation: a test user checks in on a beacon, accepts or cancels the payment.
// The API documents no error codes for it; ours (19xx) are listed in docs/emulator.md.
import { ApiError, badRequest, notFound } from '../api-error.js';
import type { EmulatorCore } from './core.js';
import type { Payment, PointOfSale, TestUser } from './model.js';
import { objectBody } from './validate.js';

/** Errors of the user simulation, which the reference leaves undocumented. */
export const userSimulationErrors = {
  checkInBeforePayment: { code: '1901', text: 'This point of sale requires a payment before check-in' },
  noPaymentForUser: { code: '1902', text: 'No payment is waiting for this user at this point of sale' },
  cardNotAllowed: { code: '1903', text: "The payment's restrictions disallow the user's card" },
  posBusy: {
    code: '1904',
    text: 'Another customer is already paired with the payment at this point of sale',
  },
  noActivePayment: { code: '1905', text: 'There is no active payment to cancel at this point of sale' },
} as const;

function conflict(kind: keyof typeof userSimulationErrors, detail?: string): ApiError {
  const entry = userSimulationErrors[kind];
  return new ApiError(409, entry.code, detail ? `${entry.text}: ${detail}` : entry.text);
}

function readBeacon(core: EmulatorCore, body: Record<string, unknown>): PointOfSale {
  const beaconId = body['beaconId'];
  if (typeof beaconId !== 'string' || beaconId === '') throw badRequest('beaconId is required');
  const pos = core.state.activePosByBeacon(beaconId);
  if (!pos) throw notFound('Point of sale');
  return pos;
}

function readUser(core: EmulatorCore, body: Record<string, unknown>): TestUser {
  const phoneNumber = body['phoneNumber'];
  if (typeof phoneNumber !== 'string') throw badRequest('phoneNumber is required');
  const user = core.testUser(phoneNumber);
  if (!user) throw badRequest(`${phoneNumber} is not a sandbox test user`);
  return user;
}

/**
 * POST /pos/app/usersimulation/checkin. With an active payment waiting for a customer the user is
 * paired at once; otherwise the check-in waits at the PoS (a newer check-in takes over an older one).
 */
export function checkIn(core: EmulatorCore, rawBody: unknown): void {
  const body = objectBody(rawBody);
  const pos = readBeacon(core, body);
  const user = readUser(core, body);
  const now = core.now();
  const active = core.activePayment(pos.posId);
  if (active) {
    if (active.phoneNumber !== null) {
      if (active.phoneNumber === user.phoneNumber) return;
      throw conflict('posBusy');
    }
    core.setPaymentStatus(active, active.status === 'Prepared' ? 'Paired' : 'IssuedToUser', now, {
      phoneNumber: user.phoneNumber,
    });
  } else {
    if (pos.requirePaymentBeforeCheckin) throw conflict('checkInBeforePayment');
    const previous = core.currentCheckIn(pos.posId);
    core.state.saveCheckIn({ posId: pos.posId, phoneNumber: user.phoneNumber, at: now });
    core.emit('checkIn', pos.posId, previous?.phoneNumber ?? null, user.phoneNumber, now);
  }
  core.notifyCheckIn(pos);
}

function issuedPayment(core: EmulatorCore, pos: PointOfSale, user: TestUser): Payment {
  const active = core.activePayment(pos.posId);
  if (!active || active.status !== 'IssuedToUser' || active.phoneNumber !== user.phoneNumber)
    throw conflict('noPaymentForUser', active ? `the payment is ${active.status}` : undefined);
  return active;
}

/**
 * POST /pos/app/usersimulation/acceptpayment. The amount is reserved on the user's card; a card the
 * payment's restrictions disallow is refused and the payment stays with the user (as in the app,
 * where the customer sees the refusal and can still cancel).
 */
export function acceptPayment(core: EmulatorCore, rawBody: unknown): void {
  const body = objectBody(rawBody);
  const pos = readBeacon(core, body);
  const user = readUser(core, body);
  const reserved = core.state
    .paymentsOfPos(pos.posId)
    .find(
      (p) =>
        p.status === 'Reserved' &&
        p.phoneNumber === user.phoneNumber &&
        core.settlePayment(p).status === 'Reserved',
    );
  const active = core.activePayment(pos.posId);
  if (!active && reserved) return;
  const payment = issuedPayment(core, pos, user);
  const disallowed =
    (user.paymentSource === 'Debit' && payment.restrictions?.debitCardDisallowed === true) ||
    (user.paymentSource === 'Credit' && payment.restrictions?.creditCardDisallowed === true);
  if (disallowed)
    throw conflict('cardNotAllowed', `${user.paymentSource.toLowerCase()} cards are not allowed`);
  const now = core.now();
  core.setPaymentStatus(payment, 'Reserved', now, { reservedAt: now });
}

/** POST /pos/app/usersimulation/cancelpaymentbyuser: the customer declines a Paired or IssuedToUser payment. */
export function cancelPaymentByUser(core: EmulatorCore, rawBody: unknown): void {
  const body = objectBody(rawBody);
  const pos = readBeacon(core, body);
  const active = core.activePayment(pos.posId);
  if (!active) {
    // A retry of a cancel that already went through is answered like the first one.
    const latest = core.state.paymentsOfPos(pos.posId).at(-1);
    if (latest?.status === 'CancelledByUser') return;
    throw conflict('noActivePayment');
  }
  if (active.status !== 'IssuedToUser' && active.status !== 'Paired')
    throw conflict('noActivePayment', `the payment is ${active.status}`);
  core.setPaymentStatus(active, 'CancelledByUser', core.now());
}
