// The one way a transport (IPC or HTTP) runs a bridge call: look the call up by name, parse the
// untrusted argument with the contract's schema, run the handler, and answer a result object.
import { bridgeArgs } from '../shared/bridge/args.js';
import {
  bridgeChannels,
  type BridgeCallName,
  type BridgeResult,
  type BridgeResults,
} from '../shared/bridge/index.js';
import { describeFailure } from './failure.js';
import type { BridgeHandlers } from './types.js';

export function isBridgeCallName(name: string): name is BridgeCallName {
  return Object.hasOwn(bridgeChannels, name);
}

/** Runs one call; never throws. Unknown names and bad arguments are `bad-input` failures. */
export async function dispatch(
  handlers: BridgeHandlers,
  name: string,
  rawArgs: unknown,
): Promise<BridgeResult<BridgeResults[BridgeCallName]>> {
  if (!isBridgeCallName(name)) {
    return {
      ok: false,
      error: {
        code: 'bad-input',
        message: `There is no call named "${name}".`,
        apiCode: null,
        retryable: false,
      },
    };
  }
  const parsed = bridgeArgs[name].safeParse(rawArgs ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return {
      ok: false,
      error: {
        code: 'bad-input',
        message: `${where}${issue?.message ?? 'invalid input'}`,
        apiCode: null,
        retryable: false,
      },
    };
  }
  try {
    const handler = handlers[name] as (args: unknown) => Promise<BridgeResults[BridgeCallName]>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    return { ok: false, error: describeFailure(error) };
  }
}
