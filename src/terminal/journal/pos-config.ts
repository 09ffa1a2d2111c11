// The terminal's one PoS configuration (store, merchantPosId, name, beacon, VAT) and the posId the API
// gave it, kept with the createPos intent so onboarding survives a crash halfway through.
import { z } from 'zod';
import { isValidBeaconId, isValidVat, type BEACON_TYPES } from '../../shared/pos-v10/formats.js';
import { beaconTypeSchema, type CreatePosRequest } from '../../shared/pos-v10/schemas.js';
import { canonicalJson, jsonText, parseInput, parseRow, sqlBoolean, timestamp } from './codec.js';
import type { JournalContext } from './database.js';
import { JournalError } from './errors.js';
import type { BegunIntent, IntentLedger } from './intents.js';

/** What the cashier or the CLI configures; the PoS is created at MobilePay from exactly this. */
export interface PosConfigInput {
  readonly storeId: string;
  readonly merchantPosId: string;
  readonly posName: string;
  /** A GUID or 15 digits printed on a sticker; null lets MobilePay generate one. */
  readonly beaconId: string | null;
  readonly supportedBeaconTypes: readonly (typeof BEACON_TYPES)[number][];
  readonly callbackAlias: string | null;
  readonly requirePaymentBeforeCheckin: boolean;
  readonly merchantVat: string;
}

/** The saved configuration and what the API said about it. */
export interface PosConfig extends PosConfigInput {
  /** The API's posId once the PoS is created (cleared when the configuration changes). */
  readonly posId: string | null;
  /** The beaconId the API reports for posId (the generated one when beaconId is null). */
  readonly assignedBeaconId: string | null;
  readonly updatedAt: number;
}

/** The PoS configuration record. */
export interface PosConfigStore {
  get(): PosConfig | null;
  /** Saves the configuration; if anything the PoS was created with changes, posId is forgotten. */
  save(input: PosConfigInput): PosConfig;
  /** Journals POST /pointofsales for the saved configuration (acknowledging it stores the posId). */
  beginCreate(): BegunIntent;
  /** Records the PoS as the API reports it (GET /pointofsales/{posId}), e.g. its generated beaconId. */
  setPos(pos: { readonly posId: string; readonly beaconId: string | null }): PosConfig;
  /** Forgets posId, e.g. after DELETE /pointofsales/{posId}. */
  clearPos(): PosConfig;
}

const inputSchema = z.object({
  storeId: z.string().min(1),
  merchantPosId: z.string().min(1),
  posName: z.string().min(1),
  beaconId: z.string().refine(isValidBeaconId, 'a GUID or 15 digits').nullable(),
  supportedBeaconTypes: z.array(beaconTypeSchema),
  callbackAlias: z.string().min(1).nullable(),
  requirePaymentBeforeCheckin: z.boolean(),
  merchantVat: z.string().refine(isValidVat, 'DK or FI and 8 digits'),
});

const rowSchema = z.object({
  store_id: z.string(),
  merchant_pos_id: z.string(),
  pos_name: z.string(),
  beacon_id: z.string().nullable(),
  supported_beacon_types: jsonText(z.array(beaconTypeSchema)),
  callback_alias: z.string().nullable(),
  require_payment_before_checkin: sqlBoolean,
  merchant_vat: z.string(),
  pos_id: z.string().nullable(),
  assigned_beacon_id: z.string().nullable(),
  updated_at: timestamp,
});

function fromRow(raw: unknown): PosConfig {
  const row = parseRow(rowSchema, raw, 'pos config');
  return {
    storeId: row.store_id,
    merchantPosId: row.merchant_pos_id,
    posName: row.pos_name,
    beaconId: row.beacon_id,
    supportedBeaconTypes: row.supported_beacon_types,
    callbackAlias: row.callback_alias,
    requirePaymentBeforeCheckin: row.require_payment_before_checkin,
    merchantVat: row.merchant_vat,
    posId: row.pos_id,
    assignedBeaconId: row.assigned_beacon_id,
    updatedAt: row.updated_at,
  };
}

