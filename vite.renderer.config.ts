import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './main/electron/csp.js';

/** Injects the one CSP constant as a <meta> tag: a second layer behind the app:// handler's header, in the page itself. */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'hostproof-csp',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
    ],
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // The sandboxed page loads everything from the app bundle; no inline data: modules for CSP's sake.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
