/**
 * Our outgoing chat messages between "the user pressed send" and "the server has it".
 *
 * A message waits (state 'queued') while we are offline and is sent once online, in the order written,
 * each exactly once. With stream management (XEP-0198) a sent message stays in flight until the session
 * reports the server's ack (markSent); after a reconnect the session reports which were never acked
 * (markUnacked) and those are sent again, still in order. A resend carries the same id and origin-id
 * (chatStanza), so the receiver recognises it if the first copy did arrive after all.
 *
 * issue 15: OMEMO. A stanza may take time to build (an encrypted one is encrypted at send time, afresh for every
 * send: outgoing-stanza.ts). It is built in the queue's turn, one message after another, so order and
 * exactly-once hold however slow the encryption; a stream that went away meanwhile gets nothing, and the message
 * is built again for the next one. A message whose stanza cannot be built is 'failed' with the refusal's words
 * (outgoing-refusal.ts), and never sent some other way; 'keys-unreachable' keeps it, first in line.
 */
import type { Element } from '@xmpp/xml';
import type { AccountId } from '../../../app/domain/account.js';
import type { ChatMessage } from '../../../app/domain/chat.js';
import type { XmppLink } from '../link.js';
import { createEmitter, type Events } from './emitter.js';
import { listenerFailure, type FeatureLog } from './feature-deps.js';
import type { MessageUpdate } from './messages.js';
import { chatStanza } from './outgoing-message.js';
import { OutgoingRefusal } from './outgoing-refusal.js';
import type { StanzaFor } from './outgoing-stanza.js';

/** What the stream-management layer tells the queue, by stanza id. */
export interface StreamAcks {
  /** The server acknowledged this stanza. */
  markSent(stanzaId: string): void;
  /** These stanzas were sent but never acknowledged before the stream was lost: send them again. */
  markUnacked(stanzaIds: readonly string[]): void;
}

export interface OutgoingQueueEvents {
  /** A message reached the server (state 'sent'), or can never be sent (state 'failed', issue 15). */
  updated: MessageUpdate;
}

export interface OnlineOptions {
  /**
   * True when stream management is on: a message counts as sent only when the server acks it. Without it,
   * handing the stanza to the connection is all the certainty there is.
   */
  readonly acknowledgements: boolean;
}

export interface OutgoingQueue extends Events<OutgoingQueueEvents>, StreamAcks {
  /** Takes a message from messages.compose (state 'queued'); sends it now when online. */
  enqueue(message: ChatMessage): void;
  /** A stream is up: send everything waiting, in order. Resolves when the queue has been worked through. */
  online(link: Pick<XmppLink, 'send'>, options: OnlineOptions): Promise<void>;
  offline(): void;
  /** Messages not yet confirmed sent, oldest first (to persist across restarts and enqueue again). */
  pending(): readonly ChatMessage[];
}

export interface OutgoingQueueDeps {
  readonly accountId: AccountId;
  readonly log: FeatureLog;
  /**
   * How a message becomes a stanza: chatStanza (plaintext only) unless given; createStanzaFor (outgoing-stanza.ts)
   * for an account that encrypts. May take time; a rejection fails the message (see the module comment).
   */
  readonly stanzaFor?: StanzaFor;
}

interface Entry {
  readonly message: ChatMessage;
  readonly stanzaId: string;
  status: 'waiting' | 'in-flight';
  /** The stream it was last handed to; markUnacked only concerns streams that are gone. */
  sentOn: Connection | null;
}

interface Connection {
  readonly link: Pick<XmppLink, 'send'>;
  readonly acknowledgements: boolean;
}

