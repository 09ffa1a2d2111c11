// What the beacon panel tells the tester, derived from the radios' states: the honest fallbacks
// (QR only, virtual radio only, advertising interrupted, a configured beacon missing), each with
// what to do. Pure functions of the state, so every fallback is testable without hardware.
import type {
  AdapterState,
  AdvertisingState,
  HardwareMode,
  HardwareNotice,
  PresenceState,
  RadioStatus,
  RadioTransport,
} from './types.js';

/** Adapter states that may still turn into powered-on without anyone changing the setup. */
const TRANSIENT = new Set<AdapterState['kind']>(['powered-off', 'unknown', 'resetting']);

export interface NoticeInputs {
  readonly mode: HardwareMode;
  readonly statuses: readonly RadioStatus[];
  /** The real adapter's problem when BLE was tried and left out (auto mode). */
  readonly bleProblem: AdapterState | null;
  readonly virtualProblem: string | null;
  readonly advertisingWanted: boolean;
  readonly presence: PresenceState;
}

/** The first role state of the real adapter that is not powered on, if any. */
function bleIssue(inputs: NoticeInputs): AdapterState | null {
  const ble = inputs.statuses.find((s) => s.transport === 'ble');
  if (ble === undefined) return inputs.bleProblem;
  return [ble.advertiser, ble.scanner].find((s) => s !== null && s.kind !== 'powered-on') ?? null;
}

/** The notices for a state, most important first. */
export function noticesFor(inputs: NoticeInputs): HardwareNotice[] {
  if (inputs.mode === 'off')
    return [
      {
        level: 'info',
        code: 'off',
        message: 'The Bluetooth beacon is off: customers check in with the QR code.',
        action: 'Choose auto, BLE or the virtual radio in the settings to advertise the beacon.',
      },
    ];
  const notices: HardwareNotice[] = [];
  const hasVirtual = inputs.statuses.some((s) => s.transport === 'virtual');
  const issue = bleIssue(inputs);
  if (issue !== null) {
    if (issue.kind === 'powered-off' && inputs.advertisingWanted)
      notices.push({
        level: 'warning',
        code: 'advertising-interrupted',
        message: `The Bluetooth adapter is off: the beacon is not on the air.${hasVirtual ? ' The simulated phone still hears the virtual radio.' : ''} Customers check in with the QR code until it is back.`,
        action: issue.action,
      });
    else if (hasVirtual)
      notices.push({
        level: 'warning',
        code: 'virtual-only',
        message: `${issue.reason} The beacon is on the virtual radio only: the simulated phone hears it, phones in the room use the QR code.`,
        action: issue.action,
      });
    else
      notices.push({
        level: 'warning',
        code: 'qr-only',
        message: `${issue.reason} Customers check in with the QR code.`,
        action: issue.action,
      });
  } else if (inputs.mode === 'virtual' && hasVirtual)
    notices.push({
      level: 'info',
      code: 'virtual-only',
      message:
        'The beacon is on the virtual radio: the simulated phone hears it, phones in the room use the QR code.',
      action: null,
    });
  if (inputs.virtualProblem !== null)
    notices.push({
      level: 'warning',
      code: 'virtual-radio-unavailable',
      message: `Virtual radio: ${inputs.virtualProblem}.`,
      action: 'Close another simulator using the ports, or set POS_SIM_RADIO_PORT to a free range.',
    });
  if (inputs.statuses.length === 0 && !notices.some((n) => n.code === 'qr-only'))
    notices.push({
      level: 'warning',
      code: 'qr-only',
      message: 'No radio is available: customers check in with the QR code.',
      action: issue?.action ?? null,
    });
  if (inputs.presence.kind === 'missing')
    notices.push({
      level: 'warning',
      code: 'beacon-missing',
      message: inputs.presence.warning,
      action: 'Check that the beacon has power and is near the till.',
    });
  if (inputs.presence.kind === 'unavailable')
    notices.push({
      level: 'warning',
      code: 'beacon-missing',
      message: `The beacon could not be checked: ${inputs.presence.reason}`,
      action: null,
    });
  return notices;
}

/** The advertising state from the wish, the radios and the last refusal. */
export function advertisingStateOf(
  wanted: { readonly beaconId: string; readonly posName: string } | null,
  statuses: readonly RadioStatus[],
  refusal: string | null,
): AdvertisingState {
  if (wanted === null) return { kind: 'idle' };
  const on: RadioTransport[] = statuses.filter((s) => s.advertising).map((s) => s.transport);
  const waiting = statuses.some((s) => s.advertiser !== null && TRANSIENT.has(s.advertiser.kind));
  if (on.length > 0 || waiting)
    return { kind: 'advertising', beaconId: wanted.beaconId, posName: wanted.posName, on };
  return { kind: 'failed', ...wanted, reason: refusal ?? 'No radio here can advertise the beacon.' };
}
