/**
 * The Electron side of the app:// scheme: registration before ready, and a handler that only turns the
 * plain-Node mapping's answer (app-protocol-paths.ts) into a Response. No decision is made here.
 */
import type { Protocol } from 'electron';
import { APP_SCHEME, appResponse, type AppFileAccess } from './app-protocol-paths.js';

/**
 * Must run before app 'ready'. standard: relative URLs and a real origin (Vite's `base: './'` resolves
 * against app://hostproof/); secure: a secure context like https; supportFetchAPI: module scripts are
 * fetched; codeCache: V8 may keep the compiled bundle between launches, which Chromium does only for http(s)
 * unless told (in the UI benchmark the first page load, with nothing compiled yet, shows the window about twice
 * as late as the next ones: docs/performance.md). No bypassCSP: the page stays under its policy; no corsEnabled
 * or stream: nothing needs them.
 */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

export function handleAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string, files: AppFileAccess): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const answer = await appResponse(request.url, rendererDir, files);
    return new Response(answer.body ? Buffer.from(answer.body) : null, { status: answer.status, headers: answer.headers });
  });
}
