// Types for the part of autocannon 8's programmatic API the emulator benchmark uses; the package
// ships none and no @types package is installed.
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  namespace autocannon {
    /** hdr-histogram-percentiles-obj: the shape of result.latency, result.requests, result.throughput. */
    interface Histogram {
      readonly average: number;
      readonly mean: number;
      readonly stddev: number;
      readonly min: number;
      readonly max: number;
      readonly total: number;
      readonly p50: number;
      readonly p90: number;
      readonly p99: number;
      readonly p99_9: number;
    }

    /** The per-connection context of a `requests` sequence; reset to {} when the sequence restarts. */
    type Context = Record<string, unknown>;

    /** One step of a `requests` sequence; setupRequest returning a falsy value restarts the sequence. */
    interface Request {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string | Buffer;
      setupRequest?: (request: Request, context: Context) => Request | null | undefined;
      onResponse?: (
        status: number,
        body: string,
        context: Context,
        headers: Record<string, string | string[]>,
      ) => void;
    }

    /** One connection (the `Client` of autocannon's README). */
    interface Client extends EventEmitter {
      setRequests(requests: Request[]): void;
    }

    interface Options {
      url: string;
      connections?: number;
      duration?: number;
      amount?: number;
      pipelining?: number;
      timeout?: number;
      method?: string;
      headers?: Record<string, string>;
      body?: string | Buffer;
      requests?: Request[];
      setupClient?: (client: Client) => void;
      overallRate?: number;
      connectionRate?: number;
      ignoreCoordinatedOmission?: boolean;
      title?: string;
    }

    interface Result {
      readonly title?: string;
      readonly url: string;
      readonly requests: Histogram;
      readonly latency: Histogram;
      readonly throughput: Histogram;
      /** Seconds. */
      readonly duration: number;
      readonly errors: number;
      readonly timeouts: number;
      readonly mismatches: number;
      readonly non2xx: number;
      readonly resets: number;
      readonly statusCodeStats: Record<string, { count: number }>;
    }

    /** The running benchmark; emits 'response' (client, statusCode, resBytes, responseTimeMs) per reply. */
    interface Instance extends EventEmitter {
      stop(): void;
    }
  }

  function autocannon(
    options: autocannon.Options,
    callback: (error: Error | null, result: autocannon.Result) => void,
  ): autocannon.Instance;

  export = autocannon;
}
