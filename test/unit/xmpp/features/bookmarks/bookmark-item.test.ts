import { describe, expect, it } from 'vitest';
import { MAX_BOOKMARK_NAME_CHARS } from '../../../../../app/domain/rooms.js';
import { autojoinSpecs } from '../../../../../main/xmpp/features/bookmarks/autojoin.js';
import { bookmarkItem, parseBookmarkItem } from '../../../../../main/xmpp/features/bookmarks/bookmark-item.js';
import { publishRequest, retractRequest } from '../../../../../main/xmpp/features/bookmarks/bookmark-stanzas.js';
import { parseStanza } from '../fake-link.js';

const NS = 'urn:xmpp:bookmarks:1';
const item = (inner: string, id = 'lobby@rooms.example.org') => parseStanza(`<item id='${id}'>${inner}</item>`);

describe('a bookmark item', () => {
  it('reads the room, name, autojoin, nickname and password', () => {
    const parsed = parseBookmarkItem(item(`<conference xmlns='${NS}' name=' The Lobby ' autojoin='1'><nick>Ali</nick><password>shh</password><extensions/></conference>`, 'Lobby@Rooms.Example.org'));
    expect(parsed).toEqual({ room: 'lobby@rooms.example.org', name: 'The Lobby', autojoin: true, nick: 'Ali', password: 'shh' });
  });

  it('treats a missing or odd autojoin as false and missing texts as null', () => {
    expect(parseBookmarkItem(item(`<conference xmlns='${NS}' autojoin='yes'/>`))).toEqual({ room: 'lobby@rooms.example.org', name: null, autojoin: false, nick: null, password: null });
  });

  it('drops items that are not a room address or not a conference in the bookmarks namespace', () => {
    expect(parseBookmarkItem(item(`<conference xmlns='${NS}'/>`, 'rooms.example.org'))).toBeNull();
    expect(parseBookmarkItem(item(`<conference xmlns='${NS}'/>`, 'lobby@rooms.example.org/Ali'))).toBeNull();
    expect(parseBookmarkItem(item(`<conference xmlns='storage:bookmarks'/>`))).toBeNull();
    expect(parseBookmarkItem(item(`<conference xmlns='${NS}'/><conference xmlns='${NS}'/>`))).toBeNull();
  });

  it('ignores names that are too long or carry control characters, and nicknames that are not nicknames', () => {
    const long = 'x'.repeat(MAX_BOOKMARK_NAME_CHARS + 1);
    expect(parseBookmarkItem(item(`<conference xmlns='${NS}' name='${long}'><nick>   </nick></conference>`))).toMatchObject({ name: null, nick: null });
    expect(parseBookmarkItem(item(`<conference xmlns='${NS}' name='a&#x9;b'/>`))).toMatchObject({ name: null });
  });

  it('round-trips through the item we publish', () => {
    const bookmark = { room: 'lobby@rooms.example.org', name: '<b>Lobby</b>', autojoin: true, nick: 'Ali', password: null };
    expect(parseBookmarkItem(parseStanza(bookmarkItem(bookmark).toString()))).toEqual(bookmark);
  });
});

describe('the bookmark requests', () => {
  it('publish with the options XEP-0402 asks for (kept, as many as needed, only for the account)', () => {
    const iq = publishRequest(bookmarkItem({ room: 'a@rooms.example.org', name: null, autojoin: false, nick: null, password: null }));
    expect(iq.attrs.to).toBeUndefined();
    const fields = Object.fromEntries(
      iq.getChild('pubsub')!.getChild('publish-options')!.getChild('x')!.getChildren('field').map((f) => [f.attrs.var as string, f.getChildText('value')]),
    );
    expect(fields).toEqual({
      FORM_TYPE: 'http://jabber.org/protocol/pubsub#publish-options',
      'pubsub#persist_items': 'true',
      'pubsub#max_items': 'max',
      'pubsub#send_last_published_item': 'never',
      'pubsub#access_model': 'whitelist',
    });
  });

  it('retract with notify, so the other clients hear of it', () => {
    const retract = retractRequest('a@rooms.example.org').getChild('pubsub')!.getChild('retract')!;
    expect(retract.attrs).toMatchObject({ node: NS, notify: 'true' });
    expect(retract.getChild('item')!.attrs.id).toBe('a@rooms.example.org');
  });
});

describe('autojoin', () => {
  it('joins only autojoin bookmarks, with their nickname or the fallback', () => {
    const specs = autojoinSpecs(
      [
        { room: 'a@r.example', name: null, autojoin: true, nick: 'Ali', password: 'p' },
        { room: 'b@r.example', name: null, autojoin: false, nick: null, password: null },
        { room: 'c@r.example', name: null, autojoin: true, nick: null, password: null },
      ],
      'alice',
    );
    expect(specs).toEqual([
      { room: 'a@r.example', nick: 'Ali', password: 'p' },
      { room: 'c@r.example', nick: 'alice', password: null },
    ]);
  });
});
