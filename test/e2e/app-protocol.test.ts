/**
 * The page as the packaged app serves it: the built renderer through the app:// mapping (the harness's static
 * server answers every request with main/electron/app-protocol-paths.ts), and, for contrast, the same files
 * from file://, which is how the window loaded them before and why it stayed blank.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_PAGE_URL, mapAppRequest } from '../../main/electron/app-protocol-paths.js';
import { CHROMIUM_ARGS } from '../harness/renderer-harness.js';
import { appUrlOf } from '../harness/static-server.js';
import { CHROMIUM } from '../harness/system-dependency.js';
import { waitUntil } from '../harness/wait-until.js';
import { chromiumAvailable, useLoneApp } from './support/e2e-rig.js';

const available = chromiumAvailable();
const RENDERER_DIR = path.resolve('dist/renderer');

describe.runIf(available)('the built renderer served as app://hostproof/', () => {
  const lone = useLoneApp();

  it("resolves every file index.html names (Vite's base './') to a file of the bundle", () => {
    const html = readFileSync(path.join(RENDERER_DIR, 'index.html'), 'utf8');
    const refs = [...html.matchAll(/\s(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.some((r) => r.endsWith('.js'))).toBe(true);
    expect(html).toMatch(/<script type="module"/);
    for (const ref of refs) {
      const url = new URL(ref, APP_PAGE_URL).href;
      expect(url.startsWith('app://hostproof/')).toBe(true);
      const target = mapAppRequest(url, RENDERER_DIR);
      expect(target.ok && existsSync(target.file)).toBe(true);
    }
  });

  it('renders with no console errors, every request answered by the app mapping and none from file://', async () => {
    const { harness } = lone.current;
    await harness.page.getByRole('heading', { level: 1, name: 'Hostproof' }).waitFor();
    expect(harness.pageErrors).toEqual([]);
    const origin = new URL(harness.page.url()).origin;
    // The module script and the stylesheet were among them: the check below is not about an empty list.
    expect(harness.requests.some((u) => /\/assets\/index-[^/]+\.js$/.test(u))).toBe(true);
    expect(harness.requests.some((u) => /\/assets\/index-[^/]+\.css$/.test(u))).toBe(true);
    for (const url of harness.requests) {
      expect(url.startsWith('file:')).toBe(false);
      expect(new URL(url).origin).toBe(origin);
      expect(mapAppRequest(appUrlOf(new URL(url).pathname), RENDERER_DIR).ok).toBe(true);
    }
  });

  it('answers the CSP header on the page and refuses traversal with a 404', async () => {
    const { harness } = lone.current;
    const base = harness.page.url();
    const page = await harness.page.request.get(base);
    expect(page.headers()['content-security-policy']).toContain("default-src 'none'");
    for (const probe of ['%2e%2e/%2e%2e/etc/passwd', '..%2F..%2Fpackage.json', 'assets/..%5c..%5cpackage.json', 'index.html%00.js']) {
      const response = await harness.page.request.get(base + probe);
      expect(response.status()).toBe(404);
      expect(response.headers()['content-security-policy']).toContain("default-src 'none'");
    }
  });
});

describe.runIf(available)('the same build loaded from file:// (the old way)', () => {
  let browser: Browser | undefined;
  afterAll(async () => {
    await browser?.close();
  });

  it('stays blank: Chromium blocks the module script from a file:// page', async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM.path, headless: true, args: CHROMIUM_ARGS });
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('requestfailed', (r) => errors.push(`failed: ${r.url()}`));
    // 'load' waits for module scripts (deferred) to run or fail, so the page is as rendered as it will get.
    await page.goto(pathToFileURL(path.join(RENDERER_DIR, 'index.html')).href, { waitUntil: 'load' });

    const scriptBlocked = /Access to script at 'file:[^']*\.js' from origin 'null' has been blocked by CORS policy/;
    await waitUntil(() => errors.some((e) => scriptBlocked.test(e)), 'the module script to be refused');

    expect(await page.locator('#root').innerHTML()).toBe('');
  });
});
