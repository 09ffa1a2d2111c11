import { describe, expect, it } from 'vitest';
import { FaultRules, compilePathGlob } from '../../../src/emulator/control/fault-rules.js';

const status500 = { kind: 'status', status: 500 } as const;

describe('path globs of fault rules', () => {
  it('matches a literal path case-insensitively and ignores a trailing slash', () => {
    const glob = compilePathGlob('/pos/v10/payments');
    expect(glob.test('/pos/v10/payments')).toBe(true);
    expect(glob.test('/POS/V10/Payments/')).toBe(true);
    expect(glob.test('/pos/v10/payments/prepare')).toBe(false);
  });

  it('lets * stand for exactly one path segment', () => {
    const glob = compilePathGlob('/pos/v10/payments/*/capture');
    expect(glob.test('/pos/v10/payments/8a2c6f0e-1d3b-4c5a-9e7f-0b1c2d3e4f50/capture')).toBe(true);
    expect(glob.test('/pos/v10/payments/a/b/capture')).toBe(false);
    expect(glob.test('/pos/v10/payments/abc/cancel')).toBe(false);
  });

  it('lets ** stand for the rest of the path, including nothing', () => {
    const glob = compilePathGlob('/pos/v10/**');
    expect(glob.test('/pos/v10')).toBe(true);
    expect(glob.test('/pos/v10/payments/abc/capture')).toBe(true);
    expect(glob.test('/pos/app/usersimulation/checkin')).toBe(false);
  });

  it('treats regular-expression characters in the pattern literally', () => {
    const glob = compilePathGlob('/integrator-authentication/.well-known/openid-configuration');
    expect(glob.test('/integrator-authentication/.well-known/openid-configuration')).toBe(true);
    expect(glob.test('/integrator-authentication/xwell-known/openid-configuration')).toBe(false);
  });
});

describe('fault rule counting', () => {
  it('fires on the nth matching call and then for `times` consecutive calls', () => {
    const rules = new FaultRules();
    const rule = rules.add({
      method: 'POST',
      path: '/pos/v10/payments',
      nth: 2,
      times: 2,
      action: status500,
    });
    const fired = [1, 2, 3, 4, 5].map(() => rules.select('POST', '/pos/v10/payments') !== null);
    expect(fired).toEqual([false, true, true, false, false]);
    expect(rules.list()).toEqual([{ ...rule, matched: 5, fired: 2, exhausted: true }]);
  });

  it('counts and faults only the calls of its client when scoped to one (case-insensitively)', () => {
    const rules = new FaultRules();
    const rule = rules.add({
      method: 'POST',
      path: '/pos/v10/payments',
      clientId: 'Client-A',
      action: status500,
    });
    expect(rules.select('POST', '/pos/v10/payments', 'client-b')).toBeNull();
    expect(rules.select('POST', '/pos/v10/payments')).toBeNull();
    expect(rules.select('POST', '/pos/v10/payments', 'client-a')).toMatchObject({ ruleId: rule.id });
    expect(rules.list()[0]).toMatchObject({ clientId: 'client-a', matched: 1, fired: 1 });
  });

  it('counts only calls that match both the method and the path', () => {
    const rules = new FaultRules();
    rules.add({ method: 'POST', path: '/pos/v10/payments', nth: 2, action: status500 });
    expect(rules.select('GET', '/pos/v10/payments')).toBeNull();
    expect(rules.select('POST', '/pos/v10/refunds')).toBeNull();
    expect(rules.select('POST', '/pos/v10/payments')).toBeNull();
    expect(rules.select('POST', '/pos/v10/payments')).toMatchObject({ source: 'rule', action: status500 });
  });

  it('matches every method when the method is *', () => {
    const rules = new FaultRules();
    rules.add({ method: '*', path: '/pos/v10/payments/*', times: 3, action: { kind: 'drop' } });
    expect(rules.select('GET', '/pos/v10/payments/abc')?.action).toEqual({ kind: 'drop' });
    expect(rules.select('POST', '/pos/v10/payments/abc')?.action).toEqual({ kind: 'drop' });
    expect(rules.select('DELETE', '/pos/v10/payments/abc')?.action).toEqual({ kind: 'drop' });
    expect(rules.select('GET', '/pos/v10/payments/abc')).toBeNull();
  });

  it('applies the oldest rule when two rules fire on the same call, and both count it', () => {
    const rules = new FaultRules();
    const first = rules.add({ method: '*', path: '/pos/v10/**', action: { kind: 'refuse' } });
    const second = rules.add({ method: 'GET', path: '/pos/v10/payments/*', times: 2, action: status500 });
    expect(rules.select('GET', '/pos/v10/payments/abc')?.ruleId).toBe(first.id);
    expect(rules.select('GET', '/pos/v10/payments/abc')?.ruleId).toBe(second.id);
    expect(rules.list().map((r) => [r.matched, r.fired])).toEqual([
      [2, 1],
      [2, 1],
    ]);
  });

  it('accepts a lowercase method, defaults nth and times to 1 and gives each rule its own id', () => {
    const rules = new FaultRules();
    const a = rules.add({ method: 'post', path: '/pos/v10/payments', action: status500 });
    const b = rules.add({ method: 'get', path: '/pos/v10/payments', action: status500 });
    expect(a).toMatchObject({ method: 'POST', nth: 1, times: 1, matched: 0, fired: 0, exhausted: false });
    expect(a.id).not.toBe(b.id);
  });

  it('forgets removed and cleared rules', () => {
    const rules = new FaultRules();
    const a = rules.add({ method: '*', path: '/**', action: status500 });
    rules.add({ method: '*', path: '/**', action: status500 });
    expect(rules.remove(a.id)).toBe(true);
    expect(rules.remove(a.id)).toBe(false);
    expect(rules.size).toBe(1);
    rules.clear();
    expect(rules.select('GET', '/pos/v10/payments')).toBeNull();
  });
});
