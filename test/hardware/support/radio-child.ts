// A till in another process for the cross-process spec: it advertises a beaconId on the UDP virtual
// radio, prints one JSON line when ready and one per check-in, and closes when its stdin ends.
import { createBeaconHardware } from '../../../src/hardware/beacon-hardware.js';

const [beaconId = '', basePort = '0', ports = '4'] = process.argv.slice(2);
const hardware = await createBeaconHardware({
  mode: 'virtual',
  virtual: { basePort: Number(basePort), ports: Number(ports), advIntervalMs: 50 },
});
hardware.onCheckIn((event) => console.log(JSON.stringify({ checkIn: event })));
const state = await hardware.startAdvertising(beaconId, 'Other till');
console.log(JSON.stringify({ ready: state.advertising, radio: state.virtualRadio }));
process.stdin.resume();
process.stdin.on('end', () => {
  void hardware.close().then(() => process.exit(0));
});
