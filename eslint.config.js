// Lint rules, including the import boundaries of DESIGN.md section 2.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** Builds a no-restricted-imports rule that forbids the given project folders (relative imports). */
function forbid(folders, extra = []) {
  return {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...folders.map((folder) => ({
            group: [`**/${folder}`, `**/${folder}/**`],
            message: `This layer may not import src/${folder} (see DESIGN.md section 2).`,
          })),
          ...extra,
        ],
      },
    ],
  };
}

const nodeBuiltins = {
  group: [
    'node:*',
    'fs',
    'path',
    'os',
    'child_process',
    'http',
    'https',
    'net',
    'crypto',
    'electron',
    'better-sqlite3',
  ],
  message: 'The renderer runs in a browser sandbox: no Node or Electron modules; talk to the bridge instead.',
};
const noElectron = {
  group: ['electron'],
  message: 'Engine layers are plain Node: they never import electron.',
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/shared/**'],
    rules: forbid(
      ['emulator', 'terminal', 'hardware', 'customer', 'host', 'main', 'preload', 'renderer', 'cli'],
      [nodeBuiltins],
    ),
  },
  {
    files: ['src/emulator/**'],
    rules: forbid(
      ['terminal', 'hardware', 'customer', 'host', 'main', 'preload', 'renderer', 'cli'],
      [noElectron],
    ),
  },
  {
    // The emulator is the far side of a network: the engine layers reach it over HTTP only.
    files: ['src/terminal/**', 'src/hardware/**', 'src/customer/**'],
    rules: forbid(['emulator', 'host', 'main', 'preload', 'renderer', 'cli'], [noElectron]),
  },
  {
    // The host is the composition root shared by Electron main and web mode (docs/architecture.md):
    // it may build every engine layer, but stays free of Electron and of the transports around it.
    files: ['src/host/**'],
    rules: forbid(['main', 'preload', 'renderer', 'cli'], [noElectron]),
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: forbid(
      ['emulator', 'terminal', 'hardware', 'customer', 'host', 'main', 'preload', 'cli'],
      [nodeBuiltins],
    ),
  },
  {
    files: ['src/preload/**'],
    rules: forbid(['emulator', 'terminal', 'hardware', 'customer', 'host', 'renderer', 'cli']),
  },
);
