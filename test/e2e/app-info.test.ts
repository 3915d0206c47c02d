import { existsSync, statSync } from 'node:fs';
import { REQUEST_NAMES } from '../../app/ipc/channels.js';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, useLoneApp } from './support/e2e-rig.js';

const available = chromiumAvailable();

describe.runIf(available)('the first vertical slice in Chromium', () => {
  const lone = useLoneApp();

  it('shows what the main-process service answered, through the contract API', async () => {
    const { app, harness } = lone.current;
    const { page } = harness;
    await page.getByTestId('app-version').waitFor();
    expect(await page.getByTestId('app-version').textContent()).toBe('0.0.0-test');
    expect(await page.getByTestId('app-data-path').textContent()).toBe(app.dataDir);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Hostproof');
  });

  it('exposes exactly the contract on window.hostproof and nothing of the transport', async () => {
    const { harness } = lone.current;
    const keys = await harness.page.evaluate(() => Object.keys((window as unknown as { hostproof: object }).hostproof).sort());
    expect(keys).toEqual([...REQUEST_NAMES, 'on'].sort());
  });

  it('rejects a malformed request in the page with a typed error', async () => {
    const { harness } = lone.current;
    const result = await harness.page.evaluate(() =>
      (window as unknown as { hostproof: { getInfo(p: unknown): Promise<unknown> } }).hostproof.getInfo({ sneaky: true }),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('runs under the strict Content-Security-Policy without errors and saves a screenshot', async () => {
    const { harness } = lone.current;
    // The page reports what became of an inline script: it ran, or the policy refused it. Inline scripts run as
    // they are inserted, so whichever comes first is the answer; no waiting for something not to happen.
    const outcome = await harness.page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          document.addEventListener('securitypolicyviolation', (e) => resolve(`refused by ${e.effectiveDirective}`), { once: true });
          document.addEventListener('inline-script-ran', () => resolve('ran'), { once: true });
          const script = document.createElement('script');
          script.textContent = 'document.dispatchEvent(new Event("inline-script-ran"))';
          document.head.appendChild(script);
        }),
    );
    expect(outcome).toMatch(/^refused by script-src/);
    const file = await harness.screenshot('app-info');
    expect(existsSync(file) && statSync(file).size).toBeGreaterThan(1000);
    expect(harness.pageErrors.filter((e) => !e.includes('violates the following Content Security Policy'))).toEqual([]);
  });
});
