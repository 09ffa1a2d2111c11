// Letting go of a loaded noble or bleno. Neither has a close(): their HCI layer polls the adapter
// every second for ever and their sockets stay open. Releasing ends the poll after its next turn,
// stops the sockets, removes the exit/SIGINT handlers they put on the process, and forgets their
// modules, so a later load (e.g. after a mode change) starts a fresh stack.
import type { EventEmitter } from 'node:events';

const PROCESS_EVENTS = ['exit', 'SIGINT'];

interface HciInternals {
  pollIsDevUp?: () => void;
  _socket?: { stop?: () => void };
}

/** Runs `init` and returns a function that removes the process handlers it added. */
export function trackProcessHandlers(init: () => void): () => void {
  const emitter: EventEmitter = process;
  const before = new Map(PROCESS_EVENTS.map((event) => [event, new Set(emitter.listeners(event))]));
  init();
  const added = PROCESS_EVENTS.flatMap((event) =>
    emitter
      .listeners(event)
      .filter((listener) => !before.get(event)?.has(listener))
      .map((listener) => [event, listener] as const),
  );
  return () => {
    for (const [event, listener] of added) emitter.off(event, listener as (...args: unknown[]) => void);
  };
}

/** Stops a stack's HCI poll and sockets (best effort: the internals are noble's and bleno's own). */
export function haltStack(stack: unknown, extraSockets: readonly unknown[] = []): void {
  const hci = (stack as { _bindings?: { _hci?: HciInternals } } | null)?._bindings?._hci;
  if (hci !== undefined && hci !== null) {
    // The pending poll reads this property to schedule the next one: the chain ends there.
    hci.pollIsDevUp = () => undefined;
    stopSocket(hci._socket);
  }
  for (const holder of extraSockets) stopSocket((holder as { _socket?: unknown } | null)?._socket);
}

function stopSocket(socket: unknown): void {
  try {
    (socket as { stop?: () => void } | undefined)?.stop?.();
  } catch {
    // A socket that cannot stop is already gone.
  }
}
