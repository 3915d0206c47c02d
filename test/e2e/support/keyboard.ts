/**
 * Moving through the window with the keyboard alone, as a person who cannot use a mouse does: Tab until the
 * wanted control has focus (failing if it never gets it, i.e. it is not reachable), then type or press.
 */
import type { Locator, Page } from 'playwright-core';

/** Presses Tab (at most `max` times) until `target` has focus. */
export async function tabTo(page: Page, target: Locator, max = 60): Promise<void> {
  await target.waitFor();
  for (let presses = 0; presses < max; presses += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200) ?? 'nothing');
  throw new Error(`${max} presses of Tab never reached the control; focus is on ${focused}`);
}

/** Whether the focused element shows a focus ring a sighted keyboard user can follow. */
export async function showsFocusRing(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!(element instanceof HTMLElement)) return false;
    const style = getComputedStyle(element);
    return element.matches(':focus-visible') && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  });
}
