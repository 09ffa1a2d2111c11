// The import boundaries of DESIGN.md section 2 are enforced by lint; these specs prove the rule bites.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function violations(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries', () => {
  it('keeps the renderer away from Node, Electron and the engine', async () => {
    const found = await violations(
      'src/renderer/checkout.tsx',
      "import { readFileSync } from 'node:fs';\nimport { ipcRenderer } from 'electron';\nimport { buildEmulator } from '../emulator/build-emulator.js';\nexport const x = [readFileSync, ipcRenderer, buildEmulator];\n",
    );
    expect(found).toHaveLength(3);
  });

  it('lets the renderer import the shared contracts', async () => {
    expect(
      await violations(
        'src/renderer/app.tsx',
        "import type { AppInfo } from '../shared/bridge/index.js';\nexport type X = AppInfo;\n",
      ),
    ).toEqual([]);
  });

  it('keeps the emulator on its side of the network', async () => {
    const found = await violations(
      'src/emulator/routes/x.ts',
      "import { thing } from '../../terminal/api/client.js';\nimport { app } from 'electron';\nexport const x = [thing, app];\n",
    );
    expect(found).toHaveLength(2);
  });

  it('keeps the terminal, hardware and customer layers free of Electron and the renderer', async () => {
    for (const layer of ['terminal', 'hardware', 'customer']) {
      const found = await violations(
        `src/${layer}/x.ts`,
        "import { app } from 'electron';\nimport { App } from '../renderer/app.js';\nexport const x = [app, App];\n",
      );
      expect(found, layer).toHaveLength(2);
    }
  });

  it('keeps the engine layers off the emulator: they reach it over HTTP', async () => {
    for (const layer of ['terminal', 'hardware', 'customer']) {
      const found = await violations(
        `src/${layer}/x.ts`,
        "import { buildEmulator } from '../emulator/build-emulator.js';\nexport const x = buildEmulator;\n",
      );
      expect(found, layer).toHaveLength(1);
    }
  });

  it('keeps shared free of every other layer', async () => {
    const found = await violations(
      'src/shared/x.ts',
      "import { x } from '../emulator/clock.js';\nexport const y = x;\n",
    );
    expect(found).toHaveLength(1);
  });

  it('lets main compose the engine', async () => {
    expect(
      await violations(
        'src/main/x.ts',
        "import { buildEmulator } from '../emulator/build-emulator.js';\nexport const y = buildEmulator;\n",
      ),
    ).toEqual([]);
  });
});
