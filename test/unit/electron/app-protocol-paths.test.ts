import { mkdir, mkdtemp, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_PAGE_URL, appResponse, contentTypeFor, mapAppRequest } from '../../../main/electron/app-protocol-paths.js';
import { CONTENT_SECURITY_POLICY } from '../../../main/electron/csp.js';

const ROOT = path.resolve('/app/dist/renderer');

describe('mapping an app:// request to a file of the built renderer', () => {
  it('maps the page and the bundle files inside the folder', () => {
    expect(mapAppRequest(APP_PAGE_URL, ROOT)).toEqual({ ok: true, file: path.join(ROOT, 'index.html'), contentType: 'text/html; charset=utf-8' });
    expect(mapAppRequest('app://hostproof/', ROOT)).toMatchObject({ ok: true, file: path.join(ROOT, 'index.html') });
    expect(mapAppRequest('app://hostproof/assets/index-abc.js?x=1#y', ROOT)).toEqual({
      ok: true,
      file: path.join(ROOT, 'assets', 'index-abc.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
    expect(mapAppRequest('app://hostproof/assets/a%20b.css', ROOT)).toMatchObject({ ok: true, file: path.join(ROOT, 'assets', 'a b.css') });
  });

  it('keeps dot segments the URL parser resolves inside the folder', () => {
    // WHATWG parsing removes ../ before we see it; the result must still be inside the root.
    expect(mapAppRequest('app://hostproof/../../etc/passwd', ROOT)).toMatchObject({ ok: true, file: path.join(ROOT, 'etc', 'passwd') });
    expect(mapAppRequest('app://hostproof/%2e%2e/%2e%2e/etc/passwd', ROOT)).toMatchObject({ ok: true, file: path.join(ROOT, 'etc', 'passwd') });
    expect(mapAppRequest('app://hostproof/assets/../index.html', ROOT)).toMatchObject({ ok: true, file: path.join(ROOT, 'index.html') });
  });

  it.each([
    ['app://hostproof/%2E%2E%2Fsecret', 'bad-path'],
    ['app://hostproof/assets/..%2f..%2fsecret', 'bad-path'],
    ['app://hostproof/..%5c..%5csecret', 'bad-path'],
    ['app://hostproof/%252e%252e/secret', 'bad-path'],
    ['app://hostproof/index.html%00.png', 'bad-path'],
    ['app://hostproof/a\\..\\..\\secret', 'bad-path'],
    ['app://hostproof/C:/Windows/win.ini', 'bad-path'],
    ['app://hostproof/%E0%A4%A', 'bad-path'],
    ['app://evil/index.html', 'wrong-host'],
    ['app://hostproof.evil/index.html', 'wrong-host'],
    ['app://hostproof:8080/index.html', 'wrong-host'],
    ['app://user:pw@hostproof/index.html', 'wrong-host'],
    ['app:///etc/passwd', 'wrong-host'],
    ['app:/etc/passwd', 'wrong-host'],
    ['file:///etc/passwd', 'wrong-scheme'],
    ['https://hostproof/index.html', 'wrong-scheme'],
    ['/etc/passwd', 'bad-url'],
    ['not a url', 'bad-url'],
  ])('refuses %s (%s)', (url, kind) => {
    const target = mapAppRequest(url, ROOT);
    expect(target).toMatchObject({ ok: false });
    // Whatever the reason, nothing outside the root is ever named.
    expect(target).toEqual({ ok: false, kind });
  });

  it('names the content type of each bundle file, and opaque bytes for anything else', () => {
    expect(contentTypeFor('a.CSS')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('a.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('a.woff2')).toBe('font/woff2');
    expect(contentTypeFor('a.exe')).toBe('application/octet-stream');
    expect(contentTypeFor('Makefile')).toBe('application/octet-stream');
  });
});

describe('answering an app:// request from disk', () => {
  let base: string;
  let root: string;
  const files = { readFile: (f: string) => readFile(f), realpath: (f: string) => realpath(f) };

  beforeAll(async () => {
    base = await mkdtemp(path.join(os.tmpdir(), 'hostproof-app-protocol-'));
    root = path.join(base, 'renderer');
    await mkdir(path.join(root, 'assets'), { recursive: true });
    await writeFile(path.join(root, 'index.html'), '<!doctype html><title>t</title>');
    await writeFile(path.join(root, 'assets', 'app.js'), 'export {}');
    await writeFile(path.join(base, 'secret.txt'), 'outside');
    // A link inside the folder that leads out of it, and a sibling folder whose name starts like the root's.
    await symlink(path.join(base, 'secret.txt'), path.join(root, 'leak.txt'));
    await mkdir(path.join(base, 'renderer-evil'));
    await writeFile(path.join(base, 'renderer-evil', 'x.js'), 'evil');
  });
  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('serves a file with its type and the CSP header', async () => {
    const answer = await appResponse('app://hostproof/assets/app.js', root, files);
    expect(answer.status).toBe(200);
    expect(Buffer.from(answer.body!).toString()).toBe('export {}');
    expect(answer.headers).toMatchObject({
      'Content-Type': 'text/javascript; charset=utf-8',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
    });
  });

  it.each([
    'app://hostproof/missing.js',
    'app://hostproof/assets',
    'app://hostproof/leak.txt',
    'app://hostproof/%2e%2e/secret.txt',
    'app://hostproof/..%2Frenderer-evil/x.js',
    'app://other/index.html',
    'app://hostproof/%2Ftmp%2Fsecret.txt',
    'app://hostproof//etc/passwd',
  ])('answers 404, still with the CSP header, for %s', async (url) => {
    const answer = await appResponse(url, root, files);
    expect(answer).toMatchObject({ status: 404, body: null });
    expect(answer.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
  });
});
