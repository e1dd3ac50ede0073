import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/', 'test-artifacts/', 'src/io/wasm/csvScan.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser, Office: 'readonly', Excel: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-implied-eval': 'error',
    },
  },
  {
    // The engine is pure: no Office, React, DOM, file or other project folders (DESIGN §2).
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/**/*.test.ts'],
    languageOptions: { globals: { ...globals.es2021 } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-dom', '@fluentui/*', 'exceljs', 'papaparse', 'node:*', 'fs', 'path'],
              message: 'src/engine stays pure.',
            },
            {
              group: [
                '**/taskpane/**',
                '**/excel/**',
                '**/sim/**',
                '**/cli/**',
                '**/io/**',
                '**/i18n/**',
                '**/worker/**',
                '**/demo/**',
                '**/commands/**',
              ],
              message: 'src/engine imports nothing from other src folders.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'Office',
        'Excel',
        'navigator',
        'localStorage',
      ],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
