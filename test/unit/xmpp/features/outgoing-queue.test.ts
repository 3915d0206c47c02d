import type { Element } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../../app/domain/chat.js';
import type { FeatureLogEntry } from '../../../../main/xmpp/features/feature-deps.js';
import type { MessageUpdate } from '../../../../main/xmpp/features/messages.js';
import { composeChatMessage } from '../../../../main/xmpp/features/outgoing-message.js';
import { createOutgoingQueue } from '../../../../main/xmpp/features/outgoing-queue.js';
import { counterIds, FakeLink, fixedClock, settle } from './fake-link.js';

const ACCOUNT = '5b0c8b4e-5b43-4c36-9b5b-2b6f0e7b1c11';

function setup() {
  const logged: FeatureLogEntry[] = [];
  const queue = createOutgoingQueue({ accountId: ACCOUNT, log: (e) => logged.push(e) });
  const updates: MessageUpdate[] = [];
  queue.on('updated', (u) => updates.push(u));
  const deps = { accountId: ACCOUNT, now: fixedClock().now, ids: counterIds('msg') };
  const compose = (body: string): ChatMessage => composeChatMessage(deps, 'romeo@example.net', body);
  return { queue, updates, compose, logged };
}

const bodies = (stanzas: readonly Element[]) => stanzas.map((s) => s.getChildText('body'));

/** A link whose sends complete only when the test says so. */
class GatedLink {
  readonly sent: Element[] = [];
  readonly #gates: (() => void)[] = [];
  send(stanza: Element): Promise<void> {
    this.sent.push(stanza);
    return new Promise((resolve) => this.#gates.push(resolve));
  }
  openAll(): void {
    for (const open of this.#gates.splice(0)) open();
  }
}

describe('while offline', () => {
  it('keeps messages queued and sends nothing', () => {
    const { queue, compose, updates } = setup();
    const a = compose('one');
    queue.enqueue(a);
    expect(queue.pending()).toEqual([a]);
    expect(a.state).toBe('queued');
    expect(updates).toEqual([]);
  });

  it('refuses messages that are not newly composed', () => {
    const { queue, compose } = setup();
    expect(() => queue.enqueue({ ...compose('x'), state: 'sent' })).toThrow(/queued/);
    expect(() => queue.enqueue({ ...compose('y'), direction: 'in' })).toThrow(/queued/);
  });
});

describe('going online', () => {
  it('sends the queue in order, each once, and reports them sent (no stream management)', async () => {
    const { queue, compose, updates } = setup();
    const messages = [compose('one'), compose('two'), compose('three')];
    for (const m of messages) queue.enqueue(m);
    queue.enqueue(messages[1] as ChatMessage); // the same message twice is still one message
    const link = new FakeLink();
    await queue.online(link, { acknowledgements: false });
    expect(bodies(link.sent)).toEqual(['one', 'two', 'three']);
    expect(link.sent.map((s) => s.attrs.id)).toEqual(messages.map((m) => m.stanzaId));
    expect(updates).toEqual(messages.map((m) => ({ accountId: ACCOUNT, id: m.id, state: 'sent', error: null })));
    expect(queue.pending()).toEqual([]);
  });

  it('sends a message written while online right away', async () => {
    const { queue, compose } = setup();
    const link = new FakeLink();
    await queue.online(link, { acknowledgements: false });
    queue.enqueue(compose('now'));
    await settle();
    expect(bodies(link.sent)).toEqual(['now']);
  });

  it('does not send anything twice when online() is called again while a flush is running', async () => {
    const { queue, compose } = setup();
    queue.enqueue(compose('one'));
    queue.enqueue(compose('two'));
    const link = new GatedLink();
    const first = queue.online(link, { acknowledgements: false });
    const second = queue.online(link, { acknowledgements: false });
    for (let i = 0; i < 4; i += 1) {
      link.openAll();
      await settle();
    }
    await Promise.all([first, second]);
    expect(bodies(link.sent)).toEqual(['one', 'two']);
  });

  it('keeps a message whose send failed, and sends it once the next stream is up', async () => {
    const { queue, compose, logged } = setup();
    queue.enqueue(compose('one'));
    queue.enqueue(compose('two'));
    const broken = new FakeLink();
    broken.sendFailure = new Error('socket closed');
    await queue.online(broken, { acknowledgements: false });
    expect(queue.pending().map((m) => m.body)).toEqual(['one', 'two']);
    expect(logged).toHaveLength(1);

    const fresh = new FakeLink();
    await queue.online(fresh, { acknowledgements: false });
    expect(bodies(fresh.sent)).toEqual(['one', 'two']);
  });
});

describe('with stream management acknowledgements', () => {
  it('counts a message sent only when the server acks it', async () => {
    const { queue, compose, updates } = setup();
    const a = compose('one');
    queue.enqueue(a);
    const link = new FakeLink();
    await queue.online(link, { acknowledgements: true });
    expect(link.sent).toHaveLength(1);
    expect(updates).toEqual([]);
    expect(queue.pending()).toEqual([a]);
    queue.markSent(a.stanzaId ?? '');
    expect(updates).toEqual([{ accountId: ACCOUNT, id: a.id, state: 'sent', error: null }]);
    expect(queue.pending()).toEqual([]);
    queue.markSent(a.stanzaId ?? ''); // a repeated ack changes nothing
    queue.markSent('unknown-id');
    expect(updates).toHaveLength(1);
  });

  it('re-sends only the unacknowledged messages after a reconnect, in order, with the same ids', async () => {
    const { queue, compose } = setup();
    const [m1, m2, m3] = [compose('one'), compose('two'), compose('three')] as [ChatMessage, ChatMessage, ChatMessage];
    queue.enqueue(m1);
    queue.enqueue(m2);
    const first = new FakeLink();
    await queue.online(first, { acknowledgements: true });
    queue.markSent(m1.stanzaId ?? '');
    queue.offline();
    queue.enqueue(m3); // written while reconnecting
    queue.markUnacked([m1.stanzaId ?? '', m2.stanzaId ?? '', 'not-ours']);
    queue.markUnacked([m2.stanzaId ?? '']); // reported twice: still one resend

    const second = new FakeLink();
    await queue.online(second, { acknowledgements: true });
    expect(bodies(second.sent)).toEqual(['two', 'three']);
    // The resend is the same stanza, so the receiver can drop it if the first copy arrived after all.
    const resent = second.sent[0];
    const original = first.sent[1];
    expect(resent?.attrs.id).toBe(original?.attrs.id);
    expect(resent?.getChild('origin-id', 'urn:xmpp:sid:0')?.attrs.id).toBe(original?.getChild('origin-id', 'urn:xmpp:sid:0')?.attrs.id);
    expect(queue.pending().map((m) => m.body)).toEqual(['two', 'three']);
  });

  it('does not re-send a message already handed to the current stream', async () => {
    const { queue, compose } = setup();
    const a = compose('one');
    queue.enqueue(a);
    const link = new FakeLink();
    await queue.online(link, { acknowledgements: true });
    queue.markUnacked([a.stanzaId ?? '']); // a late report about an older stream
    await settle();
    expect(link.sent).toHaveLength(1);
  });

  it('does not re-send a message acked after it was reported unacked', async () => {
    const { queue, compose } = setup();
    const a = compose('one');
    queue.enqueue(a);
    await queue.online(new FakeLink(), { acknowledgements: true });
    queue.offline();
    queue.markUnacked([a.stanzaId ?? '']);
    queue.markSent(a.stanzaId ?? '');
    const next = new FakeLink();
    await queue.online(next, { acknowledgements: true });
    expect(next.sent).toEqual([]);
  });
});
