/** Pending iq requests: claimed only by a matching id AND sender (RFC 6120 §8.1.2.1), errors typed, timeouts. */
import xml, { type Element } from '@xmpp/xml';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RequestTimeoutError } from '../../../../main/xmpp/errors.js';
import { StanzaError } from '../../../../main/xmpp/link.js';
import { PendingRequests } from '../../../../main/xmpp/session/iq-requests.js';

const OWN = { bare: 'alice@example.test', domain: 'example.test' };
const answer = (attrs: Record<string, string>, ...children: Element[]) => xml('iq', attrs, ...children);

afterEach(() => {
  vi.useRealTimers();
});

describe('PendingRequests', () => {
  it('adds an id and resolves with the result from the entity asked', async () => {
    const pending = new PendingRequests();
    const iq = xml('iq', { type: 'get', to: 'bob@example.test/phone' }, xml('ping', { xmlns: 'urn:xmpp:ping' }));
    const result = pending.track(iq, 1_000);
    const id = iq.attrs.id ?? '';
    expect(id).not.toBe('');
    const reply = answer({ type: 'result', id, from: 'bob@example.test/phone' });
    expect(pending.claim(reply, OWN)).toBe(true);
    await expect(result).resolves.toBe(reply);
    expect(pending.size).toBe(0);
  });

  it('does not let a third party answer with a guessed id', () => {
    const pending = new PendingRequests();
    const iq = xml('iq', { type: 'get', to: 'bob@example.test/phone', id: 'q1' });
    void pending.track(iq, 1_000).catch(() => undefined);
    expect(pending.claim(answer({ type: 'result', id: 'q1', from: 'mallory@example.test/x' }), OWN)).toBe(false);
    expect(pending.claim(answer({ type: 'result', id: 'q1' }), OWN)).toBe(false);
    expect(pending.size).toBe(1);
    pending.failAll(new Error('end'));
  });

  it.each([
    ['no from', {}],
    ['our bare JID', { from: 'Alice@Example.test' }],
    ['our server', { from: 'example.test' }],
  ])('accepts an answer to a request without `to` from %s', async (_label, from) => {
    const pending = new PendingRequests();
    const iq = xml('iq', { type: 'get', id: 'roster' });
    const result = pending.track(iq, 1_000);
    expect(pending.claim(answer({ type: 'result', id: 'roster', ...from }), OWN)).toBe(true);
    await expect(result).resolves.toBeDefined();
  });

  it('rejects with StanzaError carrying the condition, type and text', async () => {
    const pending = new PendingRequests();
    const result = pending.track(xml('iq', { type: 'set', to: 'example.test', id: 'e1' }), 1_000);
    const error = xml(
      'error',
      { type: 'auth' },
      xml('forbidden', { xmlns: 'urn:ietf:params:xml:ns:xmpp-stanzas' }),
      xml('text', { xmlns: 'urn:ietf:params:xml:ns:xmpp-stanzas' }, 'not you'),
    );
    pending.claim(answer({ type: 'error', id: 'e1', from: 'example.test' }, error), OWN);
    const failure = await result.catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(StanzaError);
    expect(failure).toMatchObject({ condition: 'forbidden', errorType: 'auth', text: 'not you' });
  });

  it('times out with RequestTimeoutError and forgets the request', async () => {
    vi.useFakeTimers();
    const pending = new PendingRequests();
    const result = pending.track(xml('iq', { type: 'get', id: 't1' }, xml('query', { xmlns: 'jabber:iq:roster' })), 5_000);
    vi.advanceTimersByTime(5_000);
    const failure = await result.catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(RequestTimeoutError);
    expect((failure as Error).message).toContain('jabber:iq:roster');
    expect(pending.claim(answer({ type: 'result', id: 't1' }), OWN)).toBe(false);
  });

  it('ignores requests, and results nobody asked for', () => {
    const pending = new PendingRequests();
    expect(pending.claim(answer({ type: 'get', id: 'x' }), OWN)).toBe(false);
    expect(pending.claim(answer({ type: 'result', id: 'never-sent' }), OWN)).toBe(false);
    expect(pending.claim(xml('message', { type: 'error', id: 'x' }), OWN)).toBe(false);
  });
});
