// docs/certification.md describes the case catalogue; this keeps it from drifting from the code: every
// section, case and step the service serves at GET /certification/api/catalogue must be in the document.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEmulator } from '../../../src/emulator/build-emulator.js';
import type { CaseView } from '../../../src/shared/certification.js';

interface CatalogueAnswer {
  readonly sections: readonly {
    readonly id: string;
    readonly title: string;
    readonly mandatory: boolean;
    readonly cases: readonly CaseView[];
  }[];
  readonly conductCaseId: string;
}

const docPath = fileURLToPath(new URL('../../../docs/certification.md', import.meta.url));

let app: FastifyInstance;
let catalogue: CatalogueAnswer;
let doc: string;

beforeAll(async () => {
  app = buildEmulator({ clock: 'virtual', sweepIntervalMs: 0 });
  const response = await app.inject({ method: 'GET', url: '/certification/api/catalogue' });
  expect(response.statusCode).toBe(200);
  catalogue = response.json<CatalogueAnswer>();
  doc = readFileSync(docPath, 'utf8');
});
afterAll(async () => app.close());

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The items the document does not contain: empty when it is up to date, else what to add. */
function missing(items: readonly string[]): readonly string[] {
  return items.filter((item) => !doc.includes(item));
}

describe('docs/certification.md', () => {
  it('is read against a catalogue that has cases and steps', () => {
    const cases = catalogue.sections.flatMap((s) => s.cases);
    expect(cases.length).toBeGreaterThan(10);
    expect(cases.some((c) => c.id === catalogue.conductCaseId)).toBe(true);
    expect(cases.every((c) => c.steps.length > 0)).toBe(true);
  });

  it('names every section of the selection step', () => {
    expect(missing(catalogue.sections.map((s) => s.title))).toEqual([]);
  });

  it('mentions every case id', () => {
    const ids = catalogue.sections.flatMap((s) => s.cases.map((c) => c.id));
    // As a whole id: "refunds-1" must not be found in "refunds-10" or "refunds-1.2".
    const named = (id: string): boolean =>
      new RegExp(`(?<![\\w.-])${escapeRegExp(id)}(?![\\w-]|\\.\\d)`).test(doc);
    expect(ids.filter((id) => !named(id))).toEqual([]);
  });

  it('introduces every case with its id and title on one line', () => {
    const lines = doc.split('\n');
    const cases = catalogue.sections.flatMap((s) => s.cases);
    const unintroduced = cases.filter(
      (c) =>
        !lines.some((line) => line.includes(`${c.id}: ${c.title}`) || line.includes(`${c.id} ${c.title}`)),
    );
    expect(unintroduced.map((c) => `${c.id}: ${c.title}`)).toEqual([]);
  });

  it('mentions every step title', () => {
    const titles = catalogue.sections.flatMap((s) =>
      s.cases.flatMap((c) => c.steps.map((step) => step.title)),
    );
    expect(missing([...new Set(titles)])).toEqual([]);
  });

  it('lists every step under its id, with its title', () => {
    const steps = catalogue.sections.flatMap((s) =>
      s.cases.flatMap((c) => c.steps.map((step) => `${step.id} ${step.title}`)),
    );
    expect(missing(steps)).toEqual([]);
  });
});
