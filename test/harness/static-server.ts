/**
 * Serves the built renderer on loopback through the very mapping the app's app:// protocol handler uses
 * (main/electron/app-protocol-paths.ts): each request is read as the app://hostproof/ URL it stands for, so
 * the files, types, refusals and CSP header Chromium sees here are those of the packaged app.
 */
import { readFile, realpath } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { APP_HOST, APP_SCHEME, appResponse } from '../../main/electron/app-protocol-paths.js';

export interface StaticServer {
  readonly url: string;
  close(): Promise<void>;
}

/** The app URL a request line stands for; an absolute-form target (another host) stays what it is and is refused. */
export function appUrlOf(requestTarget: string): string {
  try {
    return new URL(requestTarget, `${APP_SCHEME}://${APP_HOST}/`).href;
  } catch {
    return requestTarget; // the mapping refuses what is not a URL
  }
}

export interface ServeOptions {
  /**
   * Lets Chromium keep the hashed build files (assets/) and their compiled code between page loads, as the app's
   * app:// scheme does with its code cache (main/electron/app-protocol.ts): for the UI benchmark's later
   * launches. Off (the default), every load fetches and compiles anew.
   */
  readonly cacheAssets?: boolean;
}

export async function serveDirectory(root: string, options: ServeOptions = {}): Promise<StaticServer> {
  const files = { readFile: (file: string) => readFile(file), realpath: (file: string) => realpath(file) };
  const server = http.createServer((req, res) => {
    appResponse(appUrlOf(req.url ?? '/'), root, files).then(
      (answer) => {
        const cache = options.cacheAssets && answer.status === 200 && (req.url ?? '').startsWith('/assets/');
        res.writeHead(answer.status, cache ? { ...answer.headers, 'Cache-Control': 'public, max-age=31536000, immutable' } : answer.headers);
        res.end(answer.body ?? undefined);
      },
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
