// Taking a beacon heard nearby as the PoS's beaconId (a GUID or 15 digits, PoS v10). Our profile
// carries a beaconId as is. An iBeacon's proximity UUID and an Eddystone-UID's namespace + instance
// are 128 bits, so both map to a GUID; what does not fit (major/minor) or does not identify one
// till (a UUID shared by several beacons, an all-zero id) is refused with the reason.
import { formatUuid } from './beacon-formats.js';
import type { BeaconAdoption, BeaconFrame, BeaconSighting } from './types.js';

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/** The beaconId a frame maps to under the documented rules, or null when it maps to none. */
export function beaconIdOf(frame: BeaconFrame): string | null {
  switch (frame.kind) {
    case 'pos-sim':
      return frame.beaconId;
    case 'ibeacon':
      return frame.uuid === NIL_UUID ? null : frame.uuid;
    case 'eddystone-uid': {
      const uuid = formatUuid(Buffer.from(frame.namespace + frame.instance, 'hex'));
      return uuid === NIL_UUID ? null : uuid;
    }
  }
}

/** Decides whether a sighting can become the PoS's beaconId, given the other beacons heard. */
export function adoptBeacon(sighting: BeaconSighting, nearby: readonly BeaconSighting[]): BeaconAdoption {
  const { frame } = sighting;
  const beaconId = beaconIdOf(frame);
  const refuse = (reason: string): BeaconAdoption => ({ kind: 'refused', sightingId: sighting.id, reason });
  if (beaconId === null) return refuse('Its id is all zeros, which cannot identify a till.');
  switch (frame.kind) {
    case 'pos-sim':
      return {
        kind: 'adopted',
        beaconId,
        sightingId: sighting.id,
        note: 'A beacon of this simulator’s own profile: its beaconId is taken as is.',
      };
    case 'ibeacon': {
      const sharing = nearby.filter(
        (other) =>
          other.id !== sighting.id &&
          other.frame.kind === 'ibeacon' &&
          other.frame.uuid === frame.uuid &&
          (other.frame.major !== frame.major || other.frame.minor !== frame.minor),
      );
      if (sharing.length > 0)
        return refuse(
          `${sharing.length + 1} iBeacons nearby share the proximity UUID ${frame.uuid}; a beaconId has no room ` +
            'for major/minor, so they would all be the same till. Give this beacon a UUID of its own.',
        );
      return {
        kind: 'adopted',
        beaconId,
        sightingId: sighting.id,
        note:
          `The iBeacon's proximity UUID is the beaconId (a GUID); major ${frame.major} and minor ${frame.minor} ` +
          'are not part of it.',
      };
    }
    case 'eddystone-uid':
      return {
        kind: 'adopted',
        beaconId,
        sightingId: sighting.id,
        note: 'The Eddystone-UID namespace (10 bytes) and instance (6 bytes), read as one 128-bit GUID.',
      };
  }
}
