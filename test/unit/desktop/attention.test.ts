import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../app/domain/chat.js';
import { createAttention, NOTIFICATION_SPACING_MS } from '../../../main/services/attention.js';

const message = (over: Partial<ChatMessage> = {}): ChatMessage => ({
  id: 'm1', accountId: 'a', peer: 'bob@example.com', direction: 'in', body: 'Hello\nsecond line', at: '2026-11-28T10:00:00Z',
  state: 'received', stanzaId: null, originId: null, archiveId: null, carbon: false, error: null, ...over,
});

function setup(focused: boolean, platform = 'linux', clock = { now: 0 }) {
  const seen = { titles: [] as string[], badges: [] as number[], notes: [] as Array<{ title: string; body: string; onClick: () => void }>, opened: [] as string[] };
  let isFocused = focused;
  const attention = createAttention({
    platform,
    isFocused: () => isFocused,
    setTitle: (t) => seen.titles.push(t),
    setBadge: (n) => seen.badges.push(n),
    notify: (n) => seen.notes.push(n),
    openChat: (jid) => seen.opened.push(jid),
    showRoom: (_accountId, room) => seen.opened.push(room),
    // Each message a minute after the last unless a test moves the clock itself.
    now: () => (clock.now += 60_000),
  });
  return { attention, seen, focus: (f: boolean) => (isFocused = f) };
}

describe('desktop attention', () => {
  it('notifies and counts unread messages while the window is in the background, and clears on focus', () => {
    const { attention, seen, focus } = setup(false);
    attention.messageReceived(message());
    attention.messageReceived(message({ id: 'm2', body: 'x'.repeat(500) }));
    expect(seen.titles.at(-1)).toBe('Hostproof (2)');
    expect(seen.badges.at(-1)).toBe(2);
    expect(seen.notes[0]).toMatchObject({ title: 'bob@example.com', body: 'Hello' });
    expect(seen.notes[1]!.body.length).toBeLessThanOrEqual(121);
    seen.notes[0]!.onClick();
    expect(seen.opened).toEqual(['bob@example.com']);
    focus(true);
    attention.focused();
    expect(seen.titles.at(-1)).toBe('Hostproof');
    expect(seen.badges.at(-1)).toBe(0);
  });

  it('an encrypted message that could not be decrypted is announced in words, not as an empty line (issue 15)', () => {
    const { attention, seen } = setup(false);
    attention.messageReceived(message({ body: '', encryption: { kind: 'undecryptable', reason: 'not-for-this-device', device: 7 } }));
    expect(seen.notes[0]).toMatchObject({ title: 'bob@example.com', body: 'Encrypted message could not be decrypted' });
  });

  it('a shared file is announced by its name, never its link (an encrypted file\'s link holds its key; issue 15)', () => {
    const { attention, seen } = setup(false);
    const link = `aesgcm://upload.example.com/s/plans.pdf#${'a1'.repeat(12)}${'0f'.repeat(32)}`;
    attention.messageReceived(message({ body: link, oobUrl: link, encryption: { kind: 'omemo', device: 7 } }));
    expect(seen.notes[0]).toMatchObject({ title: 'bob@example.com', body: 'Shared a file: plans.pdf' });
  });

  it('a burst (the archive catch-up after an offline spell) gives one notification; the next says how many came with it', () => {
    const clock = { now: 0 };
    const { attention, seen } = setup(false, 'linux', clock);
    // The setup's clock moves a minute per call; a burst comes within a second.
    const burst = (count: number) => {
      for (let i = 0; i < count; i += 1) {
        clock.now -= 60_000 - 100;
        attention.messageReceived(message({ id: `b${clock.now}`, body: `line ${i}` }));
      }
    };
    burst(40);
    expect(seen.notes.map((n) => n.body)).toEqual(['line 0']);
    expect(seen.titles.at(-1)).toBe('Hostproof (40)');
    clock.now += NOTIFICATION_SPACING_MS;
    attention.messageReceived(message({ id: 'later', body: 'after the burst' }));
    expect(seen.notes.map((n) => n.body)).toEqual(['line 0', 'after the burst\n(and 39 more new messages)']);
  });

  it('stays quiet while focused and for our own outgoing messages', () => {
    const focused = setup(true);
    focused.attention.messageReceived(message());
    expect(focused.seen.notes).toEqual([]);
    const away = setup(false);
    away.attention.messageReceived(message({ direction: 'out', state: 'sent' }));
    expect(away.seen.notes).toEqual([]);
    expect(away.seen.badges).toEqual([]);
  });

  it('a hostile message reaches the Linux notification server as escaped text, and the chat opens for the real sender', () => {
    const { attention, seen } = setup(false, 'linux');
    attention.messageReceived(message({ body: '<a href="https://evil.example/">Bank</a> <img src="https://evil.example/x.png"/>\nmore' }));
    expect(seen.notes[0]).toMatchObject({
      title: 'bob@example.com',
      body: '&lt;a href=&quot;https://evil.example/&quot;&gt;Bank&lt;/a&gt; &lt;img src=&quot;https://evil.example/x.png&quot;/&gt;',
    });
    seen.notes[0]!.onClick();
    expect(seen.opened).toEqual(['bob@example.com']);
  });

  it('on macOS and Windows markup is shown as typed (nothing renders it); hidden characters are still taken out', () => {
    for (const platform of ['darwin', 'win32']) {
      const { attention, seen } = setup(false, platform);
      attention.messageReceived(message({ body: '<b>hi</b> & \u202Egnp.exe' }));
      expect(seen.notes[0]!.body).toBe('<b>hi</b> & gnp.exe');
    }
  });

  it('a long hostile first line is cut before escaping, so no entity is split', () => {
    const { attention, seen } = setup(false, 'linux');
    attention.messageReceived(message({ body: `${'x'.repeat(119)}<<<<` }));
    expect(seen.notes[0]!.body).toBe(`${'x'.repeat(119)}&lt;…`);
  });
});
