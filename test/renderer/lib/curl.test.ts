// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { exchangeOutcome, prettyBody, shellQuote, toCurl } from '../../../src/renderer/lib/curl.js';
import { makeExchange } from '../fixtures.js';

describe('copy as curl', () => {
  it('builds a curl command with method, URL, every header and the JSON body', () => {
    expect(toCurl(makeExchange())).toBe(
      [
        "curl -X POST 'http://127.0.0.1:8080/pos/v10/payments'",
        "  -H 'authorization: Bearer [redacted]'",
        "  -H 'content-type: application/json'",
        `  --data-raw '{"amount":125.5,"currencyCode":"DKK","orderId":"order-1"}'`,
      ].join(' \\\n'),
    );
  });

  it('leaves out the body of a GET', () => {
    const curl = toCurl(makeExchange({ method: 'get', requestBody: undefined, requestHeaders: {} }));
    expect(curl).toBe("curl -X GET 'http://127.0.0.1:8080/pos/v10/payments'");
  });

  it('quotes single quotes so the shell never interprets a value', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });

  it('pretty-prints JSON bodies and says when there is none', () => {
    expect(prettyBody('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(prettyBody('plain')).toBe('plain');
    expect(prettyBody(undefined)).toBe('(none)');
  });

  it('shows the status, or the kind of failure when no answer came', () => {
    expect(exchangeOutcome(makeExchange({ status: 409 }))).toBe('409');
    expect(
      exchangeOutcome(makeExchange({ status: undefined, error: { kind: 'timeout', message: 'x' } })),
    ).toBe('timeout');
  });
});
