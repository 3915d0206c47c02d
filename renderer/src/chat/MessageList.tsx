import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ChatMessage } from '../../../app/domain/chat.js';
import { formatDayHeading, formatLongDay } from '../common/format-time.js';
// issue 15: OMEMO
import { encryptionMarks } from './encryption-marks.js';
import type { SenderTrust } from './use-sender-trust.js';
import { MessageItem } from './MessageItem.js';
import { type Row, toRows } from './message-rows.js';
import { useDayClock } from './use-day-clock.js';
import './messages.css';

export interface MessageListProps {
  readonly messages: readonly ChatMessage[];
  /** The contact's display name, written above each group of their messages ("" falls back to the address). */
  readonly peerName: string;
  readonly complete: boolean;
  readonly loading: boolean;
  readonly onReachTop: () => void;
  /** Opened at this message (a search result): scrolled to and highlighted for a moment, instead of the newest. */
  readonly focusId?: string | null;
  /** The newest message is in the list (false after opening at a message, until paged down to it). */
  readonly latest?: boolean;
  readonly loadingNewer?: boolean;
  readonly onReachBottom?: () => void;
  /** issue 14: read markers. Our newest message the contact has read (its local id): "Read" is written under it. */
  readonly readUpTo?: string | null;
  // issue 14: message changes: scroll to this message and highlight it (a reply's original); `n` repeats a jump.
  readonly jump?: { readonly id: string; readonly n: number } | null;
  /** issue 15: the current trust in each message's sending device, for the marks (use-sender-trust.ts). */
  readonly senderTrust?: SenderTrust;
}

/** How long the message a search result opened stays highlighted (its outline fades in CSS meanwhile). */
export const FOCUS_HIGHLIGHT_MS = 5_000;

/** How close to the top (px) counts as "at the top" for loading older history; the same for the bottom and newer. */
const TOP_THRESHOLD = 200;

/**
 * A row's height before it is measured, from what it draws (a body line, the sender, the time, a day
 * separator), so the first scroll positions land close to where the measured rows put them.
 */
function estimateRowHeight(row: Row | undefined, showsLock: boolean): number {
  if (!row) return 64;
  return 40 + (row.groupStart ? 28 : 0) + (row.groupEnd || row.showsState || showsLock ? 18 : 0) + (row.dayStartsAt ? 36 : 0);
}

/**
 * The conversation, virtualised: only the rows in view (plus a few) exist in the DOM, so tens of thousands
 * of messages scroll smoothly. It opens at the newest message, keeps its place when older history is added
 * above, and follows new messages only while the reader is already at the bottom.
 */
