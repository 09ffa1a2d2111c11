// `pos-sim onboard`: sets up this terminal's point of sale at MobilePay (the store by id or by brand and
// location, name, merchantPosId, beacon, callback alias) and prints its posId and beaconId; with
// --offboard, deletes it. The configuration lives in the journal, so `pay` uses this PoS afterwards.
import { randomUUID } from 'node:crypto';
import {
  BEACON_TYPES,
  isGuid,
  isValidBeaconId,
  isValidMerchantLocationId,
  isValidText,
  MERCHANT_BRAND_ID_PATTERN,
} from '../shared/pos-v10/formats.js';
import type { EngineContext } from '../terminal/context.js';
import { findStores, offboard } from '../terminal/flows/onboarding.js';
import type { PosConfigInput } from '../terminal/journal/index.js';
import { formatOptions, parseOptions, UsageError } from './args.js';
import { EXIT_OK, type CliCommand, type CliContext } from './command.js';
import { applyPos, CLI_MERCHANT_POS_ID, CLI_POS_NAME, defaultStoreId, posLines } from './terminal-pos.js';
import {
  connectionOptions,
  DEFAULT_DATA_DIR_LABEL,
  nonEmpty,
  parseConnection,
  pollDelayOption,
  type ConnectionSettings,
} from './terminal-options.js';
import { CommandFailure, withSession } from './terminal-setup.js';

const settingOptions = {
  'store-id': {
    type: 'string',
    valueName: 'ID',
    description: 'the store (default: the saved, demo or only one)',
  },
  brand: { type: 'string', valueName: 'MPPOSXXXXX', description: 'find the store by merchantBrandId ...' },
  location: { type: 'string', valueName: '00001', description: '... and merchantLocationId' },
  name: {
    type: 'string',
    valueName: 'NAME',
    description: `the PoS name shown to customers (default '${CLI_POS_NAME}')`,
  },
  'merchant-pos-id': {
    type: 'string',
    valueName: 'ID',
    description: `our id of the PoS (default ${CLI_MERCHANT_POS_ID})`,
  },
  'beacon-id': {
    type: 'string',
    valueName: 'ID',
    description: 'a GUID or 15 digits (default: the saved one, else a new GUID)',
  },
  'beacon-types': {
    type: 'string',
    valueName: 'QR,NFC,Bluetooth',
    description: 'supported beacon types (default QR)',
  },
  'callback-alias': {
    type: 'string',
    valueName: 'A',
    description: 'check-in notifications go to this alias',
  },
  'require-payment-before-checkin': {
    type: 'boolean',
    description: 'customers may check in only during a payment',
  },
} as const;

const onboardOptions = {
  ...settingOptions,
  offboard: { type: 'boolean', description: 'delete the PoS instead (no other PoS settings)' },
  ...connectionOptions,
  ...pollDelayOption,
  help: { type: 'boolean', short: 'h', description: 'show this help' },
} as const;

/** The help of `pos-sim onboard --help`. */
export const onboardUsage = [
  'Usage: pos-sim onboard [--store-id ID | --brand MPPOSXXXXX --location 00001] [--name NAME]',
  '                       [--merchant-pos-id ID] [--beacon-id ID] [--beacon-types QR,NFC,Bluetooth]',
  '                       [--callback-alias A] [--require-payment-before-checkin] [--api URL] [--data DIR]',
  '       pos-sim onboard --offboard [--api URL] [--data DIR]',
  '',
  "Creates this terminal's point of sale (or checks the one in the journal, re-creating it when a",
  'setting changed: PoSes are immutable) and prints its posId and beaconId; --offboard deletes it.',
  `Use --api to keep the PoS: the embedded emulator's state ends with the command. The journal is`,
  `in ${DEFAULT_DATA_DIR_LABEL} with --api unless --data says otherwise.`,
  '',
  formatOptions(onboardOptions),
].join('\n');

/** Where the store comes from. */
export type StoreChoice =
  | { readonly by: 'id'; readonly storeId: string }
  | { readonly by: 'location'; readonly merchantBrandId: string; readonly merchantLocationId: string }
  | { readonly by: 'default' };

/** `pos-sim onboard` as parsed; absent settings are undefined. */
export interface OnboardArgs {
  readonly help: boolean;
  readonly offboard: boolean;
  readonly store: StoreChoice;
  readonly settings: Partial<Omit<PosConfigInput, 'storeId' | 'merchantVat'>>;
  readonly connection: ConnectionSettings;
}

