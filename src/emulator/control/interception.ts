// The hooks every non-control request passes: choose a fault (header first, then rules), apply it,
// and log the request. Installed on the root instance so /pos/v10, the user simulation and the
// integrator authentication routes are all covered. Callback-style hooks: no promise per request.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  FAULT_HEADER,
  parseFaultHeader,
  statusFaultBody,
  type AppliedFault,
  type FaultAction,
} from './faults.js';
import type { FaultRules } from './fault-rules.js';
import type { RequestLog, RequestRecord } from './request-log.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The control plane's log record of this request (null for /emulator requests). */
    emulatorRecord: RequestRecord | null;
  }
}

/** What the hooks need: the rules to consult, the log to write, and the injectable sleep for delays. */
export interface InterceptionDeps {
  readonly faults: FaultRules;
  readonly log: RequestLog;
  readonly sleep: (ms: number) => Promise<void>;
}

/** Where the control plane lives. */
export const CONTROL_PREFIX = '/emulator';

/** The control plane and the certification service's own API and UI (not the API under test). */
const CONTROL_PATH = /^\/(?:emulator|certification)(?:[/?#]|$)/i;
const REFUNDS_PATH = /^\/pos\/v10\/refunds/i;

/**
 * Control-plane and certification-service requests are never faulted or logged: a tester must
 * always be able to reach them, and their polling must not crowd the HTTP log.
 */
export function isControlPath(url: string): boolean {
  return CONTROL_PATH.test(url);
}

function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}

/** The fault of one request: its own header wins (rules then neither see nor count it). */
function chooseFault(
  rules: FaultRules,
  request: FastifyRequest,
  url: string,
  header: string | string[] | undefined,
): AppliedFault | null {
  if (header !== undefined) {
    const value = Array.isArray(header) ? header.join(';') : header;
    const action = parseFaultHeader(value);
    return { source: 'header', action, label: value.trim() };
  }
  const clientId = request.headers['x-ibm-client-id'];
  return rules.select(request.method, pathOf(url), typeof clientId === 'string' ? clientId : undefined);
}

function sendError(reply: FastifyReply, url: string, status: number, body: object): void {
  const origin = REFUNDS_PATH.test(url) ? { origin: 'PoS' } : {};
  void reply
    .code(status)
    .header('content-type', 'application/json; charset=utf-8')
    .send({ ...body, ...origin });
}

/**
 * Reads the body of a request that a status fault answers, so the log shows what the client sent
 * (fastify would parse it only after onRequest). JSON when it parses, the text otherwise.
 */
function readBody(request: FastifyRequest, limit = 256 * 1024): Promise<unknown> {
  const raw = request.raw;
  const hasBody =
    raw.headers['content-length'] !== undefined || raw.headers['transfer-encoding'] !== undefined;
  if (!hasBody || raw.readableEnded) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    let text = '';
    raw.setEncoding('utf8');
    raw.on('data', (chunk: string) => {
      if (text.length < limit) text += chunk;
    });
    raw.once('error', () => resolve(undefined));
    raw.once('end', () => {
      if (text === '') return resolve(undefined);
      try {
        resolve(JSON.parse(text));
      } catch {
        resolve(text);
      }
    });
  });
}

/**
 * Resets the connection, the nearest an open listener gets to refusing one: the client sees
 * ECONNRESET (or "socket hang up") and the emulator runs nothing of the request.
 */
function resetConnection(reply: FastifyReply): void {
  const socket = reply.request.raw.socket as
    (typeof reply.request.raw.socket & { resetAndDestroy?: () => void }) | null;
  if (socket && typeof socket.resetAndDestroy === 'function' && !socket.destroyed) socket.resetAndDestroy();
  else reply.raw.destroy();
}

/** Installs the fault and request-log hooks on the given (root) instance. */
export function installInterception(app: FastifyInstance, deps: InterceptionDeps): void {
  const { faults, log, sleep } = deps;
  app.decorateRequest('emulatorRecord', null);

  app.addHook('onRequest', (request, reply, done) => {
    // The URL as the client sent it: a call through the certification base (rewritten to the API's
    // own paths before routing) keeps its prefix in the log and in fault rules' paths.
    const url = request.originalUrl;
    if (isControlPath(url)) return done();
    let fault: AppliedFault | null;
    try {
      fault = chooseFault(faults, request, url, request.headers[FAULT_HEADER]);
    } catch (error) {
      request.emulatorRecord = log.begin(request.method, url, request.headers, null);
      return sendError(reply, request.url, 400, {
        message: (error as Error).message,
        correlationId: randomUUID(),
      });
    }
    const record = log.begin(request.method, url, request.headers, fault);
    request.emulatorRecord = record;
    if (fault === null) return done();
    const action: FaultAction = fault.action;
    switch (action.kind) {
      case 'delay':
        // The request is carried out at once; its response is held back in onSend (a slow server
        // that committed: the client times out, and its retry must not create a second resource).
        return done();
      case 'status':
        void readBody(request).then((body) => {
          record.body = body;
          sendError(reply, request.url, action.status, statusFaultBody(action, randomUUID()));
        });
        return;
      case 'drop':
        return done();
      case 'refuse':
        log.finish(record, null, undefined);
        void reply.hijack();
        resetConnection(reply);
        return;
    }
  });

  // The record is finished here rather than in onResponse: the log holds the request before the
  // client can read the answer (a judge reading the log right after a response sees it), and no
  // response listeners are needed.
  app.addHook('onSend', (request, reply, payload, done) => {
    const record = request.emulatorRecord;
    if (record === null) return done(null, payload);
    record.payload = payload;
    const action = record.fault?.action;
    if (action?.kind === 'delay') {
      log.finish(record, reply.statusCode, request.body === undefined ? record.body : request.body);
      sleep(action.ms).then(
        () => done(null, payload),
        (error: unknown) => done(error as Error),
      );
      return;
    }
    if (action?.kind !== 'drop') {
      log.finish(record, reply.statusCode, request.body === undefined ? record.body : request.body);
      return done(null, payload);
    }
    // The handler has run and committed; the client never hears about it. Not calling done()
    // keeps fastify from writing to the destroyed socket.
    log.finish(record, null, request.body);
    reply.raw.destroy();
  });
}
