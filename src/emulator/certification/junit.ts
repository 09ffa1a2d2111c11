// A session as JUnit XML, the one test-result format every CI server reads: a testsuite per case, a
// testcase per step, a failure with the judge's reason, skipped for steps never reached. So a pipeline
// running `pos-sim certify` shows which client obligation broke without opening the HTML report.
import {
  SECTION_TITLES,
  type CaseView,
  type SessionView,
  type StepView,
} from '../../shared/certification.js';

/** Escapes text for XML content and attributes, dropping characters XML 1.0 cannot carry at all. */
export function escapeXml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
      .replace(/\n/g, '&#10;')
      .replace(/\r/g, '&#13;')
      .replace(/\t/g, '&#9;')
  );
}

/** Escapes element text: like attributes, but line breaks stay readable. */
const escapeText = (text: string): string =>
  escapeXml(text).replace(/&#10;/g, '\n').replace(/&#13;/g, '').replace(/&#9;/g, '\t');

/** Seconds with millisecond precision; 0 for a step that never ran or still runs. */
function seconds(startedAt: number | null, endedAt: number | null): string {
  if (startedAt === null || endedAt === null) return '0.000';
  return (Math.max(0, endedAt - startedAt) / 1000).toFixed(3);
}

/** JUnit's timestamp: ISO 8601 without zone (the schema's xs:dateTime pattern); UTC by construction. */
const timestamp = (at: number): string => new Date(at).toISOString().slice(0, 19);

const attrs = (values: Readonly<Record<string, string | number>>): string =>
  Object.entries(values)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join('');

function details(step: StepView): string {
  return `${step.reason ?? 'no reason given'}\n\nStep: ${step.instruction}\nService: ${step.service}\nJudges: ${step.judges}\nRule: ${step.rule}`;
}

function testcase(view: CaseView, step: StepView): string {
  const open = `    <testcase${attrs({
    classname: `${view.section}.${view.id}`,
    name: `${step.id} ${step.title}`,
    time: seconds(step.startedAt, step.endedAt),
  })}`;
  switch (step.status) {
    case 'passed':
      return `${open}/>`;
    case 'failed':
      return (
        `${open}>\n      <failure${attrs({ message: step.reason ?? 'failed', type: 'StepFailed' })}>` +
        `${escapeText(details(step))}</failure>\n    </testcase>`
      );
    case 'not-tested':
      return `${open}>\n      <skipped${attrs({ message: 'not tested' })}/>\n    </testcase>`;
    case 'in-progress':
      // No verdict yet: a CI run must not read an unfinished certification as green.
      return (
        `${open}>\n      <error${attrs({ message: 'no verdict: the step was still in progress', type: 'Incomplete' })}/>` +
        '\n    </testcase>'
      );
  }
}

interface Totals {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  time: number;
}

function totals(steps: readonly StepView[]): Totals {
  const time = steps.reduce((sum, s) => sum + Number(seconds(s.startedAt, s.endedAt)), 0);
  return {
    tests: steps.length,
    failures: steps.filter((s) => s.status === 'failed').length,
    errors: steps.filter((s) => s.status === 'in-progress').length,
    skipped: steps.filter((s) => s.status === 'not-tested').length,
    time,
  };
}

function testsuite(session: SessionView, view: CaseView, index: number): string {
  const sum = totals(view.steps);
  const started = view.steps.find((s) => s.startedAt !== null)?.startedAt ?? session.startedAt;
  const head = `  <testsuite${attrs({
    id: index,
    name: `${SECTION_TITLES[view.section] ?? view.section}: ${view.title}`,
    package: view.section,
    tests: sum.tests,
    failures: sum.failures,
    errors: sum.errors,
    skipped: sum.skipped,
    time: sum.time.toFixed(3),
    timestamp: timestamp(started),
    hostname: 'pos-sim-certification',
  })}>`;
  const properties =
    `    <properties>\n      <property${attrs({ name: 'case', value: view.id })}/>\n` +
    `      <property${attrs({ name: 'description', value: view.description })}/>\n    </properties>`;
  return [head, properties, ...view.steps.map((step) => testcase(view, step)), '  </testsuite>'].join('\n');
}

/** The session's steps as JUnit XML (testsuites > testsuite per case > testcase per step). */
export function renderJUnit(session: SessionView): string {
  const id = session.identification;
  const sum = totals(session.cases.flatMap((c) => c.steps));
  const root = `<testsuites${attrs({
    name: `Self-certification of ${id.clientSystemName} ${id.clientSystemVersion} (session ${session.id})`,
    tests: sum.tests,
    failures: sum.failures,
    errors: sum.errors,
    skipped: sum.skipped,
    time: sum.time.toFixed(3),
  })}>`;
  const suites = session.cases.map((view, index) => testsuite(session, view, index));
  return ['<?xml version="1.0" encoding="UTF-8"?>', root, ...suites, '</testsuites>', ''].join('\n');
}
