// The composition root of `pos-sim certify`: the service (an embedded emulator for this run, or
// --api), a session for this terminal, an engine on the session's API base with a temporary
// journal, and the autopilot that drives it; progress printed as the judge decides, the files of
// the approval step written at the end, and everything closed whatever happened.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedEmulator, type RunningEmulator } from '../emulator/listen.js';
import {
  CERTIFICATION_MERCHANT,
  type Identification,
  type SectionId,
  type SessionView,
} from '../shared/certification.js';
import { Autopilot, CertificationServiceClient, type AutopilotResult } from '../terminal/autopilot/index.js';
import { realClientDeps } from '../terminal/api/index.js';
import { TerminalEngine } from '../terminal/engine.js';
import { EXIT_FAILURE, EXIT_OK, type CliContext } from './command.js';
import { progressLine, sessionLines, summaryLine, unfinishedReason, writeOutputs } from './certify-output.js';
import { CLIENT_SYSTEM, explainError } from './terminal-setup.js';

/** The embedded emulator's pollDelayInMs during a certification: short, so a whole run takes seconds. */
export const CERTIFY_POLL_DELAY_MS = 50;

/** `pos-sim certify` as parsed: what to certify, where, and where the files go. */
export interface CertifyPlan {
  readonly help: false;
  /** Onboarding first, in the site's order. */
  readonly sections: readonly SectionId[];
  readonly backend: { readonly kind: 'embedded' } | { readonly kind: 'api'; readonly url: string };
  /** Absolute. */
  readonly outDir: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The client system version certified (Major.Minor.Build). */
  readonly version: string;
  readonly timeoutMs: number;
}

/** Runs one certification from start to files; answers the exit code (0 only when every step passed). */
export async function runCertification(plan: CertifyPlan, context: CliContext): Promise<number> {
  const print = (line: string): void => context.stdout(`${line}\n`);
  const fail = (message: string): number => {
    context.stderr(`pos-sim certify: ${message}\n`);
    return EXIT_FAILURE;
  };
  const stop = new AbortController();
  void context.untilStopped().then(() => stop.abort());

  let emulator: RunningEmulator | null = null;
  let serviceUrl: string;
  if (plan.backend.kind === 'api') serviceUrl = plan.backend.url;
  else {
    try {
      emulator = await startEmbeddedEmulator(
        { host: '127.0.0.1', port: 0 },
        { clock: 'real', pollDelayMs: CERTIFY_POLL_DELAY_MS },
      );
    } catch (error) {
      return fail(`cannot start the embedded emulator: ${explainError(error, 'the embedded emulator')}`);
    }
    serviceUrl = emulator.url;
    print(`embedded emulator with the certification service on ${serviceUrl} (gone when this ends)`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'pos-sim-certify-'));
  let engine: TerminalEngine | null = null;
  try {
    const service = new CertificationServiceClient(serviceUrl, realClientDeps);
    const identification: Identification = {
      clientSystemName: CLIENT_SYSTEM.name,
      clientId: plan.clientId,
      clientSystemVersion: plan.version,
      merchantVat: CERTIFICATION_MERCHANT.vatDk,
      callbackAlias: null,
      callbackUrl: null,
    };
    let session: SessionView;
    try {
      session = await service.startSession({ identification, sections: plan.sections });
    } catch (error) {
      return fail(
        `cannot start a certification session at ${serviceUrl}: ${explainError(error, serviceUrl)}`,
      );
    }
    for (const line of sessionLines(session)) print(line);
    engine = new TerminalEngine({
      api: {
        apiBaseUrl: session.apiBaseUrl,
        clientId: plan.clientId,
        clientSecret: plan.clientSecret,
        merchantVat: identification.merchantVat,
        clientSystemName: identification.clientSystemName,
        clientSystemVersion: identification.clientSystemVersion,
      },
      dataDir,
    });
    const autopilot = new Autopilot({
      serviceUrl,
      engine,
      merchantVat: identification.merchantVat,
      deadlineMs: plan.timeoutMs,
      signal: stop.signal,
      onEvent: (event) => {
        const line = progressLine(event);
        if (line !== null) print(line);
      },
    });
    const result = await autopilot.run(session.id);
    return await finish(result, plan, service, print, fail);
  } catch (error) {
    return fail(explainError(error, serviceUrl));
  } finally {
    await engine?.close();
    await emulator?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The summary, the files and the exit code of a run that got as far as the autopilot. */
async function finish(
  result: AutopilotResult,
  plan: CertifyPlan,
  service: CertificationServiceClient,
  print: (line: string) => void,
  fail: (message: string) => number,
): Promise<number> {
  print(summaryLine(result));
  if (result.session === null) return fail('the certification service could not be read');
  let session = result.session;
  // A run that ended early still gets its files: the report says how far it came.
  if (result.kind !== 'completed') session = await service.getSession(session.id).catch(() => session);
  try {
    for (const line of await writeOutputs(service, session, plan.outDir)) print(line);
  } catch (error) {
    return fail(`cannot write the results to ${plan.outDir}: ${explainError(error, '')}`);
  }
  const unfinished = unfinishedReason(result, plan.timeoutMs);
  if (unfinished !== null) return fail(unfinished);
  return session.passed ? EXIT_OK : EXIT_FAILURE;
}
