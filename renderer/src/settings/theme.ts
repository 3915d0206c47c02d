/**
 * The colour theme: the system's unless the user chose one in Preferences. Kept in the window's own storage
 * (it is no security state and nothing in the main process needs it) and applied on the root element, where
 * the stylesheet's color-scheme picks the light or dark half of every colour.
 */
export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

const KEY = 'hostproof.theme';

function isThemeChoice(value: unknown): value is ThemeChoice {
  return typeof value === 'string' && (THEME_CHOICES as readonly string[]).includes(value);
}

/** The saved choice; 'system' when none was saved, storage is unavailable, or it holds something else. */
export function loadTheme(storage: Pick<Storage, 'getItem'> | null): ThemeChoice {
  try {
    const saved = storage?.getItem(KEY);
    return isThemeChoice(saved) ? saved : 'system';
  } catch {
    return 'system';
  }
}

/** Saves the choice; the theme still applies for this run when storage refuses it. */
export function saveTheme(storage: Pick<Storage, 'setItem' | 'removeItem'> | null, choice: ThemeChoice): void {
  try {
    if (choice === 'system') storage?.removeItem(KEY);
    else storage?.setItem(KEY, choice);
  } catch {
    // Not saved (storage full or disabled): the window keeps the choice until it closes.
  }
}

export function applyTheme(root: HTMLElement, choice: ThemeChoice): void {
  if (choice === 'system') delete root.dataset['theme'];
  else root.dataset['theme'] = choice;
}

/** The window's storage, or null where reading it throws (storage disabled for the page's origin). */
export function windowStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
