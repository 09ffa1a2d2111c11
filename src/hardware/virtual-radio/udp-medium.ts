// The virtual radio's medium across processes on one machine: UDP datagrams on loopback within a
// fixed port range. Each radio binds the first free port of the range; a broadcast is one datagram to
// each other port of the range (at most ports - 1 sends, never a loop that waits). Nothing leaves
// 127.0.0.1. Close releases the port.
import { createSocket, type Socket } from 'node:dgram';
import type { RadioLink, RadioMedium } from './memory-medium.js';
import { decodeRadioMessage, encodeRadioMessage, type RadioMessage } from './radio-messages.js';

/** The range the app uses unless told otherwise (POS_SIM_RADIO_PORT overrides the base). */
export const DEFAULT_RADIO_BASE_PORT = 47_310;
export const DEFAULT_RADIO_PORTS = 16;
const HOST = '127.0.0.1';

export interface UdpMediumOptions {
  readonly basePort?: number;
  readonly ports?: number;
}

/** The port range from the options or POS_SIM_RADIO_PORT. */
export function radioPortRange(options: UdpMediumOptions = {}): {
  readonly basePort: number;
  readonly ports: number;
} {
  const fromEnv = Number.parseInt(process.env.POS_SIM_RADIO_PORT ?? '', 10);
  const basePort =
    options.basePort ?? (Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : DEFAULT_RADIO_BASE_PORT);
  return { basePort, ports: Math.max(2, Math.min(options.ports ?? DEFAULT_RADIO_PORTS, 64)) };
}

function bind(port: number): Promise<Socket | null> {
  return new Promise((resolve) => {
    const socket = createSocket({ type: 'udp4', reuseAddr: false });
    const fail = (): void => {
      socket.close();
      resolve(null);
    };
    socket.once('error', fail);
    socket.bind({ port, address: HOST, exclusive: true }, () => {
      socket.off('error', fail);
      resolve(socket);
    });
  });
}

/** The loopback medium; join() binds a port of the range or rejects when all are taken. */
export function createUdpMedium(options: UdpMediumOptions = {}): RadioMedium {
  const { basePort, ports } = radioPortRange(options);
  return {
    kind: 'udp',
    join: async () => {
      let socket: Socket | null = null;
      let port = basePort;
      for (; port < basePort + ports && socket === null; port++) socket = await bind(port);
      if (socket === null)
        throw new Error(
          `every port of the virtual radio (${basePort}-${basePort + ports - 1} on ${HOST}) is taken`,
        );
      return udpLink(socket, port - 1, basePort, ports);
    },
  };
}

function udpLink(socket: Socket, own: number, basePort: number, ports: number): RadioLink {
  const listeners = new Set<(message: RadioMessage, fromPeer: string) => void>();
  let open = true;
  // Loopback datagrams to a closed port may surface as errors on some systems: they are not ours to act on.
  socket.on('error', () => undefined);
  socket.on('message', (datagram, remote) => {
    if (remote.address !== HOST || remote.port < basePort || remote.port >= basePort + ports) return;
    const message = decodeRadioMessage(datagram);
    if (message === null) return;
    for (const listener of [...listeners]) listener(message, String(remote.port));
  });
  const send = (port: number, datagram: Buffer): void => {
    if (open) socket.send(datagram, port, HOST, () => undefined);
  };
  return {
    peerId: String(own),
    description: `udp ${HOST}:${own}`,
    broadcast: (message) => {
      const datagram = encodeRadioMessage(message);
      for (let port = basePort; port < basePort + ports; port++) if (port !== own) send(port, datagram);
    },
    sendTo: (peerId, message) => {
      const port = Number(peerId);
      if (Number.isInteger(port) && port >= basePort && port < basePort + ports)
        send(port, encodeRadioMessage(message));
    },
    onMessage: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (!open) return resolve();
        open = false;
        listeners.clear();
        socket.close(() => resolve());
      }),
  };
}
