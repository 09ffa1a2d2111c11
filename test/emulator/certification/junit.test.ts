import { describe, expect, it } from 'vitest';
import { escapeXml, renderJUnit } from '../../../src/emulator/certification/junit.js';
import { failedSession, kase, passedSession, session, step } from './fixtures.js';
import { parseXml, type XmlElement } from './tiny-xml.js';

const only = (element: XmlElement, name: string): XmlElement[] =>
  element.children.filter((child) => child.name === name);

describe('JUnit XML of a session', () => {
  it('is a testsuite per case and a testcase per step, with counts and times in seconds', () => {
    const root = parseXml(renderJUnit(passedSession()));

    expect(root.name).toBe('testsuites');
    expect(root.attributes).toMatchObject({
      tests: '3',
      failures: '0',
      errors: '0',
      skipped: '0',
      time: '4.500',
    });
    const suites = only(root, 'testsuite');
    expect(suites.map((s) => s.attributes['name'])).toEqual([
      'Onboarding: Case onboarding-1',
      'Payments: Case payments-1',
    ]);
    expect(suites[0]!.attributes).toMatchObject({
      package: 'onboarding',
      tests: '2',
      failures: '0',
      time: '3.000',
      timestamp: '2024-05-01T10:00:00',
    });
    const cases = only(suites[0]!, 'testcase');
    expect(cases.map((c) => c.attributes)).toEqual([
      { classname: 'onboarding.onboarding-1', name: 'onboarding-1.1 Step onboarding-1.1', time: '1.500' },
      { classname: 'onboarding.onboarding-1', name: 'onboarding-1.2 Step onboarding-1.2', time: '1.500' },
    ]);
    expect(cases.every((c) => c.children.length === 0)).toBe(true);
  });

  it('gives a failed step a failure with the reason, and a step never reached a skipped', () => {
    const root = parseXml(renderJUnit(failedSession()));

    expect(root.attributes).toMatchObject({ tests: '3', failures: '1', skipped: '1', errors: '0' });
    const [onboarding, payments] = only(root, 'testsuite');
    const failedCase = only(onboarding!, 'testcase')[1]!;
    expect(failedCase.attributes['name']).toBe('onboarding-1.2 Create a PoS <b>(500)</b>');
    const [failure] = only(failedCase, 'failure');
    expect(failure!.attributes['message']).toBe(
      'A new idempotency key on retry: <script>alert("x")</script> & more',
    );
    expect(failure!.text).toContain('A new idempotency key on retry');
    expect(failure!.text).toContain('Rule: api-principles.md: rule of onboarding-1.2');
    const skipped = only(only(payments!, 'testcase')[0]!, 'skipped');
    expect(skipped).toEqual([
      { name: 'skipped', attributes: { message: 'not tested' }, children: [], text: '' },
    ]);
    expect(only(payments!, 'testcase')[0]!.attributes['time']).toBe('0.000');
  });

  it('escapes markup from the client, so the document stays well-formed', () => {
    const xml = renderJUnit(failedSession());

    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('<b>');
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Till');
    expect(parseXml(xml).attributes['name']).toBe(
      'Self-certification of <script>alert(1)</script> Till 2.3.17 (session session-1)',
    );
  });

  it('reads a step still in progress as an error, never as green', () => {
    const running = session(
      [kase('refunds-1', 'refunds', [step('refunds-1.1', 'passed'), step('refunds-1.2', 'in-progress')])],
      { phase: 'certification', completedAt: null, current: { caseId: 'refunds-1', stepId: 'refunds-1.2' } },
    );
    const root = parseXml(renderJUnit(running));

    expect(root.attributes).toMatchObject({ tests: '2', errors: '1', failures: '0' });
    const error = only(only(only(root, 'testsuite')[0]!, 'testcase')[1]!, 'error')[0]!;
    expect(error.attributes['message']).toMatch(/still in progress/);
  });

  it('drops characters XML 1.0 cannot carry and keeps line breaks in attributes', () => {
    expect(escapeXml('a\u0000b\u001Fc')).toBe('abc');
    expect(escapeXml('line 1\nline 2')).toBe('line 1&#10;line 2');
    expect(escapeXml(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&apos;');
  });
});
