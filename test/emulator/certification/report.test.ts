import { describe, expect, it } from 'vitest';
import { escapeHtml, renderReport } from '../../../src/emulator/certification/report.js';
import { failedSession, kase, passedSession, session, step } from './fixtures.js';

/** The report's visible text, roughly: tags dropped, whitespace folded. */
const textOf = (html: string): string =>
  html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

describe('the certification report', () => {
  it('says the result, the identification and the summary counts at the top', () => {
    const html = renderReport(passedSession());
    const text = textOf(html);

    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<p class="result passed">Result: Passed</p>');
    expect(text).toContain('Certification report: Till Pro 2.3.17');
    expect(text).toContain('Client id client-123');
    expect(text).toContain('Merchant VAT number DK90000028');
    expect(text).toContain('API base URL http://127.0.0.1:8080/pos-self-certification-api/pos/v10');
    expect(text).toContain('Started 2024-05-01T10:00:00.000Z');
    expect(text).toContain('2 cases');
    expect(text).toContain('3 steps passed');
    expect(html.indexOf('class="summary"')).toBeLessThan(html.indexOf('<h2>Identification</h2>'));
    expect(html).not.toContain('<h2>Failures</h2>');
  });

  it('lists every section and case with its steps, status, timing and the rule each judges', () => {
    const text = textOf(renderReport(passedSession()));

    expect(text).toContain('Onboarding 1 Passed');
    expect(text).toContain('Payments 1 Passed');
    expect(text).toContain('Case 1: Case onboarding-1 Passed');
    expect(text).toContain('Step onboarding-1.2 Do onboarding-1.2 on the client');
    expect(text).toContain('Service: The service answers onboarding-1.2');
    expect(text).toContain('1.500 s');
    expect(text).toContain('Judges onboarding-1.2 Rule: api-principles.md: rule of onboarding-1.2');
  });

  it('shows a failed run as failed, with each failure and its reason, and untested steps as such', () => {
    const html = renderReport(failedSession());
    const text = textOf(html);

    expect(html).toContain('<p class="result failed">Result: Failed</p>');
    expect(html).toContain('<h2>Failures</h2>');
    expect(html).toContain('href="#step-onboarding-1.2"');
    expect(html).toContain('id="step-onboarding-1.2"');
    expect(text).toContain('1 steps failed');
    expect(text).toContain('1 steps not tested');
    expect(text).toContain('Not tested');
    expect(html).toContain(
      'A new idempotency key on retry: &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more',
    );
  });

  it('escapes every text from the client: no markup of theirs reaches the page', () => {
    const html = renderReport(failedSession());

    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Till');
    expect(html).toContain('client-&quot;quoted&quot;');
    expect(html).toContain('https://integrator.example/notify?a=1&amp;b=2');
    expect(html).toContain('Create a PoS &lt;b&gt;(500)&lt;/b&gt;');
  });

  it('is self-contained and printable: inline CSS with a print medium, nothing loaded from elsewhere', () => {
    const html = renderReport(failedSession());

    expect(html).toMatch(/<style>[\s\S]*@media print[\s\S]*<\/style>/);
    expect(html).not.toMatch(/<(link|script|img|iframe)\b/i);
    expect(html).not.toMatch(/\bsrc=/i);
    expect(html).not.toMatch(/href="(?!#)/);
    expect(html).not.toMatch(/url\(/);
  });

  it('calls a session still running incomplete, with its running step', () => {
    const running = session(
      [kase('payments-1', 'payments', [step('payments-1.1', 'passed'), step('payments-1.2', 'in-progress')])],
      {
        phase: 'certification',
        completedAt: null,
        current: { caseId: 'payments-1', stepId: 'payments-1.2' },
      },
    );
    const text = textOf(renderReport(running));

    expect(text).toContain('Result: Incomplete');
    expect(text).toContain('running');
    expect(text).toContain('Completed –');
  });

  it('leaves no case out, even one of a section the session does not list', () => {
    const odd = session([kase('payments-1', 'payments', [step('payments-1.1', 'passed')])], {
      sections: ['onboarding'],
    });
    const text = textOf(renderReport(odd));

    expect(text).toContain('Payments 1 Passed');
    expect(text).toContain('Case 1: Case payments-1 Passed');
  });

  it('escapes the five HTML specials', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
