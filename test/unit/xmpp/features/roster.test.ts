import { describe, expect, it } from 'vitest';
import type { FeatureLogEntry } from '../../../../main/xmpp/features/feature-deps.js';
import { createRoster, type RosterEvents } from '../../../../main/xmpp/features/roster.js';
import { FakeLink } from './fake-link.js';

const ROSTER = 'jabber:iq:roster';

function setup(jid = 'alice@example.org/desk') {
  const link = new FakeLink(jid);
  const logged: FeatureLogEntry[] = [];
  const roster = createRoster({ link, log: (entry) => logged.push(entry) });
  const changes: RosterEvents['changed'][] = [];
  roster.on('changed', (change) => changes.push(change));
  return { link, roster, logged, changes };
}

// RFC 6121 §2.1.4 example roster (names adapted to the test account).
const FULL_ROSTER = `
  <query xmlns='jabber:iq:roster' ver='ver11'>
    <item jid='romeo@example.net' name='Romeo' subscription='both'><group>Friends</group></item>
    <item jid='mercutio@example.com' name='Mercutio' subscription='from'/>
    <item jid='benvolio@example.net' name='Benvolio' subscription='to' ask='subscribe'/>
  </query>`;

describe('roster fetch', () => {
  it('asks without a version when the server does not version rosters, and reads every item', async () => {
    const { link, roster, changes } = setup();
    const fetching = roster.fetch({ versioning: false, cached: null });
    const request = link.lastRequest();
    expect(request.iq.attrs.type).toBe('get');
    const query = request.iq.getChild('query', ROSTER);
    expect(query).toBeDefined();
    expect(query?.attrs.ver).toBeUndefined();

    request.result(`<iq type='result' id='${request.iq.attrs.id}'>${FULL_ROSTER}</iq>`);
    const result = await fetching;
    expect(result.source).toBe('server');
    // Without versioning a ver in the answer means nothing to us.
    expect(result.ver).toBeNull();
    expect(result.items).toEqual([
      { jid: 'romeo@example.net', name: 'Romeo', groups: ['Friends'], subscription: 'both', pendingOut: false, approved: false },
      { jid: 'mercutio@example.com', name: 'Mercutio', groups: [], subscription: 'from', pendingOut: false, approved: false },
      { jid: 'benvolio@example.net', name: 'Benvolio', groups: [], subscription: 'to', pendingOut: true, approved: false },
    ]);
    expect(changes.map((c) => c.change.kind)).toEqual(['replaced']);
    expect(roster.sharesPresenceWith('mercutio@example.com')).toBe(true);
    expect(roster.sharesPresenceWith('benvolio@example.net')).toBe(false);
    expect(roster.sharesPresenceWith('stranger@example.net')).toBe(false);
  });

  it('asks with ver="" when versioning is offered but nothing is cached, and keeps the new ver', async () => {
    const { link, roster } = setup();
    const fetching = roster.fetch({ versioning: true, cached: null });
    const request = link.lastRequest();
    expect(request.iq.getChild('query', ROSTER)?.attrs.ver).toBe('');
    request.result(`<iq type='result' id='${request.iq.attrs.id}'>${FULL_ROSTER}</iq>`);
    const result = await fetching;
    expect(result.ver).toBe('ver11');
    expect(result.items).toHaveLength(3);
  });

  it('sends the cached ver and keeps the cached items when the server answers "unchanged" (empty result)', async () => {
    const { link, roster } = setup();
    const cached = {
      ver: 'ver14',
      items: [{ jid: 'nurse@example.com', name: 'Nurse', groups: ['Servants'], subscription: 'both' as const, pendingOut: false, approved: false }],
    };
    const fetching = roster.fetch({ versioning: true, cached });
    const request = link.lastRequest();
    expect(request.iq.getChild('query', ROSTER)?.attrs.ver).toBe('ver14');
    request.result();
    const result = await fetching;
    expect(result).toEqual({ source: 'cache', ver: 'ver14', items: cached.items });

    // RFC 6121 §2.6.3: the changes since ver14 then arrive as pushes, each with its ver.
    const outcome = await link.receiveIq(
      `<iq type='set' id='push1'><query xmlns='jabber:iq:roster' ver='ver15'><item jid='nurse@example.com' subscription='remove'/></query></iq>`,
    );
    expect(outcome).toEqual({ kind: 'result', child: null });
    expect(roster.snapshot()).toEqual({ items: [], ver: 'ver15' });
  });

  it('replaces the cache when the server sends a full roster despite a cached ver', async () => {
    const { link, roster } = setup();
    const cached = { ver: 'ver1', items: [{ jid: 'old@example.com', name: null, groups: [], subscription: 'none' as const, pendingOut: false, approved: false }] };
    const fetching = roster.fetch({ versioning: true, cached });
    link.lastRequest().result(`<iq type='result'>${FULL_ROSTER}</iq>`);
    const result = await fetching;
    expect(result.source).toBe('server');
    expect(result.ver).toBe('ver11');
    expect(result.items.map((i) => i.jid)).not.toContain('old@example.com');
  });

  it('skips malformed items and keeps the rest', async () => {
    const { link, roster, logged } = setup();
    const fetching = roster.fetch({ versioning: false, cached: null });
    link.lastRequest().result(`<iq type='result'><query xmlns='jabber:iq:roster'>
      <item name='no jid'/>
      <item jid='device@example.net/phone' subscription='both'/>
      <item jid='odd@example.net' subscription='sometimes'/>
      <item jid='not a jid@example.net'/>
      <item jid='ok@example.net' approved='true'><group></group><group>A</group><group>A</group></item>
    </query></iq>`);
    const result = await fetching;
    // Missing subscription means 'none' (RFC 6121 §2.1.2.5); empty and repeated groups collapse.
    expect(result.items).toEqual([{ jid: 'ok@example.net', name: null, groups: ['A'], subscription: 'none', pendingOut: false, approved: true }]);
    expect(logged.length).toBe(4);
  });

  it('applies pushes that arrive before the fetch result on top of that result, in order', async () => {
    const { link, roster } = setup();
    const fetching = roster.fetch({ versioning: false, cached: null });
    await link.receiveIq(`<iq type='set' id='p1'><query xmlns='jabber:iq:roster'><item jid='tybalt@example.org' subscription='none'/></query></iq>`);
    await link.receiveIq(`<iq type='set' id='p2'><query xmlns='jabber:iq:roster'><item jid='romeo@example.net' subscription='remove'/></query></iq>`);
    link.lastRequest().result(`<iq type='result'>${FULL_ROSTER}</iq>`);
    const result = await fetching;
    // Romeo was removed and Tybalt added after the server composed its answer.
    expect(result.items.map((i) => i.jid)).toEqual(['mercutio@example.com', 'benvolio@example.net', 'tybalt@example.org']);
    expect(roster.snapshot()).toEqual({ items: result.items, ver: null });
  });
});