/** The body of POST /pointofsales for a configuration (absent beaconId / callbackAlias, not null). */
export function createPosBody(config: PosConfigInput): CreatePosRequest {
  return {
    merchantPosId: config.merchantPosId,
    storeId: config.storeId,
    name: config.posName,
    ...(config.beaconId === null ? {} : { beaconId: config.beaconId }),
    ...(config.callbackAlias === null ? {} : { callbackAlias: config.callbackAlias }),
    supportedBeaconTypes: [...config.supportedBeaconTypes],
    requirePaymentBeforeCheckin: config.requirePaymentBeforeCheckin,
  };
}

export function posConfigStore(ctx: JournalContext, intents: IntentLedger): PosConfigStore {
  const { db } = ctx;
  const sql = {
    get: db.prepare('SELECT * FROM pos_config WHERE id = 1'),
    save: db.prepare(
      `INSERT INTO pos_config (id, store_id, merchant_pos_id, pos_name, beacon_id, supported_beacon_types,
       callback_alias, require_payment_before_checkin, merchant_vat, pos_id, assigned_beacon_id, updated_at)
       VALUES (1, @storeId, @merchantPosId, @posName, @beaconId, @types, @callbackAlias, @requirePayment,
       @merchantVat, @posId, @assignedBeaconId, @now)
       ON CONFLICT (id) DO UPDATE SET store_id = excluded.store_id, merchant_pos_id = excluded.merchant_pos_id,
       pos_name = excluded.pos_name, beacon_id = excluded.beacon_id,
       supported_beacon_types = excluded.supported_beacon_types, callback_alias = excluded.callback_alias,
       require_payment_before_checkin = excluded.require_payment_before_checkin,
       merchant_vat = excluded.merchant_vat, pos_id = excluded.pos_id,
       assigned_beacon_id = excluded.assigned_beacon_id, updated_at = excluded.updated_at`,
    ),
    setPos: db.prepare<[string | null, string | null, number]>(
      'UPDATE pos_config SET pos_id = ?, assigned_beacon_id = ?, updated_at = ? WHERE id = 1',
    ),
  };
  const get = (): PosConfig | null => {
    const row = sql.get.get();
    return row === undefined ? null : fromRow(row);
  };
  const mustGet = (): PosConfig => {
    const config = get();
    if (config === null) throw new JournalError('invalid_state', 'no PoS configuration is saved');
    return config;
  };

  return {
    get,
    save(input) {
      return ctx.transaction(() => {
        const next = parseInput(inputSchema, input, 'PoS configuration');
        const previous = get();
        const same =
          previous !== null &&
          previous.merchantVat === next.merchantVat &&
          canonicalJson(createPosBody(previous)) === canonicalJson(createPosBody(next));
        sql.save.run({
          ...next,
          types: JSON.stringify(next.supportedBeaconTypes),
          requirePayment: next.requirePaymentBeforeCheckin ? 1 : 0,
          posId: same ? previous.posId : null,
          assignedBeaconId: same ? previous.assignedBeaconId : null,
          now: ctx.now(),
        });
        return mustGet();
      });
    },
    beginCreate() {
      return ctx.durableTransaction(() =>
        intents.begin({ kind: 'createPos', body: createPosBody(mustGet()) }, false),
      );
    },
    setPos(pos) {
      return ctx.transaction(() => {
        mustGet();
        const posId = parseInput(z.string().min(1), pos.posId, 'posId');
        sql.setPos.run(posId, pos.beaconId, ctx.now());
        return mustGet();
      });
    },
    clearPos() {
      return ctx.transaction(() => {
        mustGet();
        sql.setPos.run(null, null, ctx.now());
        return mustGet();
      });
    },
  };
}
