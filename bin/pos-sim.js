#!/usr/bin/env node
// Entry of the pos-sim CLI. Runs the TypeScript sources through tsx, so `node bin/pos-sim.js emulator`
// works from a fresh checkout without a build step.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

// Our own compiler settings, whatever directory pos-sim is started from.
register({ tsconfig: fileURLToPath(new URL('../tsconfig.node.json', import.meta.url)) });

const { runCli } = await import('../src/cli/index.ts');
const code = await runCli(process.argv.slice(2));
process.exitCode = code;
// Normally the event loop is empty by now; never let a stray handle keep a stopped CLI alive.
setTimeout(() => process.exit(code), 2000).unref();