/** Parses and checks the arguments of `pos-sim onboard`; throws UsageError on the first mistake. */
export function parseOnboardArgs(argv: readonly string[]): OnboardArgs {
  const values = parseOptions(argv, onboardOptions);
  const given = Object.keys(settingOptions).filter(
    (name) => values[name as keyof typeof settingOptions] !== undefined,
  );
  if (values.offboard === true && given.length > 0)
    throw new UsageError(`--offboard takes no PoS settings (got --${given.join(', --')})`);
  const text = (name: keyof typeof settingOptions, max: number): string | undefined => {
    const value = nonEmpty(name, values[name] as string | undefined);
    if (value !== undefined && !isValidText(value, max))
      throw new UsageError(`--${name} must be 1-${max} valid characters, got '${value}'`);
    return value;
  };
  const beaconId = nonEmpty('beacon-id', values['beacon-id']);
  if (beaconId !== undefined && !isValidBeaconId(beaconId))
    throw new UsageError(`--beacon-id must be a GUID or 15 digits, got '${beaconId}'`);
  const types = values['beacon-types'];
  const settings: OnboardArgs['settings'] = {
    ...optional('posName', text('name', 36)),
    ...optional('merchantPosId', text('merchant-pos-id', 36)),
    ...optional('beaconId', beaconId),
    ...optional('supportedBeaconTypes', types === undefined ? undefined : beaconTypes(types)),
    ...optional('callbackAlias', text('callback-alias', 36)),
    ...optional('requirePaymentBeforeCheckin', values['require-payment-before-checkin']),
  };
  return {
    help: values.help === true,
    offboard: values.offboard === true,
    store: storeChoice(values['store-id'], values.brand, values.location),
    settings,
    connection: parseConnection(values),
  };
}

/** `{ key: value }`, or nothing when the value is absent. */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function storeChoice(
  id: string | undefined,
  brand: string | undefined,
  location: string | undefined,
): StoreChoice {
  if (id !== undefined && (brand !== undefined || location !== undefined))
    throw new UsageError('give --store-id or --brand with --location, not both');
  if (id !== undefined) {
    if (!isGuid(id.trim())) throw new UsageError(`--store-id must be a GUID, got '${id}'`);
    return { by: 'id', storeId: id.trim() };
  }
  if (brand === undefined && location === undefined) return { by: 'default' };
  if (brand === undefined || location === undefined)
    throw new UsageError('--brand and --location must be given together');
  if (!MERCHANT_BRAND_ID_PATTERN.test(brand))
    throw new UsageError(`--brand must be MPPOS, POSDK or POSFI and 5 letters or digits, got '${brand}'`);
  if (!isValidMerchantLocationId(location))
    throw new UsageError(`--location must be 5 characters, e.g. 00001, got '${location}'`);
  return { by: 'location', merchantBrandId: brand, merchantLocationId: location };
}

/** "QR,nfc" -> ['QR', 'NFC']: known types, each once. */
export function beaconTypes(raw: string): PosConfigInput['supportedBeaconTypes'] {
  const types = raw.split(',').map((part) => {
    const found = BEACON_TYPES.find((type) => type.toLowerCase() === part.trim().toLowerCase());
    if (found === undefined)
      throw new UsageError(`--beacon-types takes ${BEACON_TYPES.join(', ')}, got '${part.trim()}'`);
    return found;
  });
  if (new Set(types).size !== types.length)
    throw new UsageError(`--beacon-types lists a type twice: '${raw}'`);
  return types;
}

async function storeIdOf(ctx: EngineContext, choice: StoreChoice, merchantVat: string): Promise<string> {
  if (choice.by === 'id') return choice.storeId;
  if (choice.by === 'default') return defaultStoreId(ctx, merchantVat);
  const { merchantBrandId, merchantLocationId } = choice;
  const [store] = await findStores(ctx, { by: 'location', merchantBrandId, merchantLocationId });
  return store!.storeId;
}

async function runOnboard(argv: readonly string[], context: CliContext): Promise<number> {
  const args = parseOnboardArgs(argv);
  if (args.help) {
    context.stdout(`${onboardUsage}\n`);
    return EXIT_OK;
  }
  const print = (line: string): void => context.stdout(`${line}\n`);
  const { merchantVat } = args.connection;
  return withSession('onboard', args.connection, context, async (session) => {
    const ctx = session.engine.context;
    const saved = ctx.journal.posConfig.get();
    if (args.offboard) {
      if (saved === null)
        throw new CommandFailure(`no PoS to offboard: the journal in ${session.dataDir} has none`);
      const posId = saved.posId;
      await offboard(ctx);
      print(`offboarded PoS ${saved.merchantPosId}${posId === null ? '' : ` (posId ${posId})`}`);
      return EXIT_OK;
    }
    const mine = saved !== null && saved.merchantVat === merchantVat ? saved : null;
    const config = await applyPos(ctx, {
      storeId: await storeIdOf(ctx, args.store, merchantVat),
      merchantPosId: CLI_MERCHANT_POS_ID,
      posName: CLI_POS_NAME,
      beaconId: mine === null ? randomUUID() : mine.beaconId,
      supportedBeaconTypes: ['QR'],
      callbackAlias: null,
      requirePaymentBeforeCheckin: false,
      ...args.settings,
      merchantVat,
    });
    for (const line of posLines(config)) print(line);
    if (session.embedded)
      print('note: the embedded emulator stops now, and this PoS with it; use --api to keep it');
    return EXIT_OK;
  });
}

/** The `onboard` subcommand, as registered in index.ts. */
export const onboardCommand: CliCommand = {
  name: 'onboard',
  summary: "create (or check, or with --offboard delete) this terminal's point of sale",
  usage: onboardUsage,
  run: runOnboard,
};
