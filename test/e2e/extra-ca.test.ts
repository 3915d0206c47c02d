/**
 * The trust center's "Extra certificate authorities" in Chromium, in both themes: the window asks main to add
 * one (main's own file dialog and confirmation are stood in for by the test app), and the added authority is
 * listed with its fingerprint as main's confirmation showed it (grouped upper-case hex).
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../harness/app-harness.js';
import { createTestCa } from '../harness/test-pki.js';
import { chromiumAvailable } from './support/e2e-rig.js';
import { fingerprintValue, openTrustCenter } from './support/ui.js';

const available = chromiumAvailable();

describe.runIf(available)('extra certificate authorities in the trust center', () => {
  const opened: AppHarness[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((app) => app.close()));
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it.each(['light', 'dark'] as const)('Add… lists the authority main added, with its fingerprint (%s theme)', async (colorScheme) => {
    const ca = await createTestCa({ commonName: 'Example Corp Root CA' });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'hostproof-e2e-ca-'));
    dirs.push(dir);
    const file = path.join(dir, 'corp-root.pem');
    await writeFile(file, ca.certPem);
    const app = await startAppHarness({ colorScheme, pickCaFile: () => file });
    opened.push(app);
    const { page } = app.harness;

    const center = await openTrustCenter(page);
    const section = center.getByTestId('extra-cas');
    await section.getByTestId('extra-cas-empty').waitFor();
    await section.getByRole('button', { name: 'Add a certificate authority…' }).click();
    const item = section.getByTestId('extra-ca-item');
    await item.waitFor();
    expect(await item.locator('.card__title').textContent()).toBe('CN=Example Corp Root CA');
    expect(await fingerprintValue(item)).toBe(createHash('sha256').update(ca.der).digest('base64'));
    expect(app.app.confirmations).toMatchObject([{ kind: 'add-ca', file: 'corp-root.pem' }]);
    await section.scrollIntoViewIfNeeded();
    await app.harness.screenshot(`trust-center-extra-ca-${colorScheme}`);
    expect(app.harness.pageErrors).toEqual([]);
  });
});
