// The virtual radio's medium within one process: every joined link hears every broadcast, delivered
// on a later turn of the event loop (like a datagram), encoded and decoded as on the UDP medium.
import { decodeRadioMessage, encodeRadioMessage, type RadioMessage } from './radio-messages.js';

/** One radio's attachment to a medium. */
export interface RadioLink {
  /** This link's id on the medium (a port for UDP). */
  readonly peerId: string;
  /** For the hardware lab: "udp 127.0.0.1:47310" or "memory #2". */
  readonly description: string;
  /** Sends to every other link on the medium. */
  broadcast(message: RadioMessage): void;
  /** Sends to one link. */
  sendTo(peerId: string, message: RadioMessage): void;
  onMessage(listener: (message: RadioMessage, fromPeer: string) => void): () => void;
  close(): Promise<void>;
}

/** A shared software medium radios join. */
export interface RadioMedium {
  readonly kind: 'memory' | 'udp';
  join(): Promise<RadioLink>;
}

/** A medium inside this process; pass the same one to every radio that should hear the others. */
export function createMemoryMedium(): RadioMedium {
  const links = new Map<string, Set<(message: RadioMessage, fromPeer: string) => void>>();
  let next = 1;

  const deliver = (to: string, from: string, datagram: Buffer): void => {
    setImmediate(() => {
      const listeners = links.get(to);
      const message = decodeRadioMessage(datagram);
      if (listeners === undefined || message === null) return;
      for (const listener of [...listeners]) listener(message, from);
    });
  };

  return {
    kind: 'memory',
    join: () => {
      const peerId = String(next++);
      const listeners = new Set<(message: RadioMessage, fromPeer: string) => void>();
      links.set(peerId, listeners);
      const link: RadioLink = {
        peerId,
        description: `memory #${peerId}`,
        broadcast: (message) => {
          if (!links.has(peerId)) return;
          const datagram = encodeRadioMessage(message);
          for (const other of links.keys()) if (other !== peerId) deliver(other, peerId, datagram);
        },
        sendTo: (to, message) => {
          if (links.has(peerId) && to !== peerId) deliver(to, peerId, encodeRadioMessage(message));
        },
        onMessage: (listener) => {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
        close: async () => {
          links.delete(peerId);
          listeners.clear();
        },
      };
      return Promise.resolve(link);
    },
  };
}
