/**
 * A screenshot of the same screen in both themes (trust-ux.md: "readable in light and dark themes"): the page
 * is switched to the other colour scheme, shot again under a "-dark" name, and switched back.
 */
import type { Harness } from '../../harness/renderer-harness.js';

export async function screenshotBothThemes(harness: Harness, name: string): Promise<void> {
  await harness.screenshot(name);
  await harness.page.emulateMedia({ colorScheme: 'dark' });
  await harness.screenshot(`${name}-dark`);
  await harness.page.emulateMedia({ colorScheme: 'light' });
}
