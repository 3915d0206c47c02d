// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Import boundaries (architecture.md): renderer ↛ main, main ↛ renderer, app ↛ either, and `electron` only in
 * main/electron/ and app/preload.ts. A folder's name says where its code may run; these rules keep it true.
 */
const electronOnlyHere = {
  name: 'electron',
  message: 'Only main/electron/ and app/preload.ts may import electron: everything else must run in plain Node or the page.',
};
const noMain = { group: ['**/main/**', '**/main'], message: 'renderer/ and app/ must not import main/: share types through app/.' };
const noRenderer = { group: ['**/renderer/**', '**/renderer'], message: 'main/ and app/ must not import renderer/.' };
const noNodeInBrowser = {
  group: ['node:*', 'fs', 'path', 'child_process', 'net', 'tls', 'crypto', 'os'],
  message: 'renderer/ and app/ run in the page: no Node modules.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { paths: [electronOnlyHere], patterns: [noMain, noNodeInBrowser] }],
    },
  },
  {
    files: ['app/**/*.ts'],
    ignores: ['app/preload.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronOnlyHere], patterns: [noMain, noRenderer, noNodeInBrowser] }] },
  },
  {
    files: ['app/preload.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noMain, noRenderer, noNodeInBrowser] }] },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronOnlyHere], patterns: [noRenderer] }] },
  },
  {
    files: ['main/electron/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noRenderer] }] },
  },
);
