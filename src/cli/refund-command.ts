// `pos-sim refund PAYMENT_ID AMOUNT`: gives money back on a captured payment through the engine's
// refund flow (journalled create, follow to Reserved, journalled capture), printing each state. It
// needs --api: an embedded emulator would start empty and hold no payment to refund.
import { randomUUID } from 'node:crypto';
import { isGuid } from '../shared/pos-v10/formats.js';
import { isFlowError } from '../terminal/flows/flow-error.js';
import { captureRefund, cancelRefund, createRefund, followRefund } from '../terminal/flows/refunds.js';
import { finalRefundStatuses, type Refund } from '../terminal/journal/index.js';
import { formatOptions, namedArguments, parseCommandLine, UsageError } from './args.js';
import { EXIT_FAILURE, EXIT_OK, type CliCommand, type CliContext } from './command.js';
import { STEP_TIMEOUT_MS } from './pay-flow.js';
import {
  connectionOptions,
  DEFAULT_DATA_DIR_LABEL,
  formatAmount,
  parseAmount,
  parseConnection,
  parseCurrency,
  type ConnectionSettings,
  type Currency,
} from './terminal-options.js';
import {
  CommandFailure,
  explainError,
  recoveryLines,
  withSession,
  type TerminalSession,
} from './terminal-setup.js';

const refundOptions = {
  currency: { type: 'string', valueName: 'DKK|EUR', description: "currency (default: the payment's)" },
  ...connectionOptions,
  api: {
    type: 'string',
    valueName: 'URL',
    description: 'the PoS v10 backend that holds the payment (required)',
  },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
} as const;

/** The help of `pos-sim refund --help`. */
export const refundUsage = [
  'Usage: pos-sim refund PAYMENT_ID AMOUNT --api URL [--currency DKK|EUR] [--data DIR]',
  '                      [--client-id ID --client-secret SECRET] [--vat VAT]',
  '',
  'Refunds AMOUNT of a captured payment: creates the refund, follows it to Reserved and captures it.',
  'Needs --api (e.g. a `pos-sim emulator` started beforehand): the embedded emulator of `pos-sim pay`',
  'keeps its state only while that command runs, so its payments cannot be refunded later.',
  `The journal is kept in ${DEFAULT_DATA_DIR_LABEL} unless --data says otherwise.`,
  'Exits 0 when captured; 1 with the API code when refused (1367 amount too high, 1354 payment not',
  'captured, 1001 unknown payment).',
  '',
  formatOptions(refundOptions),
].join('\n');

/** `pos-sim refund` as parsed. */
export interface RefundArgs {
  readonly help: false;
  readonly paymentId: string;
  readonly amount: number;
  readonly currency: Currency | undefined;
  readonly connection: ConnectionSettings;
}

/** Parses and checks the arguments of `pos-sim refund`; throws UsageError on the first mistake. */
export function parseRefundArgs(argv: readonly string[]): RefundArgs | { readonly help: true } {
  const { options, positionals } = parseCommandLine(argv, refundOptions);
  if (options.help === true) return { help: true };
  const { PAYMENT_ID, AMOUNT } = namedArguments(positionals, ['PAYMENT_ID', 'AMOUNT']);
  if (!isGuid(PAYMENT_ID))
    throw new UsageError(`PAYMENT_ID must be a paymentId (a GUID), got '${PAYMENT_ID}'`);
  const amount = parseAmount('AMOUNT', AMOUNT);
  const currency = parseCurrency(options.currency);
  const connection = parseConnection(options);
  if (connection.backend.kind !== 'api')
    throw new UsageError(
      'refund needs --api URL: an embedded emulator would start empty, with no payment to refund',
    );
  return { help: false, paymentId: PAYMENT_ID, amount, currency, connection };
}

async function runRefund(argv: readonly string[], context: CliContext): Promise<number> {
  const args = parseRefundArgs(argv);
  if (!('paymentId' in args)) {
    context.stdout(`${refundUsage}\n`);
    return EXIT_OK;
  }
  const print = (line: string): void => context.stdout(`${line}\n`);
  const stop = new AbortController();
  void context.untilStopped().then(() => stop.abort());
  return withSession('refund', args.connection, context, async (session) => {
    for (const line of recoveryLines(await session.engine.recover())) print(line);
    const currency = args.currency ?? (await currencyOf(session, args.paymentId));
    print(`refund of ${formatAmount(args.amount, currency)} on payment ${args.paymentId}`);
    const { refund, failure } = await refundPayment(session, { ...args, currency }, print, stop.signal);
    if (refund !== null) for (const line of refundLines(refund)) print(line);
    if (failure === null) return EXIT_OK;
    context.stderr(`pos-sim refund: ${failure}\n`);
    return EXIT_FAILURE;
  });
}

