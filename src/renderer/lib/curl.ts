// "Copy as curl" for the HTTP log: one exchange (already redacted by the client) as a shell command
// a tester can paste, with single-quoted arguments so nothing in a header or body is interpreted.
import type { ExchangeView } from '../../shared/bridge/index.js';

/** Quotes one shell argument with single quotes (a quote inside becomes '\''). */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** The body as curl sends it: strings as they are, anything else as JSON. */
function bodyText(body: unknown): string | null {
  if (body === undefined || body === null) return null;
  return typeof body === 'string' ? body : JSON.stringify(body);
}

/** The exchange's request as a curl command, one option per line. */
export function toCurl(exchange: ExchangeView): string {
  const parts = [`curl -X ${exchange.method.toUpperCase()} ${shellQuote(exchange.url)}`];
  for (const [name, value] of Object.entries(exchange.requestHeaders)) {
    parts.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  }
  const body = bodyText(exchange.requestBody);
  if (body !== null) parts.push(`--data-raw ${shellQuote(body)}`);
  return parts.join(' \\\n  ');
}

/** A body for display: pretty JSON, or the text as it came. */
export function prettyBody(body: unknown): string {
  if (body === undefined) return '(none)';
  if (typeof body === 'string') {
    try {
      return JSON.stringify(JSON.parse(body), null, 2);
    } catch {
      return body;
    }
  }
  return JSON.stringify(body, null, 2);
}

/** The exchange's outcome in a few characters: the status, or what went wrong. */
export function exchangeOutcome(exchange: ExchangeView): string {
  if (exchange.status !== undefined) return String(exchange.status);
  if (exchange.error) return exchange.error.kind;
  return '…';
}