describe('roster pushes', () => {
  const push = (from: string | null, item = `<item jid='tybalt@example.org' name='Tybalt' subscription='none'/>`) =>
    `<iq type='set' id='push'${from === null ? '' : ` from='${from}'`}><query xmlns='jabber:iq:roster'>${item}</query></iq>`;

  it.each([
    ['without from', null],
    ['from our bare JID', 'alice@example.org'],
    ['from our bare JID in other case', 'Alice@Example.ORG'],
  ])('accepts a push %s', async (_label, from) => {
    const { link, roster, changes } = setup();
    expect(await link.receiveIq(push(from))).toEqual({ kind: 'result', child: null });
    expect(roster.item('tybalt@example.org')).toEqual({ jid: 'tybalt@example.org', name: 'Tybalt', groups: [], subscription: 'none', pendingOut: false, approved: false });
    expect(changes.at(-1)?.change).toEqual({ kind: 'updated', item: roster.item('tybalt@example.org') });
  });

  it.each([
    ['another account', 'mallory@evil.example'],
    ['our own server domain', 'example.org'],
    ['one of our own devices (a full JID)', 'alice@example.org/phone'],
    ['a malformed address', 'alice@@example.org'],
  ])('ignores a push from %s and answers with an error', async (_label, from) => {
    const { link, roster, changes, logged } = setup();
    const outcome = await link.receiveIq(push(from));
    expect(outcome.kind).toBe('error');
    if (outcome.kind === 'error') expect(outcome.error.condition).toBe('service-unavailable');
    expect(roster.snapshot().items).toEqual([]);
    expect(changes).toEqual([]);
    expect(logged).toEqual([{ feature: 'roster', reason: 'roster push not from our own account', from }]);
  });

  it('refuses a push with more than one item, or none (RFC 6121 §2.1.6)', async () => {
    const { link, roster } = setup();
    const two = await link.receiveIq(push(null, `<item jid='a@example.org'/><item jid='b@example.org'/>`));
    const none = await link.receiveIq(push(null, ''));
    expect(two.kind === 'error' && two.error.condition).toBe('bad-request');
    expect(none.kind === 'error' && none.error.condition).toBe('bad-request');
    expect(roster.snapshot().items).toEqual([]);
  });

  it('removes an item on subscription="remove" and says so', async () => {
    const { link, roster, changes } = setup();
    await link.receiveIq(push(null));
    await link.receiveIq(push(null, `<item jid='tybalt@example.org' subscription='remove'/>`));
    expect(roster.item('tybalt@example.org')).toBeNull();
    expect(changes.at(-1)?.change).toEqual({ kind: 'removed', jid: 'tybalt@example.org' });
  });

  it('keeps markup in names and groups as text', async () => {
    const { link, roster } = setup();
    await link.receiveIq(push(null, `<item jid='x@example.org' name='&lt;b&gt;bold&lt;/b&gt; &amp; co'><group>&lt;script&gt;</group></item>`));
    expect(roster.item('x@example.org')?.name).toBe('<b>bold</b> & co');
    expect(roster.item('x@example.org')?.groups).toEqual(['<script>']);
  });

  it('stops answering pushes after dispose', async () => {
    const { link, roster } = setup();
    roster.dispose();
    expect(await link.receiveIq(push(null))).toEqual({ kind: 'unhandled' });
  });
});

