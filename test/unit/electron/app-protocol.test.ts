import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Protocol } from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleAppProtocol, registerAppScheme } from '../../../main/electron/app-protocol.js';
import { CONTENT_SECURITY_POLICY } from '../../../main/electron/csp.js';
import { FakeProtocol } from './fake-electron.js';

describe('the app:// protocol wiring', () => {
  let base: string;
  let root: string;
  beforeAll(async () => {
    base = await mkdtemp(path.join(os.tmpdir(), 'hostproof-app-scheme-'));
    root = path.join(base, 'renderer');
    await mkdir(path.join(root, 'assets'), { recursive: true });
    await writeFile(path.join(root, 'index.html'), '<!doctype html><script type="module" src="./assets/app.js"></script>');
    await writeFile(path.join(root, 'assets', 'app.css'), 'body{}');
    await writeFile(path.join(base, 'outside.txt'), 'secret');
  });
  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  function install(): (request: Request) => Response | Promise<Response> {
    const protocol = new FakeProtocol();
    handleAppProtocol(protocol as unknown as Protocol, root, { readFile, realpath });
    return protocol.handlers.get('app')!;
  }

  it('registers app as a standard, secure, fetch-capable scheme with a code cache, and never lets it bypass the CSP', () => {
    const protocol = new FakeProtocol();
    registerAppScheme(protocol as unknown as Protocol);
    expect(protocol.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
    expect(protocol.privileged[0]!.privileges).not.toHaveProperty('bypassCSP');
  });

  it('serves the page and its files with their types and the CSP header', async () => {
    const handler = install();
    const page = await handler(new Request('app://hostproof/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toContain('type="module"');
    const css = await handler(new Request('app://hostproof/assets/app.css'));
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await css.text()).toBe('body{}');
  });

  it.each(['app://hostproof/%2e%2e%2foutside.txt', 'app://hostproof/..%2Foutside.txt', 'app://elsewhere/index.html', 'app://hostproof/nope.js'])(
    'answers 404 with the CSP header and no body for %s',
    async (url) => {
      const response = await install()(new Request(url));
      expect(response.status).toBe(404);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(await response.text()).toBe('');
    },
  );
});
