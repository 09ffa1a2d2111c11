// describeContract(): a describe() for contract scenarios. Each it() gets a fresh emulator on a virtual
// clock whose every /pos/v10 and user-simulation response is checked against pos.yaml. Without
// ../shared the suite is skipped, loudly, and never reported as passed.
import { afterAll, afterEach, beforeEach, describe, expect } from 'vitest';
import { otherClient, startHarness, type Harness } from '../emulator/harness.js';
import { recordContract, type ContractRecorder } from './contract-recorder.js';
import {
  loadPosContract,
  POS_YAML_PATH,
  posYamlAvailable,
  type ContractViolation,
} from './openapi-contract.js';

/** Why the contract tests did not run, in words nobody can take for a pass. */
export const CONTRACT_SKIP_MESSAGE =
  `CONTRACT TESTS SKIPPED: the PoS v10 OpenAPI document was not found at ${POS_YAML_PATH} ` +
  '(../shared is missing next to this checkout). No response was validated against the contract; ' +
  'these tests prove nothing in this run. CI always has ../shared.';

/** Prints the skip message once per test file, framed so it stands out in any reporter. */
let warned = false;
export function warnIfContractSkipped(): void {
  if (posYamlAvailable || warned) return;
  warned = true;
  const rule = '!'.repeat(100);
  console.warn(`\n${rule}\n${CONTRACT_SKIP_MESSAGE}\n${rule}\n`);
}

/** What each contract scenario works with. */
export interface Scenario {
  readonly h: Harness;
  /** Every contract violation so far in this scenario; a scenario ends with expect(violations).toEqual([]). */
  readonly violations: ContractViolation[];
  readonly recorder: ContractRecorder;
}

/** A describe() whose it()s each run on a fresh, recorded emulator; skipped (with a warning) without pos.yaml. */
export function describeContract(name: string, define: (scenario: () => Scenario) => void): void {
  warnIfContractSkipped();
  describe.skipIf(!posYamlAvailable)(name, () => {
    let current: Scenario | undefined;
    const notes = new Set<string>();
    beforeEach(async () => {
      const h = await startHarness();
      const recorder = recordContract(h.app, loadPosContract());
      current = { h, recorder, violations: recorder.violations };
    });
    afterEach(async () => {
      const scenario = current!;
      current = undefined;
      try {
        scenario.recorder.notes.forEach((note) => notes.add(note));
        expect(scenario.recorder.checked(), 'a contract scenario must exercise the API').toBeGreaterThan(0);
      } finally {
        await scenario.h.close();
      }
    });
    afterAll(() => {
      if (notes.size > 0)
        console.info(`[contract] ${name}: allowed, but noted:\n  ${[...notes].sort().join('\n  ')}`);
    });
    define(() => {
      if (!current) throw new Error('describeContract: the scenario is only available inside it()');
      return current;
    });
  });
}

/** Headers of the second integrator's client (for 403s), acting for the demo merchant. */
export async function otherIntegratorHeaders(h: Harness): Promise<Record<string, string>> {
  const token = await h.token({ client: otherClient });
  return h.headers({ authorization: `Bearer ${token}`, 'x-ibm-client-id': otherClient.clientId });
}

/**
 * Moves the virtual clock and, as a real client would after its hour-long token expired, fetches a
 * new access token for the harness's default headers.
 */
export async function advanceClock(h: Harness, ms: number): Promise<void> {
  h.clock.advance(ms);
  const token = await h.token();
  const headers = h.headers.bind(h);
  h.headers = (extra = {}) => headers({ authorization: `Bearer ${token}`, ...extra });
}

/** The documented error code of a response body (PoS v10 errors carry `code`). */
export function codeOf(response: { json(): unknown }): string | undefined {
  return (response.json() as { code?: string }).code;
}
