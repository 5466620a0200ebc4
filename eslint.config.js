// ESLint flat config. Svelte components are checked by svelte-check (npm run typecheck),
// so ESLint covers .ts/.js/.mjs only.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: [
      'out/',
      'dist/',
      'coverage/',
      'node_modules/',
      '.venv/',
      'test/output/',
      'bench-results/',
      '**/*.svelte',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: globals.node,
    },
    rules: {
      // `_`-prefixed names mark deliberately unused parameters (callbacks with fixed shapes).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,js}'],
    languageOptions: { globals: globals.browser },
    rules: {
      // The renderer computes nothing the engine knows; it may only borrow engine *types*.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+engine(/|$)',
              allowTypeImports: true,
              message: 'The renderer may import engine types only (import type ...).',
            },
            {
              regex: '^(\\.\\./)+main(/|$)',
              message: 'The renderer talks to main through the host API, not imports.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['engine/**/*.ts'],
    rules: {
      // engine/ knows nothing of Electron, the host or the UI (DESIGN.md).
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'engine/ must not depend on Electron.' }],
          patterns: [
            { regex: '^electron/', message: 'engine/ must not depend on Electron.' },
            {
              regex: '^(\\.\\./)+(main|renderer)(/|$)',
              message: 'engine/ must not import from main/ or renderer/.',
            },
            { regex: '^svelte(/|$)', message: 'engine/ must not depend on Svelte.' },
          ],
        },
      ],
    },
  },
);
