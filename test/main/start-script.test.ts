// `npm start` without an Electron binary: it says so plainly, points to the web mode and fails.
// The script finds the binary on its own, so nothing here can trigger the electron package's download.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../../scripts/start.js', import.meta.url));
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function start(distDir: string) {
  return spawnSync(process.execPath, [script, '--no-build'], {
    env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: distDir },
    encoding: 'utf8',
    timeout: 15_000,
  });
}

describe('npm start', () => {
  it('says the Electron binary could not be obtained and points to npm run web', () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-electron-'));
    dirs.push(empty);
    const result = start(empty);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Electron binary could not be obtained');
    expect(result.stderr).toContain('npm run web');
  });

  it.skipIf(process.platform === 'win32')('says the same when the binary is there but cannot run', () => {
    const dist = mkdtempSync(join(tmpdir(), 'broken-electron-'));
    dirs.push(dist);
    writeFileSync(join(dist, 'electron'), '#!/bin/sh\nexit 127\n');
    chmodSync(join(dist, 'electron'), 0o755);
    const result = start(dist);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('npm run web');
  });
});
