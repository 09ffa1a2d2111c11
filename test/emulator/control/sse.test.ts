import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FastifyReply } from 'fastify';
import { EventStreams, HEARTBEAT_MS, formatEvent } from '../../../src/emulator/control/sse.js';
import { EventBus } from '../../../src/emulator/events.js';
import { startHarness, type Harness } from '../harness.js';
import { listen, openEventStream, type EventStream } from './support.js';

let harness: Harness | undefined;
let stream: EventStream | undefined;
afterEach(async () => {
  stream?.close();
  await harness?.close();
  harness = undefined;
  stream = undefined;
});

describe('the event stream', () => {
  it('delivers a state change as an SSE message', async () => {
    harness = await startHarness();
    stream = await openEventStream(await listen(harness));
    expect(stream.headers['content-type']).toMatch(/^text\/event-stream/);

    const { posId } = await harness.createPos();
    const message = await stream.next('state');

    expect(message).toEqual({
      event: 'state',
      data: expect.objectContaining({ kind: 'state', entity: 'pointOfSale', id: posId, from: null }),
    });
  });

  it('delivers the requests the emulator answered', async () => {
    harness = await startHarness();
    stream = await openEventStream(await listen(harness));
    await harness.api('GET', '/pos/v10/stores');
    const message = await stream.next('request');
    expect(message.data).toMatchObject({
      kind: 'request',
      method: 'GET',
      url: '/pos/v10/stores',
      status: 200,
    });
  });

  it('stops listening to the event bus when the client goes away', async () => {
    harness = await startHarness();
    const before = harness.app.emulator.events.size;
    stream = await openEventStream(await listen(harness));
    await vi.waitFor(() => expect(harness!.app.emulator.events.size).toBe(before + 1));
    stream.close();
    await vi.waitFor(() => expect(harness!.app.emulator.events.size).toBe(before));
    expect(harness.app.emulatorControl.streams.size).toBe(0);
  });

  it('does not keep app.close() waiting while a stream is open', async () => {
    harness = await startHarness();
    stream = await openEventStream(await listen(harness));
    await vi.waitFor(() => expect(harness!.app.emulatorControl.streams.size).toBe(1));
    const closing = harness.close();
    harness = undefined;
    await expect(closing).resolves.toBeUndefined();
  });

  it('formats an event as `event:` and `data:` lines ending in a blank line', () => {
    const event = {
      kind: 'state',
      at: 1,
      entity: 'payment',
      id: 'p',
      from: 'Initiated',
      to: 'Reserved',
    } as const;
    expect(formatEvent(event)).toBe(`event: state\ndata: ${JSON.stringify(event)}\n\n`);
  });

  it('sends a comment heartbeat every 15 seconds until the client leaves', () => {
    vi.useFakeTimers();
    try {
      const bus = new EventBus();
      const written: string[] = [];
      const onClose: (() => void)[] = [];
      const raw = {
        writableEnded: false,
        writeHead: () => raw,
        write: (chunk: string) => written.push(chunk),
        end: () => (raw.writableEnded = true),
        once: (_event: 'close', listener: () => void) => onClose.push(listener),
      };
      new EventStreams(bus).serve({ hijack: () => undefined, raw } as unknown as FastifyReply);

      vi.advanceTimersByTime(HEARTBEAT_MS);
      expect(written).toEqual([': connected\n\n', ': heartbeat\n\n']);
      onClose.forEach((listener) => listener());
      vi.advanceTimersByTime(HEARTBEAT_MS * 2);
      expect(written).toHaveLength(2);
      expect(bus.size).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
