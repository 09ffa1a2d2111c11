// The approval step's report: one self-contained HTML page (inline CSS, no scripts, no external
// resources) that a tester can save, mail or print, saying what was certified, what each step judged
// and why a failed step failed. Every text from the session is escaped: client names come from the client.
import {
  SECTION_TITLES,
  type CaseView,
  type SectionId,
  type SessionView,
  type StepStatus,
  type StepView,
} from '../../shared/certification.js';

/** The CSP to serve the report with: it needs its inline style and nothing else. */
export const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STATUS_WORDS: Readonly<Record<StepStatus, string>> = {
  passed: 'Passed',
  failed: 'Failed',
  'in-progress': 'In progress',
  'not-tested': 'Not tested',
};

const time = (at: number | null): string => (at === null ? '–' : new Date(at).toISOString());

/** Seconds between two instants, "–" when the step has not started, "running" when not ended. */
function duration(startedAt: number | null, endedAt: number | null): string {
  if (startedAt === null) return '–';
  if (endedAt === null) return 'running';
  return `${((endedAt - startedAt) / 1000).toFixed(3)} s`;
}

function badge(status: StepStatus): string {
  return `<span class="badge ${status}">${STATUS_WORDS[status]}</span>`;
}

type Counts = Record<StepStatus, number> & { total: number };

function count(statuses: readonly StepStatus[]): Counts {
  const counts: Counts = { total: statuses.length, passed: 0, failed: 0, 'in-progress': 0, 'not-tested': 0 };
  for (const status of statuses) counts[status] += 1;
  return counts;
}

/** The overall verdict: passed only when every step passed, incomplete while any step awaits one. */
function result(session: SessionView): { word: string; css: string } {
  if (session.passed) return { word: 'Passed', css: 'passed' };
  const steps = session.cases.flatMap((c) => c.steps);
  if (steps.some((s) => s.status === 'failed')) return { word: 'Failed', css: 'failed' };
  return { word: 'Incomplete', css: 'in-progress' };
}

const STYLE = `
  :root { color-scheme: light; font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; color: #1f1d2b; }
  body { margin: 2rem auto; max-width: 60rem; padding: 0 1rem; line-height: 1.45; }
  h1 { color: #3d3659; margin-bottom: 0.25rem; }
  h2 { color: #3d3659; border-bottom: 2px solid #d9d6e6; padding-bottom: 0.2rem; margin-top: 2rem; }
  h3 { color: #4d5cf5; margin: 1.25rem 0 0.25rem; }
  table { border-collapse: collapse; width: 100%; margin: 0.5rem 0; font-size: 0.9rem; }
  th, td { text-align: left; vertical-align: top; border: 1px solid #d9d6e6; padding: 0.3rem 0.5rem; }
  th { background: #f4f3f8; }
  .result { font-size: 1.4rem; font-weight: 700; }
  .summary { display: flex; flex-wrap: wrap; gap: 0.75rem; margin: 1rem 0; }
  .summary div { border: 1px solid #d9d6e6; border-radius: 6px; padding: 0.5rem 0.9rem; }
  .summary strong { display: block; font-size: 1.3rem; }
  .badge { display: inline-block; border-radius: 4px; padding: 0 0.4rem; font-weight: 600; white-space: nowrap; }
  .passed { color: #0b6b2f; } .badge.passed { background: #dff3e6; }
  .failed { color: #a3101c; } .badge.failed { background: #fbe1e3; }
  .in-progress { color: #7a4f00; } .badge.in-progress { background: #fdf0cf; }
  .not-tested { color: #5c5a66; } .badge.not-tested { background: #ececf1; }
  .reason { color: #a3101c; font-weight: 600; }
  .muted { color: #5c5a66; font-size: 0.85rem; }
  .case { break-inside: avoid; }
  @media print {
    body { margin: 0; max-width: none; font-size: 10pt; }
    a { color: inherit; text-decoration: none; }
    h2 { break-after: avoid; } tr { break-inside: avoid; }
    .badge { border: 1px solid currentColor; background: none !important; }
  }
`;

function identification(session: SessionView): string {
  const id = session.identification;
  const rows: readonly (readonly [string, string])[] = [
    ['Client system name', id.clientSystemName],
    ['Client id', id.clientId],
    ['Client system version', id.clientSystemVersion],
    ['Merchant VAT number', id.merchantVat],
    ['Callback alias', id.callbackAlias ?? '–'],
    ['Callback URL', id.callbackUrl ?? '–'],
    ['Session', session.id],
    ['API base URL', session.apiBaseUrl],
    ['Poll delay', `${session.pollDelayMs} ms`],
    ['Started', time(session.startedAt)],
    ['Completed', time(session.completedAt)],
  ];
  const body = rows.map(([k, v]) => `<tr><th scope="row">${k}</th><td>${escapeHtml(v)}</td></tr>`).join('');
  return `<h2>Identification</h2><table>${body}</table>`;
}

