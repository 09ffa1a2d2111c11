// The certification autopilot's public surface: what `pos-sim certify` (and any other composition
// root that certifies a terminal unattended) imports; the executor's parts stay inside.
export {
  Autopilot,
  DEFAULT_DEADLINE_MS,
  DEFAULT_SESSION_POLL_MS,
  type AutopilotOptions,
  type AutopilotResult,
  type WaitingOn,
} from './autopilot.js';
export { ActionExecutor, restrictionsOf, type ActionExecutorOptions } from './action-executor.js';
export type { ActionOutcome, AutopilotEngine } from './engine-port.js';
export {
  allSteps,
  currentStep,
  stepChanges,
  type AutopilotEvent,
  type AutopilotListener,
  type CaseRef,
} from './progress.js';
export { CertificationServiceClient, ServiceError } from './service-client.js';
