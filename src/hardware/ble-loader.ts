// Loads noble and bleno lazily, inside a function: requiring either opens a Bluetooth socket at once,
// which throws EAFNOSUPPORT on a kernel without Bluetooth. Every failure becomes an adapter state,
// never an exception. `hciSocket` substitutes @abandonware/bluetooth-hci-socket (the virtual HCI of
// ./virtual-hci) for the stacks' own socket, giving fresh noble/bleno instances on every load.
import { createRequire, Module } from 'node:module';
import { dirname, join } from 'node:path';
import { fromLoadError } from './adapter-state.js';
import type { BlenoLike, NobleLike } from './ble-stack-types.js';
import { haltStack, trackProcessHandlers } from './stack-release.js';
import type { AdapterState } from './types.js';

const requireHere = createRequire(import.meta.url);
const HCI_SOCKET = '@abandonware/bluetooth-hci-socket';

/** How to load a stack. */
export interface BleStackOptions {
  /** A replacement for @abandonware/bluetooth-hci-socket, e.g. createVirtualHci(...).socketModule. */
  readonly hciSocket?: unknown;
  /** The hci device (hciN); default: NOBLE_HCI_DEVICE_ID / BLENO_HCI_DEVICE_ID, else the first adapter. */
  readonly deviceId?: number;
  readonly platform?: NodeJS.Platform;
}

/** A loaded stack, or the adapter state that explains why there is none. */
export type StackLoad<T> =
  | {
      readonly ok: true;
      readonly stack: T;
      /** Removes the exit and SIGINT handlers the stack put on the process (call once it is stopped). */
      readonly release: () => void;
    }
  | { readonly ok: false; readonly state: AdapterState };

function packageDir(name: string): string {
  return dirname(requireHere.resolve(`${name}/package.json`));
}

/** Forgets every cached file of a package, so the next require builds new singletons. */
function forget(dir: string): void {
  for (const key of Object.keys(requireHere.cache)) if (key.startsWith(dir)) delete requireHere.cache[key];
}

/** Runs `load` with `hciSocket` in place of the real socket module, as the stack's hci.js resolves it. */
function withSocket<T>(dir: string, hciSocket: unknown, load: () => T): T {
  const resolved = createRequire(join(dir, 'lib', 'hci-socket', 'hci.js')).resolve(HCI_SOCKET);
  const previous = requireHere.cache[resolved];
  const fake = new Module(resolved);
  fake.filename = resolved;
  fake.loaded = true;
  fake.exports = hciSocket;
  requireHere.cache[resolved] = fake;
  forget(dir);
  try {
    return load();
  } finally {
    forget(dir);
    if (previous === undefined) delete requireHere.cache[resolved];
    else requireHere.cache[resolved] = previous;
  }
}

/** noble, initialised (its bindings open the adapter), or why not. */
export function loadNoble(options: BleStackOptions = {}): StackLoad<NobleLike> {
  try {
    const dir = packageDir('@abandonware/noble');
    const bindingOptions = options.deviceId === undefined ? {} : { deviceId: options.deviceId };
    const noble =
      options.hciSocket === undefined
        ? (requireHere('@abandonware/noble/with-custom-binding') as (o: object) => NobleLike)(bindingOptions)
        : withSocket(dir, options.hciSocket, () => {
            // The HCI bindings whatever the platform: the virtual controller speaks HCI.
            const Noble = requireHere(join(dir, 'lib', 'noble.js')) as new (bindings: unknown) => NobleLike;
            const Bindings = requireHere(join(dir, 'lib', 'hci-socket', 'bindings.js')) as new (
              o: object,
            ) => unknown;
            return new Noble(new Bindings(bindingOptions));
          });
    // The getter initialises the bindings; a missing adapter throws here.
    const removeHandlers = trackProcessHandlers(() => void noble.state);
    const release = (): void => {
      removeHandlers();
      haltStack(noble);
      if (options.hciSocket === undefined) forget(dir);
    };
    return { ok: true, stack: noble, release };
  } catch (error) {
    return { ok: false, state: fromLoadError(error, options.platform) };
  }
}

/** bleno, initialised on the chosen hci device, or why not. */
export function loadBleno(options: BleStackOptions = {}): StackLoad<BlenoLike> {
  try {
    const dir = packageDir('@abandonware/bleno');
    const load = (): { bleno: BlenoLike; mgmt: unknown } => ({
      bleno: requireHere(join(dir, 'index.js')) as BlenoLike,
      // bleno's management socket is a module of its own; keep it to stop it on release.
      mgmt: requireHere.cache[join(dir, 'lib', 'hci-socket', 'mgmt.js')]?.exports,
    });
    const { bleno, mgmt } =
      options.hciSocket === undefined ? load() : withSocket(dir, options.hciSocket, load);
    // bleno reads BLENO_HCI_DEVICE_ID when its first stateChange listener initialises it.
    const saved = process.env.BLENO_HCI_DEVICE_ID;
    if (options.deviceId !== undefined) process.env.BLENO_HCI_DEVICE_ID = String(options.deviceId);
    try {
      const removeHandlers = trackProcessHandlers(() => {
        if (bleno.listenerCount('stateChange') === 0) bleno.on('stateChange', () => undefined);
      });
      const release = (): void => {
        removeHandlers();
        haltStack(bleno, [mgmt]);
        if (options.hciSocket === undefined) forget(dir);
      };
      return { ok: true, stack: bleno, release };
    } finally {
      if (saved === undefined) delete process.env.BLENO_HCI_DEVICE_ID;
      else process.env.BLENO_HCI_DEVICE_ID = saved;
    }
  } catch (error) {
    return { ok: false, state: fromLoadError(error, options.platform) };
  }
}
