// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Import boundaries (architecture.md): renderer ↛ main, main ↛ renderer, app ↛ either, and `electron` only in
 * main/electron/ and app/preload.ts. A folder's name says where its code may run; these rules keep it true.
 *
 * Layers inside main/: trust and omemo ↛ xmpp or services, xmpp ↛ services, store ↛ xmpp, and net and encoding are
 * leaves (nothing of main/ below them). Lower layers know nothing of the ones built on them, so each can be
 * read and tested alone. test/unit/lint/import-boundaries.test.ts proves every rule fires.
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
const noXmpp = { group: ['**/xmpp/**', '**/xmpp'], message: 'main/trust/, main/omemo/ and main/store/ must not import main/xmpp/: the session builds on them, not the reverse.' };
const noServices = {
  group: ['**/services/**', '**/services'],
  message: 'main/trust/, main/omemo/ and main/xmpp/ must not import main/services/: the services are built on them, not the reverse.',
};
/** From a file directly in main/net/ or main/encoding/: any path that climbs out, except into app/. */
const leaf = { regex: '^\\.\\./(?!\\.\\./app/)', message: 'main/net/ and main/encoding/ are leaves: they import nothing else of main/.' };

/** The rule for a folder of main/ outside main/electron/: the boundaries every such folder keeps, plus its own. */
const mainLayer = (...patterns) => ({ 'no-restricted-imports': ['error', { paths: [electronOnlyHere], patterns: [noRenderer, ...patterns] }] });

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
  { files: ['main/**/*.ts'], ignores: ['main/electron/**'], rules: mainLayer() },
  // Later blocks replace the rule's options for their folder, so each repeats the common part through mainLayer.
  { files: ['main/trust/**/*.ts'], rules: mainLayer(noXmpp, noServices) },
  // OMEMO's cryptography knows nothing of the session that carries it, as the trust engine does not.
  { files: ['main/omemo/**/*.ts'], rules: mainLayer(noXmpp, noServices) },
  { files: ['main/xmpp/**/*.ts'], rules: mainLayer(noServices) },
  { files: ['main/store/**/*.ts'], rules: mainLayer(noXmpp) },
  { files: ['main/net/*.ts', 'main/encoding/*.ts'], rules: mainLayer(leaf) },
  {
    files: ['main/electron/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noRenderer] }] },
  },
);
