#!/usr/bin/env node
// `npm start`: builds the app (electron-vite build), then launches it with the Electron binary of the
// electron package. The binary is found without the package's own lookup, which would try to download
// it; when it is missing or will not start, this says so and points to the web mode instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const electronDir = join(root, 'node_modules', 'electron');
const NO_ELECTRON = [
  'The Electron binary could not be obtained (it is downloaded when the electron package installs,',
  'and that did not happen here), so the desktop app cannot start.',
  'Run the same app in a browser instead: npm run web',
].join('\n');

/** The Electron executable, as the electron package would name it, or null when it is not on disk. */
function electronBinary(env = process.env) {
  const pathFile = join(electronDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  if (env.ELECTRON_OVERRIDE_DIST_PATH) return join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
  if (!relative) return null;
  const binary = join(electronDir, 'dist', relative);
  return existsSync(binary) ? binary : null;
}

function fail(message) {
  console.error(`npm start: ${message}`);
  process.exit(1);
}

function build() {
  const cli = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const result = spawnSync(process.execPath, [cli, 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) fail('electron-vite build failed (see above).');
}

function launch(binary) {
  const child = spawn(binary, [root, ...process.argv.slice(2).filter((arg) => arg !== '--no-build')], {
    cwd: root,
    stdio: 'inherit',
  });
  let started = false;
  const startedTimer = setTimeout(() => (started = true), 5_000);
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => fail(`${NO_ELECTRON}\n(${binary}: ${error.message})`));
  child.on('exit', (code, signal) => {
    clearTimeout(startedTimer);
    // 126/127: the loader could not run it (missing libraries, not executable).
    if (!started && (code === 126 || code === 127)) fail(`${NO_ELECTRON}\n(${binary} exited with ${code})`);
    process.exit(code ?? (signal ? 1 : 0));
  });
}

if (!process.argv.includes('--no-build')) build();
const binary = electronBinary();
if (binary === null || !existsSync(binary)) fail(NO_ELECTRON);
launch(binary);
