import { useEffect, useLayoutEffect, useRef } from 'react';

/**
 * Combos to actions, e.g. `{ 'Mod+K': openSwitcher, 'Mod+N': newChat, 'Mod+,': openSettings }`. "Mod" is Ctrl,
 * or ⌘ on Apple systems; the others are Ctrl, Meta, Alt and Shift, and the key comes last (a character, or
 * a key name such as "Escape" or "F1"). Modifiers must match exactly: Mod+K does not fire for Ctrl+Shift+K.
 */
export type ShortcutMap = Readonly<Record<string, () => void>>;

interface Shortcut {
  readonly key: string;
  readonly mod: boolean;
  readonly ctrl: boolean;
  readonly meta: boolean;
  readonly alt: boolean;
  readonly shift: boolean;
}

/**
 * Binds window-wide keyboard shortcuts while the calling component is mounted. A held key fires once (repeats
 * are ignored); a handled combo is preventDefault-ed (Ctrl+N must not also reach the page). Nothing fires while
 * a modal dialog is open: the dialog owns the keyboard then (its Escape closes it). A combo without Ctrl, ⌘ or
 * Alt does not fire while typing in a field, so a shortcut such as "/" never eats a typed character.
 */
export function useShortcuts(map: ShortcutMap): void {
  // The map is usually a fresh object each render: keep the newest without rebinding the listener.
  const latest = useRef(map);
  useLayoutEffect(() => {
    latest.current = map;
  });

  useEffect(() => {
    const apple = isApplePlatform(navigator);
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.repeat || event.isComposing || event.defaultPrevented) return;
      if (document.querySelector('[aria-modal="true"]') !== null) return;
      for (const [combo, run] of Object.entries(latest.current)) {
        const shortcut = parseShortcut(combo);
        if (shortcut === null || !matchesShortcut(shortcut, event, apple)) continue;
        if (!shortcut.mod && !shortcut.ctrl && !shortcut.meta && !shortcut.alt && isTyping(event.target)) return;
        event.preventDefault();
        run();
        return;
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}

/** macOS and iOS put the command modifier on ⌘ (Meta) rather than Ctrl. */
export function isApplePlatform(nav: Navigator): boolean {
  const hinted = (nav as Navigator & { userAgentData?: { platform?: string } }).userAgentData?.platform;
  return /mac|iphone|ipad|ipod/i.test(hinted || nav.platform || '');
}

/** "Mod+Shift+K" → its parts; null for a combo with an unknown modifier or no key (a mistake in the map). */
export function parseShortcut(combo: string): Shortcut | null {
  // "Mod++" means the "+" key.
  const plusKey = combo.endsWith('++');
  const parts = (plusKey ? combo.slice(0, -2) : combo).split('+');
  const key = plusKey ? '+' : parts.pop();
  if (key === undefined || key === '') return null;
  const shortcut = { key: key.length === 1 ? key.toLowerCase() : key, mod: false, ctrl: false, meta: false, alt: false, shift: false };
  for (const part of parts) {
    const name = part.toLowerCase();
    if (name === 'mod' || name === 'ctrl' || name === 'meta' || name === 'alt' || name === 'shift') shortcut[name] = true;
    else if (!(plusKey && name === '')) return null;
  }
  return shortcut;
}

export function matchesShortcut(shortcut: Shortcut, event: KeyboardEvent, apple: boolean): boolean {
  const wantCtrl = shortcut.ctrl || (shortcut.mod && !apple);
  const wantMeta = shortcut.meta || (shortcut.mod && apple);
  if (event.ctrlKey !== wantCtrl || event.metaKey !== wantMeta || event.altKey !== shortcut.alt || event.shiftKey !== shortcut.shift) return false;
  const pressed = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  if (pressed === shortcut.key) return true;
  // A layout without Latin letters (Russian, Greek…) gives "л" for Ctrl+K: then go by the key's place.
  return event.key.length === 1 && !/[ -~]/.test(event.key) && event.code === physicalCode(shortcut.key);
}

const PUNCTUATION_CODES: Readonly<Record<string, string>> = { ',': 'Comma', '.': 'Period', '/': 'Slash', ';': 'Semicolon', '-': 'Minus', '=': 'Equal' };

/** The KeyboardEvent.code of the key that types `key` on a US layout. */
function physicalCode(key: string): string | undefined {
  if (/^[a-z]$/.test(key)) return `Key${key.toUpperCase()}`;
  if (/^[0-9]$/.test(key)) return `Digit${key}`;
  return PUNCTUATION_CODES[key];
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]') !== null;
}
