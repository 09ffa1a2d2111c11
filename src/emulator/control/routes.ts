// The control plane's own routes: reset, the virtual clock, fault rules, the request log, the event
// stream and health. Ours, not MobilePay's; errors are {message, correlationId} with plain statuses.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ApiError } from '../api-error.js';
import { isVirtualClock, type Clock } from '../clock.js';
import { faultRuleInputSchema, type FaultRules } from './fault-rules.js';
import type { RequestLog } from './request-log.js';
import type { EventStreams } from './sse.js';
import type { ControlPlaneDeps } from './index.js';
import { CONTROL_PREFIX } from './interception.js';

/** What the control routes work on: the deps of the control plane plus its own parts. */
export interface ControlRouteDeps extends ControlPlaneDeps {
  readonly faults: FaultRules;
  readonly log: RequestLog;
  readonly streams: EventStreams;
}

/** Parses a body or query with zod; a 400 naming every problem otherwise. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what = 'request body',
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (issue) => `${issue.path.length > 0 ? issue.path.join('.') : what}: ${issue.message}`,
  );
  throw new ApiError(400, null, `Invalid ${what}: ${problems.join('; ')}`);
}

/** The clock as the control plane shows it. */
export function clockView(clock: Clock): { mode: Clock['mode']; now: number; iso: string } {
  const now = clock.now();
  return { mode: clock.mode, now, iso: new Date(now).toISOString() };
}

const advanceSchema = z
  .object({
    seconds: z
      .number()
      .min(0)
      .max(10 * 365 * 24 * 3600),
  })
  .strict();
const requestQuerySchema = z.object({
  clientId: z.string().min(1).optional(),
  since: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).optional(),
});

/** Registers reset, clock, faults, requests, events and health under /emulator. */
export function registerControlRoutes(app: FastifyInstance, deps: ControlRouteDeps): void {
  const { clock, faults, log, streams } = deps;

  app.post(`${CONTROL_PREFIX}/reset`, async () => {
    deps.reset();
    faults.clear();
    log.clear();
    return { reset: true, clock: clockView(clock) };
  });

  app.get(`${CONTROL_PREFIX}/clock`, async () => clockView(clock));

  app.post(`${CONTROL_PREFIX}/clock/advance`, async (request) => {
    const { seconds } = parseInput(advanceSchema, request.body);
    if (!isVirtualClock(clock))
      throw new ApiError(
        409,
        null,
        'The emulator runs on the real clock; start it with a virtual clock to move time by hand',
      );
    clock.advance(Math.round(seconds * 1000));
    deps.sweep();
    return clockView(clock);
  });

  app.post(`${CONTROL_PREFIX}/faults`, async (request, reply) => {
    const input = parseInput(faultRuleInputSchema, request.body);
    return reply.code(201).send(faults.add(input));
  });
  app.get(`${CONTROL_PREFIX}/faults`, async () => ({ faults: faults.list() }));
  app.delete(`${CONTROL_PREFIX}/faults`, async () => {
    const removed = faults.size;
    faults.clear();
    return { removed };
  });
  app.delete(`${CONTROL_PREFIX}/faults/:id`, async (request, reply) => {
    const { id } = request.params as { id: string };
    if (!faults.remove(id)) throw new ApiError(404, null, `No fault rule ${id}`);
    return reply.code(204).send();
  });

  app.get(`${CONTROL_PREFIX}/requests`, async (request) => {
    const filter = parseInput(requestQuerySchema, request.query, 'query');
    return { requests: log.list(filter) };
  });
  app.delete(`${CONTROL_PREFIX}/requests`, async (_request, reply) => {
    log.clear();
    return reply.code(204).send();
  });

  app.get(`${CONTROL_PREFIX}/events`, (_request, reply) => {
    streams.serve(reply);
  });

  app.get(`${CONTROL_PREFIX}/health`, async () => ({
    status: 'ok',
    clock: clockView(clock),
    faultRules: faults.size,
  }));
}
