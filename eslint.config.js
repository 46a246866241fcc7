// @ts-check
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
  const stack = [
    ['station', 'electron/core/station/'],
    ['runtime', 'electron/core/runtime'],
    ['api', 'electron/core/api/'],
    ['services', 'electron/core/services/'],
    ['db', 'electron/core/db/'],
  ];
  const floor = ['electron/core/engine/', 'electron/core/security/'];
  const above = (i) => stack.slice(0, i).map(([, dir]) => dir);
  return [
    ...stack.map(([name, dir], i) => ({ name: `electron/core/${name}`, path: dir, denyDirs: above(i) })),
    ...floor.map((dir) => ({
      name: dir.slice(0, -1),
      path: dir,
      denyDirs: [...stack.map(([, d]) => d), ...floor.filter((other) => other !== dir)],
    })),
    {
      name: 'electron/core/errors',
      path: 'electron/core/errors/',
      allowDirs: ['electron/core/errors/', 'shared/'],
    },
  ];
}

/** The layers of docs/architecture.md ("Layers and what each may import"): imports point down, never up. */
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
    denyPackages: ['electron', 'node:*'],
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
  },
  {
    name: 'renderer',
    path: 'renderer/',
    allowDirs: ['renderer/', 'shared/'],
    denyPackages: ['electron', 'node:*', 'mongoose', 'mongodb', 'bcryptjs', 'keytar'],
  },
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
