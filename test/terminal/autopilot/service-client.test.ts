// The certification service's client: where it calls, what a refusal or an odd answer becomes, and
// a certificate that is not issued yet (409) read as "none" rather than as a failure.
import { describe, expect, it } from 'vitest';
import { CertificationServiceClient, ServiceError } from '../../../src/terminal/autopilot/index.js';

/** A fetch that answers from a table of `METHOD url` -> response, recording each call. */
function fakeFetch(table: Record<string, () => Response>) {
  const calls: string[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const key = `${init?.method ?? 'GET'} ${String(input)}`;
    calls.push(key);
    const answer = table[key];
    if (!answer) throw new TypeError('fetch failed');
    return answer();
  };
  return { fetch, calls };
}

const API = 'http://127.0.0.1:9/certification/api';

describe('the certification service client', () => {
  it('calls the JSON API under /certification/api of the service URL', async () => {
    const session = { id: 's1', cases: [], apiBaseUrl: 'http://x/pos-self-certification-api' };
    const { fetch, calls } = fakeFetch({
      [`POST ${API}/sessions`]: () => Response.json(session, { status: 201 }),
      [`GET ${API}/sessions/s1`]: () => Response.json(session),
      [`GET ${API}/sessions/s1/report`]: () => new Response('<html></html>'),
      [`GET ${API}/sessions/s1/junit`]: () => new Response('<testsuites/>'),
    });
    const client = new CertificationServiceClient('http://127.0.0.1:9/', { fetch });
    expect(client.apiUrl).toBe(API);
    const identification = {
      clientSystemName: 'spec',
      clientId: 'c',
      clientSystemVersion: '1.0.0',
      merchantVat: 'DK90000028',
      callbackAlias: null,
      callbackUrl: null,
    };
    expect((await client.startSession({ identification, sections: ['refunds'] })).id).toBe('s1');
    expect((await client.getSession('s1')).id).toBe('s1');
    expect(await client.report('s1')).toBe('<html></html>');
    expect(await client.junit('s1')).toBe('<testsuites/>');
    expect(calls).toHaveLength(4);
  });

  it('reads a certificate not issued yet (409) as none', async () => {
    const { fetch } = fakeFetch({
      [`GET ${API}/sessions/s1/certificate`]: () => Response.json({ message: 'not passed' }, { status: 409 }),
    });
    expect(
      await new CertificationServiceClient('http://127.0.0.1:9', { fetch }).certificate('s1'),
    ).toBeNull();
  });

  it("words a refusal with the service's own message and status", async () => {
    const { fetch } = fakeFetch({
      [`GET ${API}/sessions/nope`]: () =>
        Response.json({ message: 'No certification session nope' }, { status: 404 }),
    });
    const failure = await new CertificationServiceClient('http://127.0.0.1:9', { fetch })
      .getSession('nope')
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ServiceError);
    expect(failure).toMatchObject({
      status: 404,
      message: 'GET /sessions/nope answered HTTP 404: No certification session nope',
    });
  });

  it('refuses an answer that is not a session, and names the URL it could not reach', async () => {
    const { fetch } = fakeFetch({ [`GET ${API}/sessions/odd`]: () => Response.json({ hello: 1 }) });
    const client = new CertificationServiceClient('http://127.0.0.1:9', { fetch });
    await expect(client.getSession('odd')).rejects.toThrow('not a session');
    await expect(client.getSession('gone')).rejects.toMatchObject({
      status: null,
      message: expect.stringContaining(`cannot reach the certification service at ${API}/sessions/gone`),
    });
  });
});
