/**
 * Window-wide shortcuts: Ctrl (⌘ on a Mac) combos fire once per press and are kept from the page, exact
 * modifiers only, nothing while a modal dialog is open, the newest callbacks, and no listener after unmount.
 */
import { render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseShortcut, useShortcuts, type ShortcutMap } from '../../../renderer/src/common/use-shortcuts.js';

function Shortcuts({ map }: { readonly map: ShortcutMap }) {
  useShortcuts(map);
  return <input aria-label="Message" />;
}

/** Dispatches a keydown on `target` (the body unless given); true when the event was preventDefault-ed. */
function press(init: KeyboardEventInit, target: EventTarget = document.body): boolean {
  const event = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(event);
  return event.defaultPrevented;
}

function setup() {
  const actions = { switcher: vi.fn(), newChat: vi.fn(), settings: vi.fn(), search: vi.fn() };
  const map = { 'Mod+K': actions.switcher, 'Mod+Shift+N': actions.newChat, 'Mod+,': actions.settings, '/': actions.search };
  const view = render(<Shortcuts map={map} />);
  return { actions, view };
}

afterEach(() => vi.restoreAllMocks());

describe('useShortcuts', () => {
  it('runs the action for Ctrl+K and keeps the key from the page', () => {
    const { actions } = setup();
    expect(press({ key: 'k', code: 'KeyK', ctrlKey: true })).toBe(true);
    expect(actions.switcher).toHaveBeenCalledTimes(1);
    expect(press({ key: ',', code: 'Comma', ctrlKey: true })).toBe(true);
    expect(actions.settings).toHaveBeenCalledTimes(1);
    expect(press({ key: 'N', code: 'KeyN', ctrlKey: true, shiftKey: true })).toBe(true);
    expect(actions.newChat).toHaveBeenCalledTimes(1);
  });

  it('fires once for a held key: repeats are ignored', () => {
    const { actions } = setup();
    press({ key: 'k', ctrlKey: true });
    expect(press({ key: 'k', ctrlKey: true, repeat: true })).toBe(false);
    expect(actions.switcher).toHaveBeenCalledTimes(1);
  });

  it('needs the exact modifiers, and leaves other combos to the page', () => {
    const { actions } = setup();
    expect(press({ key: 'k' })).toBe(false);
    expect(press({ key: 'K', ctrlKey: true, shiftKey: true })).toBe(false);
    expect(press({ key: 'k', ctrlKey: true, altKey: true })).toBe(false);
    expect(press({ key: 'n', ctrlKey: true })).toBe(false);
    expect(press({ key: 'c', ctrlKey: true })).toBe(false);
    expect(actions.switcher).not.toHaveBeenCalled();
    expect(actions.newChat).not.toHaveBeenCalled();
  });

  it('fires from inside a text field for Ctrl combos, but not for a bare key being typed', () => {
    const { actions, view } = setup();
    const field = view.getByLabelText('Message');
    expect(press({ key: 'k', ctrlKey: true }, field)).toBe(true);
    expect(actions.switcher).toHaveBeenCalledTimes(1);
    expect(press({ key: '/' }, field)).toBe(false);
    expect(actions.search).not.toHaveBeenCalled();
    expect(press({ key: '/' })).toBe(true);
    expect(actions.search).toHaveBeenCalledTimes(1);
  });

  it('does nothing while a modal dialog is open', () => {
    const { actions } = setup();
    const modal = document.createElement('div');
    modal.setAttribute('aria-modal', 'true');
    document.body.append(modal);
    try {
      expect(press({ key: 'k', ctrlKey: true })).toBe(false);
      expect(actions.switcher).not.toHaveBeenCalled();
    } finally {
      modal.remove();
    }
    press({ key: 'k', ctrlKey: true });
    expect(actions.switcher).toHaveBeenCalledTimes(1);
  });

  it('uses ⌘ instead of Ctrl on a Mac', () => {
    vi.spyOn(navigator, 'platform', 'get').mockReturnValue('MacIntel');
    const { actions } = setup();
    expect(press({ key: 'k', ctrlKey: true })).toBe(false);
    expect(actions.switcher).not.toHaveBeenCalled();
    expect(press({ key: 'k', metaKey: true })).toBe(true);
    expect(actions.switcher).toHaveBeenCalledTimes(1);
  });

  it('goes by the key\'s place on a keyboard without Latin letters (Ctrl+K types "л" in Russian)', () => {
    const { actions } = setup();
    expect(press({ key: 'л', code: 'KeyK', ctrlKey: true })).toBe(true);
    expect(actions.switcher).toHaveBeenCalledTimes(1);
    expect(press({ key: 'л', code: 'KeyL', ctrlKey: true })).toBe(false);
    expect(actions.switcher).toHaveBeenCalledTimes(1);
  });

  it('calls the newest callback after a re-render, and stops listening on unmount', () => {
    const first = vi.fn();
    const second = vi.fn();
    const view = render(<Shortcuts map={{ 'Mod+K': first }} />);
    view.rerender(<Shortcuts map={{ 'Mod+K': second }} />);
    press({ key: 'k', ctrlKey: true });
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
    view.unmount();
    expect(press({ key: 'k', ctrlKey: true })).toBe(false);
    expect(second).toHaveBeenCalledTimes(1);
  });
});

describe('parseShortcut', () => {
  it('reads modifiers in any case, "++" as the plus key, and refuses mistakes', () => {
    expect(parseShortcut('mod+shift+K')).toEqual({ key: 'k', mod: true, ctrl: false, meta: false, alt: false, shift: true });
    expect(parseShortcut('Ctrl+Escape')).toEqual({ key: 'Escape', mod: false, ctrl: true, meta: false, alt: false, shift: false });
    expect(parseShortcut('Mod++')?.key).toBe('+');
    expect(parseShortcut('Hyper+K')).toBeNull();
    expect(parseShortcut('Mod+')).toBeNull();
  });
});
