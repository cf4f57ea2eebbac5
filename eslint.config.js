import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const noNodeOrElectron = [
  { group: ['electron', 'electron/*'], message: 'Only electron/ may import Electron.' },
  { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'better-sqlite3'], message: 'No Node APIs here.' },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Student data must never reach a console; main logs only through its own error hook.
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    // shared/: the contract and pure domain rules; imports neither Electron, Node nor React.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...noNodeOrElectron,
            { group: ['react', 'react-*', '@tanstack/*'], message: 'shared/ stays UI-free.' },
            { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ depends on nothing else in the app.' },
          ],
        },
      ],
    },
  },
  {
    // renderer/: imports only shared/ and renderer/; never Node or Electron.
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/set-state-in-effect': 'off',
      'no-console': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...noNodeOrElectron,
            {
              group: ['**/electron/**'],
              message: 'The renderer talks to the main process only through window.caseload.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
