/**
 * The Ctrl+K switcher as a person uses it: it opens with the field focused, typing filters and ranks,
 * arrows and Enter open a chat, a click does too, Escape closes, and accents do not get in the way.
 */
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { QuickSwitcher, type QuickSwitchEntry } from '../../../renderer/src/chat/QuickSwitcher.js';

const entry = (key: string, name: string, address: string, extra: Partial<QuickSwitchEntry> = {}): QuickSwitchEntry => ({
  key,
  name,
  address,
  accountLabel: null,
  kind: 'contact',
  unread: 0,
  ...extra,
});

const ENTRIES: QuickSwitchEntry[] = [
  entry('bob', 'Bob Builder', 'bob@example.org', { kind: 'conversation', unread: 3, accountLabel: 'Work' }),
  entry('coralie', 'Coralie', 'coralie@example.org', { kind: 'conversation' }),
  entry('anna', 'Anna Alison', 'anna@example.org'),
  entry('alice', 'Alice Liddell', 'alice@wonderland.lit'),
  entry('zoe', 'Zoë Ångström', 'zoe@example.org'),
];

function open() {
  const onPick = vi.fn<(e: QuickSwitchEntry) => void>();
  const onClose = vi.fn<() => void>();
  render(<QuickSwitcher entries={ENTRIES} onPick={onPick} onClose={onClose} />);
  const input = screen.getByRole('combobox', { name: 'Name or address' });
  const type = (text: string) => fireEvent.change(input, { target: { value: text } });
  const press = (key: string) => fireEvent.keyDown(input, { key });
  const names = () => screen.queryAllByRole('option').map((o) => o.querySelector('.quick-switcher__name')?.textContent);
  return { onPick, onClose, input, type, press, names };
}

describe('<QuickSwitcher>', () => {
  it('opens as a modal with the field focused, wired to its list, conversations first', () => {
    const { input, names } = open();
    expect(screen.getByRole('dialog', { name: 'Go to a chat' }).getAttribute('aria-modal')).toBe('true');
    expect(document.activeElement).toBe(input);
    const list = screen.getByRole('listbox');
    expect(input.getAttribute('aria-controls')).toBe(list.id);
    expect(names()).toEqual(['Bob Builder', 'Coralie', 'Anna Alison', 'Alice Liddell', 'Zoë Ångström']);
    const first = screen.getAllByRole('option')[0] as HTMLElement;
    expect(input.getAttribute('aria-activedescendant')).toBe(first.id);
    expect(first.getAttribute('aria-selected')).toBe('true');
    expect(within(first).getByText('Work')).toBeTruthy();
    expect(within(first).getByLabelText('3 unread').textContent).toBe('3');
    expect(first.querySelector('.avatar__circle')?.textContent).toBe('BB');
  });

  it('filters as you type and ranks prefix, then word start, then substring', () => {
    const { type, names } = open();
    type('ali');
    expect(names()).toEqual(['Alice Liddell', 'Anna Alison', 'Coralie']);
    expect(screen.getByRole('status').textContent).toBe('3 matches.');
  });

  it('moves with the arrows (wrapping) and opens the chosen one with Enter', () => {
    const { input, type, press, onPick } = open();
    type('ali');
    press('ArrowDown');
    const options = screen.getAllByRole('option');
    expect(input.getAttribute('aria-activedescendant')).toBe(options[1]?.id);
    expect(options[1]?.getAttribute('aria-selected')).toBe('true');
    expect(options[0]?.getAttribute('aria-selected')).toBe('false');
    press('ArrowDown');
    press('ArrowDown');
    expect(input.getAttribute('aria-activedescendant')).toBe(options[0]?.id);
    press('ArrowUp');
    press('Enter');
    expect(onPick).toHaveBeenCalledTimes(1);
    expect(onPick.mock.calls[0]?.[0].key).toBe('coralie');
  });

  it('starts from the top again when the query changes', () => {
    const { type, press, onPick } = open();
    press('ArrowDown');
    press('ArrowDown');
    type('zo');
    press('Enter');
    expect(onPick.mock.calls[0]?.[0].key).toBe('zoe');
  });

  it('opens a row on click', () => {
    const { onPick } = open();
    fireEvent.click(screen.getByText('Anna Alison'));
    expect(onPick.mock.calls[0]?.[0].key).toBe('anna');
  });

  it('closes on Escape without picking', () => {
    const { press, onClose, onPick } = open();
    press('Escape');
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(onPick).not.toHaveBeenCalled();
  });

  it('matches without accents or case: "angstrom" and "ZOE" find Zoë Ångström', () => {
    const { type, names } = open();
    type('angstrom');
    expect(names()).toEqual(['Zoë Ångström']);
    type('ZOE');
    expect(names()).toEqual(['Zoë Ångström']);
  });

  it('says "No match" when nothing matches, and Enter then does nothing', () => {
    const { type, press, input, onPick } = open();
    type('xyz');
    expect(screen.queryAllByRole('option')).toHaveLength(0);
    expect(screen.getByRole('status').textContent).toBe('No match.');
    expect(input.getAttribute('aria-activedescendant')).toBeNull();
    expect(input.getAttribute('aria-expanded')).toBe('false');
    press('Enter');
    expect(onPick).not.toHaveBeenCalled();
  });

  it('shows at most 50 of 5,000 contacts and says how many more there are', () => {
    const many = Array.from({ length: 5_000 }, (_, i) => entry(`c${i}`, `Contact ${i}`, `c${i}@example.org`));
    render(<QuickSwitcher entries={many} onPick={() => undefined} onClose={() => undefined} />);
    fireEvent.change(screen.getByRole('combobox'), { target: { value: 'contact' } });
    expect(screen.getAllByRole('option')).toHaveLength(50);
    expect(screen.getByRole('status').textContent).toBe('Showing the first 50 of 5000. Type more to narrow them down.');
  });
});
