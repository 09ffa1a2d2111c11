// The emulator's --config file and --integrator flags: what loads, and errors that name the file and field.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/args.js';
import { integratorIdFor, loadEmulatorConfig, withIntegrators } from '../../src/cli/config-file.js';
import { buildSeed } from '../../src/emulator/seed.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pos-sim-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, content: string): string => {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
};

describe('emulator config file', () => {
  it('loads a valid config with the schema defaults filled in', () => {
    const file = write(
      'ok.json',
      JSON.stringify({
        $schema: './emulator.schema.json',
        pollDelayMs: 500,
        integrators: [
          { integratorId: 'lab', clients: [{ clientId: 'lab-client', clientSecret: 'lab-secret' }] },
        ],
      }),
    );
    const config = loadEmulatorConfig(file);
    expect(config).toMatchObject({ pollDelayMs: 500, replaceDefaults: false, merchants: [], callbacks: {} });
    expect(buildSeed(config).integrators.map((i) => i.integratorId)).toEqual(['demo-integrator', 'lab']);
  });

  it('names the file and the bad field', () => {
    const file = write('bad-vat.json', JSON.stringify({ merchants: [{ vat: 'SE123', name: 'Shop' }] }));
    expect(() => loadEmulatorConfig(file)).toThrow(
      new RegExp(`^config file ${escape(file)}: merchants\\[0\\]\\.vat: `),
    );
  });

  it('counts further problems after the first', () => {
    const file = write('two.json', JSON.stringify({ pollDelayMs: -1, replaceDefaults: 'yes' }));
    expect(() => loadEmulatorConfig(file)).toThrow(
      /: (pollDelayMs|replaceDefaults): .*\(and 1 more problem\)$/,
    );
  });

  it('refuses a misspelt top-level field instead of ignoring it', () => {
    const file = write('typo.json', JSON.stringify({ intergrators: [] }));
    expect(() => loadEmulatorConfig(file)).toThrow(`config file ${file}: unknown field 'intergrators'`);
  });

  it('reports a missing file, broken JSON and a non-object as config errors without the usage', () => {
    const errorOf = (file: string): UsageError => {
      try {
        loadEmulatorConfig(file);
      } catch (error) {
        return error as UsageError;
      }
      throw new Error('expected an error');
    };
    expect(errorOf(join(dir, 'absent.json')).message).toBe(
      `config file ${join(dir, 'absent.json')}: no such file`,
    );
    expect(errorOf(write('broken.json', '{ "pollDelayMs": ')).message).toMatch(
      /broken\.json: is not valid JSON: /,
    );
    const list = errorOf(write('list.json', '[]'));
    expect(list.message).toMatch(/list\.json: must contain a JSON object$/);
    expect(list).toBeInstanceOf(UsageError);
    expect(list.showUsage).toBe(false);
  });
});

describe('--integrator', () => {
  it('adds one integrator per client, its id derived from the client id, after those of the config', () => {
    const config = withIntegrators(
      { integrators: [{ integratorId: 'lab', clients: [{ clientId: 'c0', clientSecret: 's0' }] }] },
      [
        { clientId: 'c1', clientSecret: 's1' },
        { clientId: 'c2', clientSecret: 's2' },
      ],
    );
    expect(config.integrators?.map((i) => i.integratorId)).toEqual([
      'lab',
      integratorIdFor('c1'),
      integratorIdFor('c2'),
    ]);
    expect(integratorIdFor('c1')).toBe('integrator-c1');
    expect(config.integrators?.[2]?.clients).toEqual([{ clientId: 'c2', clientSecret: 's2' }]);
  });

  it('refuses the same client id twice', () => {
    const twice = [
      { clientId: 'c1', clientSecret: 'a' },
      { clientId: 'c1', clientSecret: 'b' },
    ];
    expect(() => withIntegrators({}, twice)).toThrow('--integrator c1 is given more than once');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