function summary(session: SessionView): string {
  const cases = count(session.cases.map((c) => c.status));
  const steps = count(session.cases.flatMap((c) => c.steps.map((s) => s.status)));
  const tile = (label: string, value: number, css = ''): string =>
    `<div class="${css}"><strong>${value}</strong>${label}</div>`;
  const failures = session.cases.flatMap((c) =>
    c.steps
      .filter((s) => s.status === 'failed')
      .map(
        (s) =>
          `<li><a href="#step-${escapeHtml(s.id)}">${escapeHtml(c.title)} – ${escapeHtml(s.title)}</a>: ` +
          `<span class="reason">${escapeHtml(s.reason ?? 'no reason given')}</span></li>`,
      ),
  );
  return (
    `<div class="summary">${tile('cases', cases.total)}${tile('cases passed', cases.passed, 'passed')}` +
    `${tile('cases failed', cases.failed, 'failed')}${tile('steps', steps.total)}` +
    `${tile('steps passed', steps.passed, 'passed')}${tile('steps failed', steps.failed, 'failed')}` +
    `${tile('steps in progress', steps['in-progress'], 'in-progress')}` +
    `${tile('steps not tested', steps['not-tested'], 'not-tested')}</div>` +
    (failures.length > 0 ? `<h2>Failures</h2><ol>${failures.join('')}</ol>` : '')
  );
}

function sectionsTable(session: SessionView): string {
  const rows = sectionOrder(session).map((section) => {
    const cases = session.cases.filter((c) => c.section === section);
    const status: StepStatus = cases.some((c) => c.status === 'failed')
      ? 'failed'
      : cases.length > 0 && cases.every((c) => c.status === 'passed')
        ? 'passed'
        : cases.some((c) => c.status !== 'not-tested')
          ? 'in-progress'
          : 'not-tested';
    return `<tr><td>${escapeHtml(sectionTitle(section))}</td><td>${cases.length}</td><td>${badge(status)}</td></tr>`;
  });
  return (
    '<h2>Sections</h2><table><thead><tr><th scope="col">Section</th><th scope="col">Cases</th>' +
    `<th scope="col">Result</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
  );
}

const sectionTitle = (section: SectionId): string => SECTION_TITLES[section] ?? section;

/** The selected sections, then any other a case belongs to: no case is ever left out of the report. */
function sectionOrder(session: SessionView): readonly SectionId[] {
  return [...new Set([...session.sections, ...session.cases.map((c) => c.section)])];
}

function stepRow(step: StepView, n: number): string {
  const reason = step.reason === null ? '' : escapeHtml(step.reason);
  return (
    `<tr id="step-${escapeHtml(step.id)}"><td>${n}</td>` +
    `<td><strong>${escapeHtml(step.title)}</strong><div class="muted">${escapeHtml(step.instruction)}</div>` +
    `<div class="muted">Service: ${escapeHtml(step.service)}</div></td>` +
    `<td>${badge(step.status)}</td>` +
    `<td>${duration(step.startedAt, step.endedAt)}<div class="muted">${time(step.startedAt)}</div></td>` +
    `<td>${escapeHtml(step.judges)}<div class="muted">Rule: ${escapeHtml(step.rule)}</div></td>` +
    `<td class="${step.status === 'failed' ? 'reason' : ''}">${reason}</td></tr>`
  );
}

function caseBlock(view: CaseView, n: number): string {
  const first = view.steps.find((s) => s.startedAt !== null)?.startedAt ?? null;
  const last = view.steps.every((s) => s.endedAt !== null) ? (view.steps.at(-1)?.endedAt ?? null) : null;
  return (
    `<section class="case" id="case-${escapeHtml(view.id)}"><h3>Case ${n}: ${escapeHtml(view.title)} ` +
    `${badge(view.status)}</h3><p>${escapeHtml(view.description)} <span class="muted">` +
    `(${duration(first, last)})</span></p><table><thead><tr><th scope="col">#</th>` +
    '<th scope="col">Step</th><th scope="col">Status</th><th scope="col">Duration</th>' +
    '<th scope="col">Judges</th><th scope="col">Reason</th></tr></thead>' +
    `<tbody>${view.steps.map((s, i) => stepRow(s, i + 1)).join('')}</tbody></table></section>`
  );
}

/** The printable HTML report of a session, whatever its state (a failed run's report says why). */
export function renderReport(session: SessionView): string {
  const verdict = result(session);
  const id = session.identification;
  const cases = sectionOrder(session).map((section) => {
    const inSection = session.cases.filter((c) => c.section === section);
    if (inSection.length === 0) return '';
    return `<h2>${escapeHtml(sectionTitle(section))}</h2>${inSection.map((c, i) => caseBlock(c, i + 1)).join('')}`;
  });
  const title = `Certification report: ${id.clientSystemName} ${id.clientSystemVersion}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<p class="result ${verdict.css}">Result: ${verdict.word}</p>
<p class="muted">Self-certification for the MobilePay PoS API v10, run by the pos-sim certification service.
A certificate covers the Major.Minor version; a new Major or Minor version needs a new certification.</p>
</header>
<main>
${summary(session)}
${identification(session)}
${sectionsTable(session)}
${cases.join('\n')}
</main>
</body>
</html>
`;
}
