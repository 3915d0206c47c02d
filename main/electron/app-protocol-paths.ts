/**
 * Which file of the built renderer an `app://hostproof/...` request names, and the response for it. Kept
 * free of Electron (only node:path and an injected file reader) so the same mapping runs in plain Node: the
 * Electron protocol handler is a thin wrapper around it, and the e2e harness serves the built renderer to
 * Chromium through it, so what the tests load is what the packaged app loads.
 *
 * Why not file://: with the grantFileProtocolExtraPrivileges fuse off, Chromium treats file:// pages as an
 * opaque origin and blocks Vite's `<script type="module" crossorigin>` by CORS, so the window stays blank.
 */
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from './csp.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'hostproof';
/** The one page the window loads and the only origin the IPC sender check accepts. */
export const APP_PAGE_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** What the renderer bundle contains; anything else is served as opaque bytes that no page will run. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type AppRequestRefusal = 'bad-url' | 'wrong-scheme' | 'wrong-host' | 'bad-path' | 'outside-root';

export type AppRequestTarget =
  | { readonly ok: true; readonly file: string; readonly contentType: string }
  | { readonly ok: false; readonly kind: AppRequestRefusal };

/**
 * Maps a request URL to a file inside `rootDir`, or says why it refuses. Refuses rather than normalises
 * anything odd: percent-encoded separators or dots, backslashes, NUL, other hosts, and any path that would
 * leave the folder. A refused request is a 404 for the page; it never learns what exists outside.
 */
export function mapAppRequest(requestUrl: string, rootDir: string): AppRequestTarget {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, kind: 'bad-url' };
  }
  if (url.protocol !== `${APP_SCHEME}:`) return { ok: false, kind: 'wrong-scheme' };
  // username/password/port would make a different origin; only the bare host is ours.
  if (url.host !== APP_HOST || url.username !== '' || url.password !== '') return { ok: false, kind: 'wrong-host' };

  const rawPath = url.pathname;
  // %2e, %2f, %5c, %00 and friends: a legitimate bundle file never needs them, and decoding them is how
  // traversal slips past a prefix check.
  if (/%(2e|2f|5c|00)/i.test(rawPath) || rawPath.includes('\\') || rawPath.includes('\0')) return { ok: false, kind: 'bad-path' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { ok: false, kind: 'bad-path' };
  }
  const segments = decoded.split('/').filter((s) => s !== '');
  // A '%' left after decoding is double encoding: no bundle file has one in its name.
  const odd = (s: string) => s === '.' || s === '..' || s.includes('\0') || s.includes(':') || s.includes('%');
  if (segments.some(odd)) return { ok: false, kind: 'bad-path' };

  const root = path.resolve(rootDir);
  const file = path.resolve(root, ...(segments.length === 0 ? ['index.html'] : segments));
  if (!file.startsWith(root + path.sep)) return { ok: false, kind: 'outside-root' };
  return { ok: true, file, contentType: contentTypeFor(file) };
}

export interface AppResponse {
  readonly status: 200 | 404;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array | null;
}

export interface AppFileAccess {
  /** The file's contents; rejects when it is missing or not a regular file. */
  readFile(file: string): Promise<Uint8Array>;
  /** The canonical path (symlinks resolved): a link inside the folder must not lead out of it. */
  realpath(file: string): Promise<string>;
}

/** Every response carries the CSP, a 404 included: the policy must not depend on which path was asked. */
function headers(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  };
}

const NOT_FOUND: AppResponse = { status: 404, headers: headers('text/plain; charset=utf-8'), body: null };

export async function appResponse(requestUrl: string, rootDir: string, files: AppFileAccess): Promise<AppResponse> {
  const target = mapAppRequest(requestUrl, rootDir);
  if (!target.ok) return NOT_FOUND;
  try {
    const [realRoot, realFile] = await Promise.all([files.realpath(path.resolve(rootDir)), files.realpath(target.file)]);
    if (!realFile.startsWith(realRoot + path.sep)) return NOT_FOUND;
    const body = await files.readFile(realFile);
    return { status: 200, headers: headers(target.contentType), body };
  } catch {
    return NOT_FOUND;
  }
}
