import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';

/**
 * A text field driving a listbox of results (the quick switcher, the message search): arrows move the active
 * option, wrapping at the ends; Enter picks it; the active option is kept in view. The field keeps the focus
 * (aria-activedescendant names the active option), so typing goes on while moving.
 */
export function useListbox<T>(items: readonly T[], onPick: (item: T) => void) {
  const [active, setActive] = useState(0);
  const listId = useId();
  const listRef = useRef<HTMLUListElement>(null);
  const count = items.length;
  const activeIndex = count === 0 ? -1 : Math.min(active, count - 1);

  useEffect(() => {
    // Optional call: jsdom has no scrollIntoView.
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView?.({ block: 'nearest' });
  }, [activeIndex, items]);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (count === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((activeIndex + step + count) % count);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const item = items[activeIndex];
      if (item !== undefined) onPick(item);
    }
  };
  return { listId, activeIndex, setActive, listRef, optionId: (i: number) => `${listId}-option-${i}`, onKeyDown };
}
