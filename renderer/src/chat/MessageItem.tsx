import { memo } from 'react';
import type { ChatMessage, MessageState } from '../../../app/domain/chat.js';
import { formatDateTime, formatFull, formatTime } from '../common/format-time.js';
import { MessageText } from './MessageText.js';
import { ReadMark } from './ReadMark.js';
import { SharedFile } from './SharedFile.js'; // issue 14: files
import { EditedMark } from './EditedMark.js';
import { MessageMenu } from './MessageMenu.js';
import { ReactionBar } from './ReactionBar.js';
import { ReplyQuote } from './ReplyQuote.js';
// issue 15: OMEMO
import { EncryptionMark } from './EncryptionMark.js';
import type { EncryptionMark as Mark } from './encryption-marks.js';
import { UndecryptableNotice } from './UndecryptableNotice.js';

const STATE_TEXT: Record<MessageState, string | null> = {
  queued: 'Sending…',
  sent: 'Sent',
  delivered: 'Delivered',
  failed: 'Not delivered',
  received: null,
};

export interface MessageItemProps {
  readonly message: ChatMessage;
  /** The contact's display name, for received messages; empty falls back to the bare address. */
  readonly senderName: string;
  /** First of a run from one sender (see toRows): the sender's name is written above it. */
  readonly groupStart: boolean;
  /** Last of the run: the run's time (and "from another device") is written under it. */
  readonly groupEnd: boolean;
  /** Whether its delivery state is written out (see toRows); data-state is on every message either way. */
  readonly showsState: boolean;
  /** issue 14: read markers. The contact has read up to this message of ours: "Read" replaces its delivery state. */
  readonly read?: boolean;
  /** issue 15: this message's encryption mark (see encryption-marks.ts), null when it needs none. */
  readonly encryption?: Mark | null;
  /** issue 15: whether the mark is written under this message, or a later one of its run speaks for it. */
  readonly showsEncryption?: boolean;
}

/** issue 15: what a screen reader hears of each message's mark, though the eye sees it once per run. */
const SPOKEN_MARK: Record<Mark, string> = {
  encrypted: ', encrypted',
  plain: ', not encrypted',
  'distrusted-device': ', encrypted by a device you distrust',
  'undecided-device': ', encrypted by a device you have not decided on',
};

/**
 * One message of a group: the body, the sender on the group's first message, and the time once, under its
 * last, as a chat app shows a turn of the conversation. Props are plain values and the message itself, so
 * the memo holds while other rows change.
 */
export const MessageItem = memo(function MessageItem({ message, senderName, groupStart, groupEnd, showsState, read = false, encryption = null, showsEncryption = false }: MessageItemProps) {
  const sender = message.direction === 'out' ? 'You' : senderName || message.peer;
  const isRead = read && message.direction === 'out'; // issue 14: read markers
  const state = message.direction === 'out' && showsState && !isRead ? STATE_TEXT[message.state] : null;
  const classes = ['message', `message--${message.direction}`];
  if (message.state === 'failed') classes.push('message--failed');
  if (groupStart) classes.push('message--group-start');
  if (groupEnd) classes.push('message--group-end');
  // issue 14: message changes
  const retracted = message.changes?.retracted === true;
  const earlier = message.changes?.earlier ?? [];
  if (retracted) classes.push('message--retracted');
  // issue 15: OMEMO. An undecryptable message has an empty body: a notice takes its place, never the empty text.
  const undecryptable = message.encryption?.kind === 'undecryptable' ? message.encryption : null;
  if (undecryptable) classes.push('message--undecryptable');
  const lock = showsEncryption && encryption !== null ? encryption : null;
  return (
    <article
      className={classes.join(' ')}
      data-testid="message"
      data-state={message.state}
      // Who and when for a screen reader, on every message, though the eye sees them once per group.
      aria-label={`${sender} wrote, ${formatDateTime(message.at)}${encryption === null ? '' : SPOKEN_MARK[encryption]}`}
    >
      {groupStart ? (
        <header className="message__sender" data-testid="message-sender">
          <bdi>{sender}</bdi>
        </header>
      ) : null}
      {/* issue 14: message changes */}
      <MessageMenu message={message} />
      {message.replyTo && !retracted ? <ReplyQuote replyTo={message.replyTo} /> : null}
      {retracted ? (
        <p className="message__removed note" data-testid="message-removed">
          This message was removed.
        </p>
      ) : undecryptable ? (
        <UndecryptableNotice reason={undecryptable.reason} device={undecryptable.device} />
      ) : message.oobUrl ? (
        // issue 14: files: a shared file is shown by main's answer, never by its link
        <SharedFile message={message} senderName={sender} />
      ) : (
        <MessageText body={message.body} />
      )}
      {earlier.length > 0 && !retracted ? <EditedMark earlier={earlier} /> : null}
      <ReactionBar message={message} />
      {groupEnd || state || isRead || lock ? (
        <footer className="message__meta">
          {lock ? <EncryptionMark mark={lock} /> : null}
          {groupEnd ? (
            <>
              <time dateTime={message.at} title={formatFull(message.at)}>
                {formatTime(message.at)}
              </time>
              {message.carbon ? <span className="note"> · from another device</span> : null}
            </>
          ) : null}
          {state ? (
            <span className="message__state" data-testid="message-state">
              {groupEnd ? ' · ' : null}
              {state}
              {message.state === 'failed' && message.error ? `: ${message.error}` : ''}
            </span>
          ) : null}
          {isRead ? <ReadMark separated={groupEnd} /> : null}
        </footer>
      ) : null}
    </article>
  );
});