export function createOutgoingQueue({ accountId, log, stanzaFor = chatStanza }: OutgoingQueueDeps): OutgoingQueue {
  const emitter = createEmitter<OutgoingQueueEvents>(listenerFailure('outgoing-queue', log));
  const entries: Entry[] = [];
  let connection: Connection | null = null;
  let flushing: Promise<void> | null = null;
  let flushAgain = false;

  function settle(entry: Entry, outcome: { state: 'sent' } | { state: 'failed'; error: string } = { state: 'sent' }): void {
    const index = entries.indexOf(entry);
    if (index === -1) return;
    entries.splice(index, 1);
    emitter.emit('updated', { accountId, id: entry.message.id, state: outcome.state, error: outcome.state === 'failed' ? outcome.error : null });
  }

  /** Back in line, first as it was, for the next stream (or the next run of the queue). */
  function putBack(entry: Entry): void {
    entry.status = 'waiting';
    entry.sentOn = null;
  }

  /** The stanza; else the message was failed (the queue goes on) or put back (`stop`: this run of the queue ends). */
  async function build(entry: Entry): Promise<{ stanza: Element } | { stop: boolean }> {
    try {
      return { stanza: await stanzaFor(entry.message) };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (error instanceof OutgoingRefusal && error.kind === 'keys-unreachable') {
        putBack(entry);
        log({ feature: 'outgoing-queue', reason: `message kept, its keys could not be fetched: ${reason}`, from: null });
        return { stop: true };
      }
      log({ feature: 'outgoing-queue', reason: `message not sent, its stanza could not be built: ${error instanceof OutgoingRefusal ? error.kind : reason}`, from: null });
      // Plain words for the person; a bug's message is not for them.
      settle(entry, { state: 'failed', error: error instanceof OutgoingRefusal ? error.message : 'This message could not be prepared for sending, so it was not sent.' });
      return { stop: false };
    }
  }

  async function drain(): Promise<void> {
    for (;;) {
      const current = connection;
      // The earliest waiting message goes first, including one put back by markUnacked.
      const entry = entries.find((candidate) => candidate.status === 'waiting');
      if (current === null || entry === undefined) return;
      // Marked before the await, so nothing else picks it up while the send is under way.
      entry.status = 'in-flight';
      entry.sentOn = current;
      const built = await build(entry);
      if (!('stanza' in built)) {
        if (built.stop) return;
        continue;
      }
      // The stream went away while the stanza was built: this one is sent on the next, built again.
      if (connection !== current) {
        putBack(entry);
        return;
      }
      try {
        await current.link.send(built.stanza);
      } catch (error) {
        // The stream broke under us: the message waits for the next online(), still first in line.
        entry.status = 'waiting';
        log({ feature: 'outgoing-queue', reason: `send failed, message kept: ${error instanceof Error ? error.message : String(error)}`, from: null });
        if (connection === current) connection = null;
        return;
      }
      if (!current.acknowledgements) settle(entry);
    }
  }

  function flush(): Promise<void> {
    if (flushing !== null) {
      flushAgain = true;
      return flushing;
    }
    flushing = (async () => {
      do {
        flushAgain = false;
        await drain();
      } while (flushAgain && connection !== null);
    })().finally(() => {
      flushing = null;
    });
    return flushing;
  }

  const flushInBackground = (): void => {
    flush().catch((error: unknown) => log({ feature: 'outgoing-queue', reason: `flush failed: ${String(error)}`, from: null }));
  };

  return {
    on: emitter.on,
    enqueue(message) {
      if (message.direction !== 'out' || message.state !== 'queued' || message.stanzaId === null) {
        throw new Error('Only a newly composed message (state queued) can be queued.');
      }
      const stanzaId = message.stanzaId;
      if (entries.some((entry) => entry.message.id === message.id || entry.stanzaId === stanzaId)) return; // exactly once
      entries.push({ message, stanzaId, status: 'waiting', sentOn: null });
      if (connection !== null) flushInBackground();
    },
    online(link, { acknowledgements }) {
      connection = { link, acknowledgements };
      return flush();
    },
    offline() {
      // In-flight messages stay in flight: only the session knows whether the server got them.
      connection = null;
    },
    markSent(stanzaId) {
      const entry = entries.find((candidate) => candidate.stanzaId === stanzaId);
      // Even a message we had put back to waiting: the server has it, so sending it again would duplicate it.
      if (entry !== undefined) settle(entry);
    },
    markUnacked(stanzaIds) {
      const unacked = new Set(stanzaIds);
      let any = false;
      for (const entry of entries) {
        // A message already handed to the current stream is that stream's business, not a lost one.
        if (entry.status === 'in-flight' && unacked.has(entry.stanzaId) && (connection === null || entry.sentOn !== connection)) {
          entry.status = 'waiting';
          any = true;
        }
      }
      if (any && connection !== null) flushInBackground();
    },
    pending: () => entries.map((entry) => entry.message),
  };
}
