import { elementScroll, observeElementRect, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { useRef, type ReactNode } from 'react';

/**
 * How tall the rows are (px): known exactly (the row is given that height and never measured: measuring a
 * screenful of rows forces layouts in the frame that first shows them), or a first guess, corrected by
 * measuring each row once shown (rows whose height depends on their text).
 */
export type RowHeight<T> = { readonly exact: (row: T) => number } | { readonly estimate: (row: T) => number };

type Rect = { width: number; height: number };

/**
 * The list's box from a ResizeObserver alone, whose first report comes after the browser has laid the frame
 * out. The library's own observer reads the box the moment the list mounts, which lays the whole page out in the
 * middle of React's commit and renders the list a second time before the first paint; until the first report
 * the window's size stands in (the list is never taller than the window), so the first frame has its rows.
 * Without ResizeObserver (jsdom) it falls back to the library's observer.
 */
function observeBoxAfterLayout(instance: Virtualizer<HTMLDivElement, Element>, report: (rect: Rect) => void): undefined | (() => void) {
  const element = instance.scrollElement;
  const view = instance.targetWindow;
  if (!element || !view) return undefined;
  if (!view.ResizeObserver) return observeElementRect(instance, report);
  const observer = new view.ResizeObserver(() => report({ width: element.clientWidth, height: element.clientHeight }));
  observer.observe(element, { box: 'content-box' });
  return () => observer.disconnect();
}

interface VirtualListProps<T> {
  readonly rows: readonly T[];
  readonly rowKey: (row: T) => string;
  readonly height: RowHeight<T>;
  readonly renderRow: (row: T) => ReactNode;
  readonly label: string;
  readonly className?: string;
  readonly testId?: string;
}

/**
 * A list that puts only the rows in view (plus a few either side) in the DOM, so 5,000 contacts cost what a
 * screenful costs. It stays a list to assistive technology: each row is a list item that says its place in the
 * whole list (aria-posinset/aria-setsize), since most rows are not there to count. Tab moves through the rows'
 * controls as before: focusing a control scrolls it into view and the rows beyond it are rendered ahead.
 */
export function VirtualList<T>({ rows, rowKey, height, renderRow, label, className, testId }: VirtualListProps<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const scrolledBefore = useRef(false);
  const exact = 'exact' in height ? height.exact : null;
  const sizeOf = 'exact' in height ? height.exact : height.estimate;
  // The virtualizer is mutable by design (it measures the DOM); React Compiler skips memoising this component.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => {
      const row = rows[index];
      return row === undefined ? 48 : sizeOf(row);
    },
    getItemKey: (index) => {
      const row = rows[index];
      return row === undefined ? index : rowKey(row);
    },
    overscan: 10,
    initialRect: { width: window.innerWidth, height: window.innerHeight },
    observeElementRect: observeBoxAfterLayout,
    scrollToFn: (offset, options, instance) => {
      // The virtualizer's first write scrolls the list it has just mounted to where it starts: a new element is
      // at the top already, and the write would lay the page out in the middle of React's commit.
      const first = !scrolledBefore.current;
      scrolledBefore.current = true;
      if (first && offset + (options.adjustments ?? 0) === 0) return;
      elementScroll(offset, options, instance);
    },
  });
  return (
    <div ref={scrollRef} className={`virtual-list${className ? ` ${className}` : ''}`} data-testid={testId}>
      <ul className="virtual-list__inner" aria-label={label} style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (row === undefined) return null;
          return (
            <li
              key={item.key}
              data-index={item.index}
              ref={exact ? undefined : virtualizer.measureElement}
              className="virtual-list__row"
              aria-setsize={rows.length}
              aria-posinset={item.index + 1}
              style={exact ? { transform: `translateY(${item.start}px)`, height: item.size } : { transform: `translateY(${item.start}px)` }}
            >
              {renderRow(row)}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
