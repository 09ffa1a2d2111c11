import { describe, expect, it } from 'vitest';
import { describeAction, parseFaultHeader, statusFaultBody } from '../../../src/emulator/control/faults.js';

describe('the x-emulator-fault header', () => {
  it('reads a status, optionally with a code and a message', () => {
    expect(parseFaultHeader('status=500')).toEqual({ kind: 'status', status: 500 });
    expect(parseFaultHeader('status=500;code=2001')).toEqual({ kind: 'status', status: 500, code: '2001' });
    expect(parseFaultHeader(' status=409 ; code=1306 ; message=Busy%20till ')).toEqual({
      kind: 'status',
      status: 409,
      code: '1306',
      message: 'Busy till',
    });
  });

  it('reads delay, drop and refuse', () => {
    expect(parseFaultHeader('delay=2500')).toEqual({ kind: 'delay', ms: 2500 });
    expect(parseFaultHeader('drop')).toEqual({ kind: 'drop' });
    expect(parseFaultHeader('REFUSE')).toEqual({ kind: 'refuse' });
  });

  it.each([
    '',
    'explode',
    'status=abc',
    'status=99',
    'delay=-1',
    'drop;refuse',
    'delay=10;code=2000',
    'status=500;status=503',
  ])('rejects %j with a readable message', (value) => {
    expect(() => parseFaultHeader(value)).toThrow(/x-emulator-fault/);
  });

  it('writes an action back in the header form', () => {
    expect(describeAction({ kind: 'status', status: 500, code: '2001' })).toBe('status=500;code=2001');
    expect(describeAction({ kind: 'delay', ms: 2500 })).toBe('delay=2500');
    expect(describeAction({ kind: 'drop' })).toBe('drop');
  });
});

describe('the body of a status fault', () => {
  it('uses the code and message it was given', () => {
    expect(statusFaultBody({ kind: 'status', status: 503, code: '9999', message: 'down' }, 'c-1')).toEqual({
      code: '9999',
      message: 'down',
      correlationId: 'c-1',
    });
  });

  it('answers a 5xx with the API internal error 2000 by default', () => {
    expect(statusFaultBody({ kind: 'status', status: 500 }, 'c-1')).toEqual({
      code: '2000',
      message: 'Internal server error',
      correlationId: 'c-1',
    });
  });

  it('takes the catalogue text for a documented code', () => {
    expect(statusFaultBody({ kind: 'status', status: 409, code: '1368' }, 'c-1').message).toMatch(
      /available balance/,
    );
  });
});
