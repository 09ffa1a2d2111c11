// `pos-sim pay AMOUNT`: one sale from the command line, end to end: a backend (the embedded emulator
// unless --api), recovery of what an earlier run left, the PoS, the payment with a simulated customer,
// the capture; every state printed as the terminal sees it, then the receipt's facts.
import { choiceOption, formatOptions, namedArguments, parseCommandLine, UsageError } from './args.js';
import { EXIT_FAILURE, EXIT_OK, type CliCommand, type CliContext } from './command.js';
import { loyaltyOf, runPayment, type PayPlan } from './pay-flow.js';
import { beaconOf, posLines, readyPos } from './terminal-pos.js';
import {
  connectionOptions,
  DEFAULT_DATA_DIR_LABEL,
  formatAmount,
  nonEmpty,
  parseAmount,
  parseConnection,
  parseCurrency,
  parsePhone,
  pollDelayOption,
  type ConnectionSettings,
} from './terminal-options.js';
import { recoveryLines, withSession } from './terminal-setup.js';
import { isGuid } from '../shared/pos-v10/formats.js';
import type { Payment } from '../terminal/journal/index.js';

/** The sandbox test user who pays unless --user names another (plain credit card). */
export const DEFAULT_USER = '+4520031801';

const payOptions = {
  currency: { type: 'string', valueName: 'DKK|EUR', description: 'currency (default DKK)' },
  prepared: {
    type: 'boolean',
    description: 'prepare first: the customer checks in (Paired), then the amount is readied',
  },
  capture: { type: 'string', valueName: 'PARTIAL', description: 'capture only this much (default: all)' },
  restrict: {
    type: 'string',
    valueName: 'debit|credit',
    description: 'disallow debit or credit cards for this payment',
  },
  user: { type: 'string', valueName: 'PHONE', description: `the paying test user (default ${DEFAULT_USER})` },
  store: {
    type: 'string',
    valueName: 'STORE_ID',
    description: "the PoS's store (default: the saved or demo one)",
  },
  ...connectionOptions,
  ...pollDelayOption,
  help: { type: 'boolean', short: 'h', description: 'show this help' },
} as const;

/** The help of `pos-sim pay --help`. */
export const payUsage = [
  'Usage: pos-sim pay AMOUNT [--currency DKK|EUR] [--prepared] [--capture PARTIAL] [--restrict debit|credit]',
  '                   [--user PHONE] [--store STORE_ID] [--api URL] [--data DIR] [--poll-delay MS]',
  '                   [--client-id ID --client-secret SECRET] [--vat VAT]',
  '',
  'Takes one MobilePay payment of AMOUNT (e.g. 12.50) with a simulated customer and captures it.',
  'Without --api an emulator runs inside this command, with a temporary journal unless --data is',
  `given; with --api the journal is kept in ${DEFAULT_DATA_DIR_LABEL} unless --data says otherwise.`,
  'Prints each state with the ms since the payment started, then the paymentId, orderId, captured',
  'amount, receipt token and loyalty ids. Exits 0 when captured, 1 when the payment failed or ended.',
  '',
  formatOptions(payOptions),
].join('\n');

/** `pos-sim pay` as parsed: the sale and where it goes. */
export interface PayArgs {
  readonly help: false;
  readonly plan: PayPlan;
  readonly storeId: string | undefined;
  readonly connection: ConnectionSettings;
}

/** Parses and checks the arguments of `pos-sim pay`; throws UsageError on the first mistake. */
export function parsePayArgs(argv: readonly string[]): PayArgs | { readonly help: true } {
  const { options, positionals } = parseCommandLine(argv, payOptions);
  if (options.help === true) return { help: true };
  const { AMOUNT } = namedArguments(positionals, ['AMOUNT']);
  const amount = parseAmount('AMOUNT', AMOUNT);
  const capture = options.capture === undefined ? undefined : parseAmount('--capture', options.capture);
  if (capture !== undefined && Math.round(capture * 100) > Math.round(amount * 100))
    throw new UsageError(
      `--capture ${formatAmount(capture, null)} is more than the amount ${formatAmount(amount, null)}`,
    );
  const storeId = nonEmpty('store', options.store);
  if (storeId !== undefined && !isGuid(storeId))
    throw new UsageError(`--store must be a GUID, got '${storeId}'`);
  return {
    help: false,
    plan: {
      amount,
      currency: parseCurrency(options.currency) ?? 'DKK',
      prepared: options.prepared === true,
      capture,
      restrict:
        options.restrict === undefined
          ? undefined
          : choiceOption('restrict', options.restrict, ['debit', 'credit'] as const),
      user: parsePhone(options.user ?? DEFAULT_USER),
    },
    storeId,
    connection: parseConnection(options),
  };
}

async function runPay(argv: readonly string[], context: CliContext): Promise<number> {
  const args = parsePayArgs(argv);
  if (!('plan' in args)) {
    context.stdout(`${payUsage}\n`);
    return EXIT_OK;
  }
  const print = (line: string): void => context.stdout(`${line}\n`);
  const stop = new AbortController();
  void context.untilStopped().then(() => stop.abort());
  return withSession('pay', args.connection, context, async (session) => {
    for (const line of recoveryLines(await session.engine.recover())) print(line);
    const pos = await readyPos(session.engine.context, {
      storeId: args.storeId,
      merchantVat: args.connection.merchantVat,
    });
    for (const line of posLines(pos)) print(line);
    const { plan } = args;
    const kind = plan.prepared ? 'prepared payment' : 'payment';
    print(`${kind} of ${formatAmount(plan.amount, plan.currency)} by ${plan.user}`);
    const outcome = await runPayment(session, beaconOf(pos), plan, print, stop.signal);
    if (outcome.payment !== null) for (const line of receiptLines(outcome.payment)) print(line);
    if (outcome.failure === null) return EXIT_OK;
    context.stderr(`pos-sim pay: ${outcome.failure}\n`);
    return EXIT_FAILURE;
  });
}

/** The facts a receipt needs; also printed for a failed payment, so it can be looked up. */
export function receiptLines(payment: Payment): string[] {
  const captured =
    payment.capturedAmount === null
      ? '(nothing)'
      : formatAmount(payment.capturedAmount, payment.currencyCode);
  const receipt = payment.customerReceiptToken;
  return [
    `paymentId:      ${payment.paymentId ?? '(unknown)'}`,
    `orderId:        ${payment.orderId}`,
    `status:         ${payment.lastStatus ?? '(unknown)'}`,
    `captured:       ${captured}`,
    `receipt token:  ${receipt === null || receipt === '' ? '(none)' : receipt}`,
    `loyalty ids:    ${loyaltyOf(payment)}`,
  ];
}

/** The `pay` subcommand, as registered in index.ts. */
export const payCommand: CliCommand = {
  name: 'pay',
  summary: 'take one payment with a simulated customer and capture it',
  usage: payUsage,
  run: runPay,
};
