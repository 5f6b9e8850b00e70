// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Import direction: ui → client → protocol ← worker → engine. Each zone lists what its files may not import. */
const layer = (name) => [`**/${name}`, `**/${name}/**`, `@/${name}/**`];
const zones = [
  {
    files: ['src/engine/**'],
    forbidden: [
      ...layer('protocol'),
      ...layer('worker'),
      ...layer('client'),
      ...layer('ui'),
      'react',
      'react-dom',
      'react/**',
    ],
    message: 'src/engine is the pure versioning engine: it imports none of protocol, worker, client, ui or React.',
  },
  {
    files: ['src/protocol/**'],
    forbidden: [...layer('engine'), ...layer('worker'), ...layer('client'), ...layer('ui'), 'react', 'react-dom'],
    message: 'src/protocol is the contract: it depends on no layer.',
  },
  {
    files: ['src/worker/**'],
    forbidden: [...layer('client'), ...layer('ui'), 'react', 'react-dom'],
    message: 'src/worker adapts the engine to the protocol; it never imports the client or the UI.',
  },
  {
    files: ['src/client/**'],
    forbidden: [...layer('engine'), ...layer('worker'), ...layer('ui'), 'react', 'react-dom'],
    message: 'src/client talks to the worker only through the protocol.',
  },
  {
    files: ['src/ui/**'],
    forbidden: [...layer('engine'), ...layer('worker')],
    message: 'src/ui talks to the engine only through src/client (ui → client → protocol ← worker → engine).',
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-*',
      'node_modules',
      'test-results',
      'playwright-report',
      'bench/results',
      'bench/data',
      'bench/.build',
      'bench/.profile',
      '.tmp',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  ...zones.map((zone) => ({
    files: zone.files,
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: zone.forbidden, message: zone.message }] }],
    },
  })),
  {
    // The engine runs in Node tests and in the worker alike: no DOM globals.
    files: ['src/engine/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'window', message: 'The engine has no DOM.' },
        { name: 'document', message: 'The engine has no DOM.' },
        { name: 'localStorage', message: 'The engine has no DOM.' },
      ],
    },
  },
);
