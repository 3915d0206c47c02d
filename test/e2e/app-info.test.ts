import { existsSync, statSync } from 'node:fs';
import { REQUEST_NAMES } from '../../app/ipc/channels.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/test-app.js';
import { startHarness, type Harness } from '../harness/renderer-harness.js';
import { CHROMIUM, requireSystemDependency } from '../harness/system-dependency.js';

const available = requireSystemDependency(CHROMIUM, 'e2e');

describe.runIf(available)('the first vertical slice in Chromium', () => {
  let harness: Harness;
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
    harness = await startHarness({ handlers: app.handlers });
  });
  afterAll(async () => {
    await harness?.close();
    await app?.close();
  });

  it('shows what the main-process service answered, through the contract API', async () => {
    const { page } = harness;
    await page.getByTestId('app-version').waitFor();
    expect(await page.getByTestId('app-version').textContent()).toBe('0.0.0-test');
    expect(await page.getByTestId('app-data-path').textContent()).toBe(app.dataDir);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Hostproof');
  });

  it('exposes exactly the contract on window.hostproof and nothing of the transport', async () => {
    const keys = await harness.page.evaluate(() => Object.keys((window as unknown as { hostproof: object }).hostproof).sort());
    expect(keys).toEqual([...REQUEST_NAMES, 'on'].sort());
  });

  it('rejects a malformed request in the page with a typed error', async () => {
    const result = await harness.page.evaluate(() =>
      (window as unknown as { hostproof: { getInfo(p: unknown): Promise<unknown> } }).hostproof.getInfo({ sneaky: true }),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('runs under the strict Content-Security-Policy without errors and saves a screenshot', async () => {
    const inlineRan = await harness.page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.head.appendChild(script);
      await new Promise((resolve) => setTimeout(resolve, 50));
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(inlineRan).toBe(false);
    const file = await harness.screenshot('app-info');
    expect(existsSync(file) && statSync(file).size).toBeGreaterThan(1000);
    expect(harness.pageErrors.filter((e) => !e.includes('violates the following Content Security Policy'))).toEqual([]);
  });
});
