// The HTTP log tab: every PoS v10 exchange (method, URL, status, duration, attempt), expandable to
// its headers and bodies, with "Copy as curl" and clear. Secrets are redacted by the client already.
// Test ids: log-refresh, log-clear, log-empty, log-entry (data-seq), log-entry-toggle,
// log-entry-details, log-copy-curl, log-copied.
import { useEffect, useState } from 'react';
import type { ExchangeView } from '../../shared/bridge/index.js';
import { FailureMessage } from '../components/messages.js';
import { exchangeOutcome, prettyBody, toCurl } from '../lib/curl.js';
import { formatTime } from '../lib/money.js';
import { useLogStore } from '../stores/log-store.js';

/** Headers as "name: value" lines. */
function headerLines(headers: Readonly<Record<string, string>>): string {
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return lines.length ? lines.join('\n') : '(none)';
}

/** One exchange: a summary row that expands to the details. */
function Entry({ exchange }: { readonly exchange: ExchangeView }) {
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState<string | null>(null);
  const detailsId = `log-details-${exchange.seq}`;
  const failed = exchange.error !== undefined || (exchange.status ?? 0) >= 400;
  const copy = () => {
    navigator.clipboard.writeText(toCurl(exchange)).then(
      () => setCopied('Copied.'),
      () => setCopied('The clipboard refused; select the text instead.'),
    );
  };
  return (
    <li
      className={failed ? 'log-entry log-failed' : 'log-entry'}
      data-testid="log-entry"
      data-seq={exchange.seq}
    >
      <button
        type="button"
        className="log-summary"
        data-testid="log-entry-toggle"
        aria-expanded={open}
        aria-controls={detailsId}
        onClick={() => setOpen(!open)}
      >
        <span className="log-time">{formatTime(exchange.at)}</span>
        <span className="log-method">{exchange.method}</span>
        <span className="log-url">{exchange.url}</span>
        <span className="log-status">{exchangeOutcome(exchange)}</span>
        <span className="log-duration">{Math.round(exchange.durationMs)} ms</span>
        <span className="log-attempt">try {exchange.attempt}</span>
      </button>
      {open ? (
        <div id={detailsId} className="log-details" data-testid="log-entry-details">
          {exchange.error ? (
            <p className="problem">
              {exchange.error.kind}: {exchange.error.message}
            </p>
          ) : null}
          <h4>Request headers</h4>
          <pre>{headerLines(exchange.requestHeaders)}</pre>
          <h4>Request body</h4>
          <pre>{prettyBody(exchange.requestBody)}</pre>
          <h4>Response body</h4>
          <pre>{prettyBody(exchange.responseBody)}</pre>
          <button type="button" className="button" data-testid="log-copy-curl" onClick={copy}>
            Copy as curl
          </button>
          <span role="status" data-testid="log-copied">
            {copied}
          </span>
        </div>
      ) : null}
    </li>
  );
}

/** The HTTP log screen, newest exchange first. */
export function HttpLogScreen() {
  const { exchanges, busy, error, load, clear } = useLogStore();
  useEffect(() => {
    void load();
  }, [load]);
  const newestFirst = [...exchanges].reverse();
  return (
    <section aria-labelledby="log-title">
      <h2 id="log-title">HTTP log</h2>
      <div className="toolbar">
        <button type="button" className="button" data-testid="log-refresh" onClick={() => void load()}>
          Refresh
        </button>
        <button
          type="button"
          className="button danger"
          data-testid="log-clear"
          disabled={busy !== null}
          onClick={() => void clear()}
        >
          Clear log
        </button>
        <span className="hint">{exchanges.length} exchanges</span>
      </div>
      <FailureMessage failure={error} />
      {newestFirst.length === 0 ? (
        <p className="empty" data-testid="log-empty">
          No HTTP exchanges yet.
        </p>
      ) : (
        <ol className="log" aria-label="HTTP exchanges, newest first">
          {newestFirst.map((exchange) => (
            <Entry key={exchange.seq} exchange={exchange} />
          ))}
        </ol>
      )}
    </section>
  );
}
