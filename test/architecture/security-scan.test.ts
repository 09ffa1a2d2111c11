// The electronegativity scan: it fails on a HIGH finding, and our Electron sources have none.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../../scripts/security-scan.js', import.meta.url));

function scan(...dirs: string[]) {
  return spawnSync(process.execPath, [script, ...dirs], { encoding: 'utf8', timeout: 60_000 });
}

describe('security scan', () => {
  it('fails on a window without context isolation', () => {
    const dir = mkdtempSync(join(tmpdir(), 'insecure-app-'));
    try {
      writeFileSync(
        join(dir, 'main.js'),
        "const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { contextIsolation: false } });\n",
      );
      const result = scan(dir);
      expect(result.status).toBe(1);
      expect(result.stdout).toContain('CONTEXT_ISOLATION_JS_CHECK');
      expect(result.stdout).toContain('FAILED');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds nothing of HIGH severity in src/main, src/preload and the build', () => {
    const result = scan();
    expect(result.stdout).not.toMatch(/^\s+HIGH/m);
    expect(result.status).toBe(0);
  });
});
