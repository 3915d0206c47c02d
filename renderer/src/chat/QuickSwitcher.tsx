import { memo, useCallback, useMemo, useState } from 'react';
import { Avatar } from '../common/Avatar.js';
import { Dialog } from '../common/Dialog.js';
import { useListbox } from '../common/use-listbox.js';
import { buildQuickSwitchIndex, searchQuickSwitch, type QuickSwitchEntry } from './quick-switch-match.js';
import './quick-switcher.css';

export type { QuickSwitchEntry } from './quick-switch-match.js';

export interface QuickSwitcherProps {
  /** Conversations and contacts, conversations in the order the list shows them (newest first). */
  readonly entries: readonly QuickSwitchEntry[];
  /** Enter or a click on a row; the switcher does not close itself, the caller unmounts it. */
  readonly onPick: (entry: QuickSwitchEntry) => void;
  /** Escape. */
  readonly onClose: () => void;
}

/** More rows would only slow typing down; a longer query narrows them instead. */
export const QUICK_SWITCH_LIMIT = 50;

/**
 * The Ctrl+K switcher: type part of a name or address, arrows to choose, Enter to open (WAI-ARIA combobox
 * with a listbox popup; focus stays in the field and aria-activedescendant names the chosen row).
 */
export function QuickSwitcher({ entries, onPick, onClose }: QuickSwitcherProps) {
  const index = useMemo(() => buildQuickSwitchIndex(entries), [entries]);
  const [query, setQuery] = useState('');
  const result = useMemo(() => searchQuickSwitch(index, query, QUICK_SWITCH_LIMIT), [index, query]);
  const { listId, activeIndex, setActive, listRef, optionId, onKeyDown } = useListbox(result.shown, onPick);
  const count = result.shown.length;

  return (
    <Dialog title="Go to a chat" onCancel={onClose} testId="quick-switcher">
      <div className="quick-switcher">
        <input
          className="quick-switcher__input"
          type="text"
          role="combobox"
          aria-label="Name or address"
          aria-autocomplete="list"
          aria-expanded={count > 0}
          aria-controls={listId}
          aria-activedescendant={activeIndex === -1 ? undefined : optionId(activeIndex)}
          placeholder="Type a name or address"
          autoComplete="off"
          spellCheck={false}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          data-autofocus
        />
        <ul id={listId} ref={listRef} className="quick-switcher__list" role="listbox" aria-label="Chats and contacts">
          {result.shown.map((entry, i) => (
            <QuickSwitchRow key={entry.key} id={optionId(i)} entry={entry} index={i} active={i === activeIndex} onPick={onPick} onHover={setActive} />
          ))}
        </ul>
        <p className={count === 0 ? 'note quick-switcher__status' : 'sr-only'} role="status">
          {statusText(count, result.total)}
        </p>
      </div>
    </Dialog>
  );
}

function statusText(shown: number, total: number): string {
  if (shown === 0) return 'No match.';
  if (total > shown) return `Showing the first ${shown} of ${total}. Type more to narrow them down.`;
  return total === 1 ? '1 match.' : `${total} matches.`;
}

interface QuickSwitchRowProps {
  readonly id: string;
  readonly entry: QuickSwitchEntry;
  readonly index: number;
  readonly active: boolean;
  readonly onPick: (entry: QuickSwitchEntry) => void;
  readonly onHover: (index: number) => void;
}

/** Memoised: moving the choice re-renders two rows, not fifty. */
const QuickSwitchRow = memo(function QuickSwitchRow({ id, entry, index, active, onPick, onHover }: QuickSwitchRowProps) {
  const pick = useCallback(() => onPick(entry), [onPick, entry]);
  return (
    <li
      id={id}
      role="option"
      aria-selected={active}
      className={`quick-switcher__option${active ? ' is-active' : ''}`}
      // Keep focus in the field, so the keyboard goes on working after a click that is let go elsewhere.
      onMouseDown={(event) => event.preventDefault()}
      onMouseMove={active ? undefined : () => onHover(index)}
      onClick={pick}
      data-testid="quick-switch-option"
    >
      <Avatar name={entry.name} address={entry.address} size="small" />
      <span className="quick-switcher__text">
        <bdi className="quick-switcher__name">{entry.name}</bdi>
        {entry.address === entry.name ? null : <bdi className="quick-switcher__address">{entry.address}</bdi>}
      </span>
      {entry.accountLabel === null ? null : <bdi className="quick-switcher__account">{entry.accountLabel}</bdi>}
      {entry.kind === 'contact' ? <span className="quick-switcher__kind">Contact</span> : null}
      {entry.unread > 0 ? (
        <span className="unread" aria-label={`${entry.unread} unread`}>
          {entry.unread}
        </span>
      ) : null}
    </li>
  );
});
