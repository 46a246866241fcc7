// @ts-check
import { readFileSync } from 'node:fs';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import layers from './tools/eslint/layers.js';

const root = import.meta.dirname;

/**
 * The core's sub-layers, top to bottom: each may import the ones below it (and shared/), never the ones above.
 * `errors` is the floor every layer may throw from.
 */
function coreLayers() {
  // Each sub-layer with the packages it may use: a package not listed here fails lint where it is imported.
  const stack = [
    ['station', 'electron/core/station/', ['bson', 'node:*']],
    ['runtime', 'electron/core/runtime', ['node:*']],
    ['api', 'electron/core/api/', ['zod']],
    // node:worker_threads: the timetable solver runs off the main thread (services/timetable/run-in-worker.ts);
    // date-holidays: the public holiday tables (services/public-holidays.ts).
    [
      'services',
      'electron/core/services/',
      ['mongoose', 'mongodb', 'zod', 'node:worker_threads', 'date-holidays'],
    ],
    ['db', 'electron/core/db/', ['mongoose', 'mongodb', 'bson', 'node:*']],
  ];
  const floor = [
    ['electron/core/engine/', ['mongoose', 'zod', 'node:*']],
    ['electron/core/security/', ['keytar', 'bcryptjs', 'node:*']],
  ];
  const above = (i) => stack.slice(0, i).map(([, dir]) => dir);
  return [
    ...stack.map(([name, dir, packages], i) => ({
      name: `electron/core/${name}`,
      path: dir,
      denyDirs: above(i),
      allowPackages: packages,
    })),
    ...floor.map(([dir, packages]) => ({
      name: dir.slice(0, -1),
      path: dir,
      denyDirs: [...stack.map(([, d]) => d), ...floor.map(([d]) => d).filter((other) => other !== dir)],
      allowPackages: packages,
    })),
    {
      name: 'electron/core/errors',
      path: 'electron/core/errors/',
      allowDirs: ['electron/core/errors/', 'shared/'],
      allowPackages: [],
    },
  ];
}

const packageJson = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const DECLARED_PACKAGES = Object.keys({
  ...packageJson.dependencies,
  ...packageJson.devDependencies,
  ...packageJson.optionalDependencies,
});

/** The layers of docs/architecture.md ("Layers and what each may import"): imports point down, never up. */
/** What every part of the renderer below the features may use (and the features too). */
const RENDERER_COMMON_DIRS = [
  'renderer/src/components/',
  'renderer/src/hooks/',
  'renderer/src/lib/',
  'renderer/src/stores/',
  'renderer/src/theme',
  'shared/',
];

const LAYERS = [
  {
    name: 'shared/contract',
    path: 'shared/contract/',
    allowDirs: ['shared/'],
    allowPackages: ['zod'],
  },
  {
    name: 'shared',
    path: 'shared/',
    allowDirs: ['shared/'],
    allowPackages: ['zod', 'bson'],
  },
  {
    name: 'electron/core',
    path: 'electron/core/',
    denyDirs: ['renderer/', 'electron/main/', 'electron/preload/', 'tests/'],
    denyPackages: ['electron', 'react', 'react-dom'],
  },
  // The core's own stack: station → runtime → api → services → db → engine and security; errors at the bottom.
  ...coreLayers(),
  {
    name: 'electron/preload',
    path: 'electron/preload/',
    allowDirs: ['electron/preload/', 'shared/'],
    allowPackages: ['electron'],
  },
  {
    name: 'electron/main',
    path: 'electron/main/',
    denyDirs: ['renderer/', 'electron/preload/', 'tests/'],
    allowPackages: ['electron', 'node:*'],
  },
  {
    name: 'renderer',
    path: 'renderer/',
    allowDirs: ['renderer/', 'shared/'],
    allowPackages: ['react', 'react-dom', 'zustand', '@mantine/*'],
  },
  // Inside the renderer: a feature imports itself and the shared pieces below it, never another feature; the
  // shared pieces never import a feature or the app shell that routes to them.
  {
    name: 'renderer feature',
    path: 'renderer/src/features/',
    ownSubfolder: true,
    allowDirs: RENDERER_COMMON_DIRS,
  },
  ...['components', 'hooks', 'lib', 'stores'].map((dir) => ({
    name: `renderer/src/${dir}`,
    path: `renderer/src/${dir}/`,
    allowDirs: RENDERER_COMMON_DIRS,
  })),
  // Tests, scripts and tools use any package the project declares, and nothing undeclared.
  ...['tests/', 'scripts/', 'tools/'].map((path) => ({
    name: path.slice(0, -1),
    path,
    allowPackages: [...DECLARED_PACKAGES, 'node:*'],
  })),
];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'release/**',
      'node_modules/**',
      'resources/**',
      'engine/**',
      'build/**',
      'test-results/**',
      'coverage/**',
      '.data/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: root,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { layers },
    rules: {
      'layers/imports': ['error', { root, layers: LAYERS }],
      'layers/no-cycle': ['error', { root }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      eqeqeq: ['error', 'smart'],
      'no-console': 'off',
    },
  },
  {
    // Plain JavaScript (scripts, tools, this file): no type information.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: globals.node,
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat['recommended-latest'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['electron/**/*.ts', 'tests/**/*.ts', 'scripts/**/*.ts', '*.config.ts'],
    languageOptions: { globals: globals.node },
  },
);