describe('roster edits', () => {
  it('adds or updates a contact with name and groups, without subscription attributes (RFC 6121 §2.3)', async () => {
    const { link, roster } = setup();
    const adding = roster.set('Nurse@Example.com', { name: 'Nurse <3 & "co"', groups: ['Servants', 'Servants', '', 'Old <friends>'] });
    const request = link.lastRequest();
    expect(request.iq.attrs.type).toBe('set');
    const item = request.iq.getChild('query', ROSTER)?.getChild('item', ROSTER);
    expect(item?.attrs).toEqual({ jid: 'nurse@example.com', name: 'Nurse <3 & "co"' });
    expect(item?.getChildren('group', ROSTER).map((g) => g.getText())).toEqual(['Servants', 'Old <friends>']);
    request.result();
    await adding;
    // The roster itself changes only when the server pushes the new item.
    expect(roster.item('nurse@example.com')).toBeNull();
  });

  it('omits the name when there is none', async () => {
    const { link, roster } = setup();
    const adding = roster.set('nurse@example.com', { name: null, groups: [] });
    expect(link.lastRequest().iq.getChild('query', ROSTER)?.getChild('item', ROSTER)?.attrs).toEqual({ jid: 'nurse@example.com' });
    link.lastRequest().result();
    await adding;
  });

  it('removes a contact with subscription="remove"', async () => {
    const { link, roster } = setup();
    const removing = roster.remove('nurse@example.com');
    expect(link.lastRequest().iq.getChild('query', ROSTER)?.getChild('item', ROSTER)?.attrs).toEqual({ jid: 'nurse@example.com', subscription: 'remove' });
    link.lastRequest().result();
    await removing;
  });

  it('refuses a full JID or garbage as a contact address', async () => {
    const { roster, link } = setup();
    await expect(roster.set('nurse@example.com/phone', { name: null, groups: [] })).rejects.toThrow(/bare JID/);
    await expect(roster.remove('')).rejects.toThrow(/bare JID/);
    expect(link.requests).toEqual([]);
  });
});
