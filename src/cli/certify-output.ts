// What `pos-sim certify` prints and writes: a line per step as the judge decides it, the engine's
// errors under the step that caused them (some steps expect a refusal, so they are notes, not
// verdicts), the summary, and the files of the approval step (report, JUnit XML, certificate).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SECTION_TITLES, type SessionView } from '../shared/certification.js';
import type {
  AutopilotEvent,
  AutopilotResult,
  CertificationServiceClient,
} from '../terminal/autopilot/index.js';

/** The files of a run in --out. */
export const OUTPUT_FILES = {
  report: 'report.html',
  junit: 'junit.xml',
  certificate: 'certificate.json',
  /** The service's public key: an embedded emulator's key is gone when the command ends. */
  publicKey: 'certification-key.pem',
} as const;

/** The line an event prints, or null for events that only matter to a screen. */
export function progressLine(event: AutopilotEvent): string | null {
  switch (event.kind) {
    case 'step.passed':
      return `✔ ${event.case.title} › ${event.step.title}${event.step.reason ? ` — ${event.step.reason}` : ''}`;
    case 'step.failed':
      return `✘ ${event.case.title} › ${event.step.title} — ${event.reason}`;
    case 'action.failed': {
      const code = event.apiCode === null ? event.code : `${event.code} ${event.apiCode}`;
      return `    · ${event.action.do}: ${event.message} [${code}]`;
    }
    case 'background.failed':
      return `    · ${event.what}: ${event.message} [${event.code}]`;
    case 'service.error':
      return `    · certification service: ${event.message}`;
    case 'session.started':
    case 'step.started':
    case 'action.started':
    case 'action.done':
      return null;
  }
}

/** The counts of a session's steps by verdict. */
export function tally(session: SessionView): {
  readonly passed: number;
  readonly failed: number;
  readonly untested: number;
  readonly steps: number;
} {
  const steps = session.cases.flatMap((c) => c.steps);
  const passed = steps.filter((s) => s.status === 'passed').length;
  const failed = steps.filter((s) => s.status === 'failed').length;
  return { passed, failed, untested: steps.length - passed - failed, steps: steps.length };
}

/** The first lines of a run: which sections, how many cases and steps, and who is being certified. */
export function sessionLines(session: SessionView): string[] {
  const { steps } = tally(session);
  const id = session.identification;
  return [
    `certification session ${session.id}: ${session.sections.map((s) => SECTION_TITLES[s]).join(', ')}`,
    `  ${session.cases.length} cases, ${steps} steps; API under test ${session.apiBaseUrl} (poll delay ${session.pollDelayMs} ms)`,
    `  client '${id.clientSystemName}' ${id.clientSystemVersion} (${id.clientId}), merchant ${id.merchantVat}`,
  ];
}

/** The verdict line: how many steps passed, failed or were never reached, and how long it took. */
export function summaryLine(result: AutopilotResult): string {
  const seconds = `${(result.elapsedMs / 1000).toFixed(1)} s`;
  if (result.session === null) return `no session could be read (${seconds})`;
  const { passed, failed, untested, steps } = tally(result.session);
  const verdict = result.kind === 'completed' && result.session.passed ? 'PASSED' : 'FAILED';
  const parts = [`${passed} of ${steps} steps passed`];
  if (failed > 0) parts.push(`${failed} failed`);
  if (untested > 0) parts.push(`${untested} not tested`);
  return `${verdict}: ${parts.join(', ')} in ${result.session.cases.length} cases (${seconds})`;
}

/** Why a run ended without the session completing, for stderr; null when it completed. */
export function unfinishedReason(result: AutopilotResult, timeoutMs: number): string | null {
  if (result.kind === 'completed') return null;
  const waiting =
    result.waitingOn === null
      ? 'no step'
      : `${result.waitingOn.case.title} › ${result.waitingOn.stepTitle} (${result.waitingOn.stepId}): ${result.waitingOn.instruction}`;
  return result.kind === 'stopped'
    ? `stopped while waiting on ${waiting}`
    : `gave up after ${Math.round(timeoutMs / 1000)} s waiting on ${waiting}`;
}

/**
 * Fetches the approval step's files from the service into `dir`: the report and the JUnit XML
 * always, the certificate only when every step passed (a stale one from an earlier run is removed,
 * so the folder never shows a certificate this run did not earn). Answers the lines to print.
 */
export async function writeOutputs(
  service: CertificationServiceClient,
  session: SessionView,
  dir: string,
): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const [report, junit, certificate, publicKey] = await Promise.all([
    service.report(session.id),
    service.junit(session.id),
    session.passed ? service.certificate(session.id) : Promise.resolve(null),
    session.passed ? service.publicKeyPem() : Promise.resolve(null),
  ]);
  writeFileSync(join(dir, OUTPUT_FILES.report), report);
  writeFileSync(join(dir, OUTPUT_FILES.junit), junit);
  const certificatePath = join(dir, OUTPUT_FILES.certificate);
  const keyPath = join(dir, OUTPUT_FILES.publicKey);
  rmSync(certificatePath, { force: true });
  rmSync(keyPath, { force: true });
  const lines = [
    `report:      ${join(dir, OUTPUT_FILES.report)}`,
    `junit:       ${join(dir, OUTPUT_FILES.junit)}`,
  ];
  if (certificate === null) {
    lines.push('certificate: not issued (not every step passed)');
    return lines;
  }
  writeFileSync(certificatePath, `${JSON.stringify(certificate, null, 2)}\n`);
  if (publicKey !== null) writeFileSync(keyPath, publicKey);
  const body = certificate.certificate;
  lines.push(
    `certificate: ${certificatePath} (${body.clientSystemName} ${body.certifiedVersion}.x, key ${certificate.keyId})`,
    `public key:  ${keyPath}`,
  );
  return lines;
}