export function MessageList({
  messages,
  peerName,
  complete,
  loading,
  onReachTop,
  focusId = null,
  latest = true,
  loadingNewer = false,
  onReachBottom,
  readUpTo = null,
  jump = null,
  senderTrust,
}: MessageListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const rows = useMemo(() => toRows(messages), [messages]);
  const marks = useMemo(() => encryptionMarks(rows, senderTrust), [rows, senderTrust]);
  const now = useDayClock();
  // The virtualizer is mutable by design (it measures the DOM); React Compiler just skips memoising this one component.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => estimateRowHeight(rows[index], marks[index]?.shown === true),
    getItemKey: (index) => rows[index]?.key ?? index,
    overscan: 8,
    anchorTo: 'end',
    // Following appended rows only makes sense at the latest: a newer page must not carry the reader along.
    followOnAppend: latest,
  });

  // Open at the newest message once the first page is in, or at the message asked for, highlighted for a moment.
  const opened = useRef(false);
  const [highlighted, setHighlighted] = useState<string | null>(null);
  useEffect(() => {
    if (opened.current || rows.length === 0) return;
    opened.current = true;
    const index = focusId === null ? -1 : rows.findIndex((row) => row.key === focusId);
    if (index === -1) {
      virtualizer.scrollToEnd();
      return;
    }
    virtualizer.scrollToIndex(index, { align: 'center' });
    setHighlighted(focusId);
  }, [rows, focusId, virtualizer]);
  // issue 14: message changes: a jump to a reply's original.
  useEffect(() => {
    if (jump === null) return;
    const index = rows.findIndex((row) => row.key === jump.id);
    if (index === -1) return;
    virtualizer.scrollToIndex(index, { align: 'center' });
    setHighlighted(jump.id);
    // Only a new jump moves the list, not every new row.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [jump]);
  useEffect(() => {
    if (highlighted === null) return;
    const timer = setTimeout(() => setHighlighted(null), FOCUS_HIGHLIGHT_MS);
    return () => clearTimeout(timer);
  }, [highlighted]);

  // A first page shorter than the view cannot be scrolled, so ask for more until it fills or ends.
  useEffect(() => {
    const element = scrollRef.current;
    if (!element || complete || loading || rows.length === 0) return;
    if (virtualizer.getTotalSize() <= element.clientHeight) onReachTop();
  }, [rows.length, complete, loading, onReachTop, virtualizer]);

  // Likewise below, after opening at a message: a page that does not fill the view asks for newer ones.
  useEffect(() => {
    const element = scrollRef.current;
    if (!element || latest || loadingNewer || rows.length === 0 || !opened.current) return;
    if (virtualizer.getTotalSize() <= element.clientHeight) onReachBottom?.();
  }, [rows.length, latest, loadingNewer, onReachBottom, virtualizer]);

  // A notice that appears above the list (a contact's new device, an error) makes it shorter: a reader at the
  // newest message stays there, rather than finding it pushed below the fold. The virtualizer keeps the end only
  // when rows change, not when its box does.
  const atEnd = useRef(true);
  useEffect(() => {
    const element = scrollRef.current;
    const Observer = element?.ownerDocument.defaultView?.ResizeObserver;
    if (!element || !Observer || !latest) return;
    let height = element.clientHeight;
    const observer = new Observer(() => {
      const shrunk = element.clientHeight < height;
      height = element.clientHeight;
      if (shrunk && atEnd.current) virtualizer.scrollToEnd();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [latest, virtualizer]);

  const onScroll = () => {
    const element = scrollRef.current;
    if (!element) return;
    if (element.scrollTop < TOP_THRESHOLD && !complete && !loading) onReachTop();
    const below = element.scrollHeight - element.scrollTop - element.clientHeight;
    atEnd.current = below <= 2;
    if (below < TOP_THRESHOLD && !latest && !loadingNewer) onReachBottom?.();
  };

  return (
    <div
      ref={scrollRef}
      className="message-list"
      onScroll={onScroll}
      role="log"
      aria-label="Messages"
      aria-busy={loading || loadingNewer}
      tabIndex={0}
      data-testid="message-list"
      // The virtualizer keeps the reader's place itself; the browser's own scroll anchoring would fight it.
      style={{ overflowAnchor: 'none' }}
    >
      {loading ? (
        // Over the top rows rather than above them: a note in the flow would push every row down while a page
        // loads and pull them up when it lands, two jumps the virtualizer does not know of.
        <p role="status" className="note message-list__loading" style={{ position: 'absolute', insetInline: 0, top: 0, zIndex: 1, background: 'var(--bg)' }}>
          Loading earlier messages…
        </p>
      ) : complete && rows.length > 0 ? (
        <p className="note message-list__start">This is the beginning of the conversation.</p>
      ) : null}
      <div className="message-list__inner" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          const mark = marks[item.index];
          return (
            <div
              key={item.key}
              data-index={item.index}
              ref={virtualizer.measureElement}
              className={`message-list__row${row.groupStart ? ' message-list__row--group-start' : ''}${row.key === highlighted ? ' message-list__row--found' : ''}`}
              style={{ transform: `translateY(${item.start}px)` }}
            >
              {row.dayStartsAt !== null ? (
                <div className="day-separator" role="separator" data-testid="day-separator" title={formatLongDay(row.dayStartsAt)}>
                  <span>{formatDayHeading(row.dayStartsAt, now)}</span>
                </div>
              ) : null}
              <MessageItem
                message={row.message}
                senderName={peerName}
                groupStart={row.groupStart}
                groupEnd={row.groupEnd}
                showsState={row.showsState}
                read={row.message.id === readUpTo}
                encryption={mark?.mark ?? null}
                showsEncryption={mark?.shown === true}
              />
            </div>
          );
        })}
      </div>
      {loadingNewer ? (
        <p role="status" className="note message-list__loading" style={{ position: 'sticky', bottom: 0, margin: 0, background: 'var(--bg)' }}>
          Loading later messages…
        </p>
      ) : null}
    </div>
  );
}
