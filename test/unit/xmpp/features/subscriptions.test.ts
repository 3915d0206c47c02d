import { describe, expect, it } from 'vitest';
import type { SubscriptionRequest } from '../../../../app/domain/chat.js';
import type { FeatureLogEntry } from '../../../../main/xmpp/features/feature-deps.js';
import { createSubscriptions, type SubscriptionEvents } from '../../../../main/xmpp/features/subscriptions.js';
import { FakeLink, fixedClock } from './fake-link.js';

const ACCOUNT = '5b0c8b4e-5b43-4c36-9b5b-2b6f0e7b1c11';

function setup(preApproval = false) {
  const link = new FakeLink('alice@example.org/desk');
  const clock = fixedClock('2024-05-01T12:00:00.000Z');
  const logged: FeatureLogEntry[] = [];
  const subscriptions = createSubscriptions({ link, log: (e) => logged.push(e), accountId: ACCOUNT, now: clock.now, preApproval });
  const requests: SubscriptionRequest[] = [];
  const notices: SubscriptionEvents['notice'][] = [];
  subscriptions.on('request', (r) => requests.push(r));
  subscriptions.on('notice', (n) => notices.push(n));
  return { link, subscriptions, logged, requests, notices };
}

describe('incoming subscription requests', () => {
  it('turns <presence type="subscribe"/> into one request from the bare JID', () => {
    const { link, subscriptions, requests } = setup();
    link.receive(`<presence from='romeo@example.net/orchard' type='subscribe'/>`);
    link.receive(`<presence from='romeo@example.net' type='subscribe'/>`); // asked again: still one request
    const expected = { accountId: ACCOUNT, from: 'romeo@example.net', at: '2024-05-01T12:00:00.000Z' };
    expect(requests).toEqual([expected]);
    expect(subscriptions.pending()).toEqual([expected]);
  });

  it('ignores requests without a valid from and from our own account', () => {
    const { link, requests, logged } = setup();
    link.receive(`<presence type='subscribe'/><presence from='@example.net' type='subscribe'/><presence from='alice@example.org/phone' type='subscribe'/>`);
    expect(requests).toEqual([]);
    expect(logged).toHaveLength(3);
  });

  it('forgets a request the other side withdrew', () => {
    const { link, subscriptions, notices } = setup();
    link.receive(`<presence from='romeo@example.net' type='subscribe'/><presence from='romeo@example.net' type='unsubscribe'/>`);
    expect(subscriptions.pending()).toEqual([]);
    expect(notices).toEqual([{ from: 'romeo@example.net', kind: 'unsubscribe' }]);
  });

  it('reports answers to our own requests', () => {
    const { link, notices } = setup();
    link.receive(`<presence from='romeo@example.net' type='subscribed'/><presence from='juliet@example.net' type='unsubscribed'/>`);
    expect(notices).toEqual([
      { from: 'romeo@example.net', kind: 'subscribed' },
      { from: 'juliet@example.net', kind: 'unsubscribed' },
    ]);
  });

  it('ignores availability presence', () => {
    const { link, requests, notices } = setup();
    link.receive(`<presence from='romeo@example.net/orchard'/><presence from='romeo@example.net/orchard' type='unavailable'/>`);
    expect(requests).toEqual([]);
    expect(notices).toEqual([]);
  });
});

describe('our answers and requests (RFC 6121 §3)', () => {
  it.each([
    ['approve', 'subscribed'],
    ['deny', 'unsubscribed'],
    ['request', 'subscribe'],
    ['unsubscribe', 'unsubscribe'],
    ['cancel', 'unsubscribed'],
  ] as const)('%s sends <presence type="%s"/> to the bare JID', async (method, type) => {
    const { link, subscriptions } = setup();
    await subscriptions[method]('Romeo@Example.NET');
    expect(link.lastSent().name).toBe('presence');
    expect(link.lastSent().attrs).toEqual({ to: 'romeo@example.net', type });
  });

  it('clears the pending request once answered', async () => {
    const { link, subscriptions } = setup();
    link.receive(`<presence from='romeo@example.net' type='subscribe'/><presence from='juliet@example.net' type='subscribe'/>`);
    await subscriptions.approve('romeo@example.net');
    await subscriptions.deny('juliet@example.net');
    expect(subscriptions.pending()).toEqual([]);
  });

  it('pre-approves only when the server supports it (RFC 6121 §3.4)', async () => {
    const without = setup(false);
    expect(await without.subscriptions.preApprove('romeo@example.net')).toBe('unsupported');
    expect(without.link.sent).toEqual([]);

    const withIt = setup(true);
    expect(await withIt.subscriptions.preApprove('romeo@example.net')).toBe('sent');
    expect(withIt.link.lastSent().attrs).toEqual({ to: 'romeo@example.net', type: 'subscribed' });
  });

  it('refuses a full JID', async () => {
    const { subscriptions, link } = setup();
    await expect(subscriptions.request('romeo@example.net/orchard')).rejects.toThrow(/bare JID/);
    expect(link.sent).toEqual([]);
  });
});
