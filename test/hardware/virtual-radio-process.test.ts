import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createBlePhone, type BlePhone } from '../../src/customer/ble-phone.js';
import { eventually } from './support/eventually.js';

const CHILD = fileURLToPath(new URL('./support/radio-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** A port range of our own, so a running simulator (47310-47325) is not disturbed. */
const BASE_PORT = 47_400 + (process.pid % 500) * 4;
const BEACON = 'cd851cd7-8398-4a03-83c1-391a2f5cb71c';

let child: ChildProcess | null = null;
let phone: BlePhone | null = null;
afterEach(async () => {
  await phone?.close();
  const running = child;
  child = phone = null;
  if (running === null || running.exitCode !== null) return;
  const exited = new Promise((resolve) => running.once('exit', resolve));
  running.stdin?.end(); // the child closes its radio and exits
  const timer = setTimeout(() => running.kill(), 5000);
  await exited;
  clearTimeout(timer);
});

describe('virtual radio across processes', () => {
  it('lets a phone in this process hear a till in another one, with RSSI following the distance, and check in', async () => {
    const lines: string[] = [];
    child = spawn(process.execPath, ['--import', 'tsx', CHILD, BEACON, String(BASE_PORT), '4'], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let buffered = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
        lines.push(buffered.slice(0, end));
        buffered = buffered.slice(end + 1);
      }
    });
    const ready = JSON.parse(
      await eventually(() => lines.find((l) => l.includes('"ready"')), 'the child till', 20_000),
    );
    expect(ready.ready).toMatchObject({ kind: 'advertising', beaconId: BEACON, on: ['virtual'] });
    expect(ready.radio).toMatch(/^udp 127\.0\.0\.1:/);

    phone = await createBlePhone({
      mode: 'virtual',
      virtual: { basePort: BASE_PORT, ports: 4 },
      nonce: () => 42,
    });
    expect(phone.state().radios[0]?.transport).toBe('virtual');
    const near = await phone.discover({ beaconId: BEACON, withinMs: 3000 });
    expect(near).toMatchObject({
      kind: 'found',
      beaconId: BEACON,
      sighting: { rssi: -59, localName: 'Other till' },
    });

    phone.setDistance(4.5); // 5 m apart: -59 - 20 log10(5)
    const far = await phone.discover({ beaconId: BEACON, withinMs: 3000 });
    expect(far.kind === 'found' && far.sighting.rssi).toBe(-73);

    const result = await phone.checkIn({ phoneId: '4512345678', beaconId: BEACON, withinMs: 3000 });
    expect(result).toMatchObject({ kind: 'checked-in', beaconId: BEACON, transport: 'virtual' });
    const checkIn = JSON.parse(
      await eventually(() => lines.find((l) => l.includes('"checkIn"')), 'the check-in in the child'),
    );
    expect(checkIn.checkIn).toMatchObject({
      beaconId: BEACON,
      phoneId: '4512345678',
      nonce: 42,
      transport: 'virtual',
    });
  });
});