/** The payment's currency: from the journal when this terminal took it, else from the API. */
async function currencyOf(session: TerminalSession, paymentId: string): Promise<Currency> {
  const known = session.engine.journal.payments.byPaymentId(paymentId)?.currencyCode ?? null;
  if (known !== null) return known;
  try {
    return (await session.engine.client.getPayment(paymentId)).currencyCode ?? 'DKK';
  } catch (error) {
    throw new CommandFailure(`cannot refund payment ${paymentId}: ${explainError(error, session.apiUrl)}`);
  }
}

/** Create, follow to Reserved, capture; a refund left half-way is cancelled. Never throws. */
async function refundPayment(
  session: TerminalSession,
  request: { readonly paymentId: string; readonly amount: number; readonly currency: Currency },
  print: (line: string) => void,
  stop: AbortSignal,
): Promise<{ refund: Refund | null; failure: string | null }> {
  const { context: ctx } = session.engine;
  const started = Date.now();
  const stamp = (at: number): string => `${String(Math.max(0, at - started)).padStart(6)} ms  `;
  let journalId: string | null = null;
  const unsubscribe = session.engine.subscribe((event) => {
    if (event.kind === 'refund.state' && event.journalId === journalId)
      print(`${stamp(event.at)}${event.status}`);
  });
  const timeout = AbortSignal.timeout(STEP_TIMEOUT_MS);
  try {
    const created = await createRefund(ctx, {
      paymentId: request.paymentId,
      refundOrderId: `pos-sim-refund-${randomUUID().slice(0, 8)}`,
      amount: request.amount,
      currencyCode: request.currency,
    });
    journalId = created.id;
    print(`${stamp(Date.now())}created refund ${created.refundId ?? '(id unknown yet)'}`);
    const followed = await followRefund(ctx, created.id, { signal: AbortSignal.any([stop, timeout]) }).catch(
      (error: unknown) => {
        if (!isFlowError(error) || error.code !== 'flow.aborted') throw error;
        throw new CommandFailure(
          stop.aborted
            ? 'stopped before the refund was reserved'
            : `the refund was not reserved within ${STEP_TIMEOUT_MS / 1000} s`,
        );
      },
    );
    if (followed.lastStatus !== 'Reserved')
      throw new CommandFailure(`the refund ended ${followed.lastStatus ?? 'in an unknown state'}`);
    return { refund: await captureRefund(ctx, created.id), failure: null };
  } catch (error) {
    const cancelled = journalId === null ? false : await cancelIfOpen(session, journalId);
    const refund = journalId === null ? null : ctx.journal.refunds.get(journalId);
    const message = `${journalId === null ? 'could not create the refund: ' : ''}${explainError(error, session.apiUrl)}`;
    return { refund, failure: `${message}${cancelled ? '; the refund was cancelled' : ''}` };
  } finally {
    unsubscribe();
  }
}

/** A refund still open (not ended, no decision under way) is cancelled so it is not captured unseen. */
async function cancelIfOpen(session: TerminalSession, journalId: string): Promise<boolean> {
  const refund = session.engine.journal.refunds.get(journalId);
  if (refund === null || refund.refundId === null || refund.decision !== null) return false;
  if (refund.lastStatus !== null && finalRefundStatuses.has(refund.lastStatus)) return false;
  return cancelRefund(session.engine.context, journalId).then(
    () => true,
    () => false,
  );
}

/** What the cashier keeps of a refund. */
export function refundLines(refund: Refund): string[] {
  return [
    `refundId:       ${refund.refundId ?? '(unknown)'}`,
    `paymentId:      ${refund.paymentId}`,
    `refundOrderId:  ${refund.refundOrderId}`,
    `amount:         ${formatAmount(refund.amount, refund.currencyCode)}`,
    `status:         ${refund.lastStatus ?? '(unknown)'}`,
  ];
}

/** The `refund` subcommand, as registered in index.ts. */
export const refundCommand: CliCommand = {
  name: 'refund',
  summary: 'refund part or all of a captured payment (needs --api)',
  usage: refundUsage,
  run: runRefund,
};
