// issue 14: files. XEP-0066 links in messages and the XMPP half of XEP-0363 (service, limit, slot).
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../../app/domain/chat.js';
import { fileNameOf } from '../../../../app/domain/files.js';
import { createDedupe } from '../../../../main/xmpp/features/dedupe.js';
import { archivedMessage } from '../../../../main/xmpp/features/archive-result.js';
import { readSlot, uploadServiceOf } from '../../../../main/xmpp/features/http-upload.js';
import { createMessages } from '../../../../main/xmpp/features/messages.js';
import { chatStanza } from '../../../../main/xmpp/features/outgoing-message.js';
import { counterIds, FakeLink, fixedClock, parseStanza } from './fake-link.js';

const LINK = 'https://upload.example.org/share/abc/cat.png';

function receiving() {
  const link = new FakeLink('alice@example.org/desk');
  const messages = createMessages({ link, accountId: 'acc', now: fixedClock().now, ids: counterIds('local'), log: () => undefined, dedupe: createDedupe(), mayAcknowledge: () => false });
  const received: ChatMessage[] = [];
  messages.on('message', (m) => received.push(m));
  const say = (inner: string, id: string) => link.receive(`<message from='bob@example.org/phone' to='alice@example.org/desk' type='chat' id='${id}'>${inner}</message>`);
  return { received, say };
}

describe('XEP-0066 links in messages', () => {
  it('a link equal to the body, or with no body, is a shared file; the body stays the link', () => {
    const { received, say } = receiving();
    say(`<body>${LINK}</body><x xmlns='jabber:x:oob'><url>${LINK}</url></x>`, 'a');
    say(`<x xmlns='jabber:x:oob'><url>${LINK}</url></x>`, 'b');
    expect(received.map((m) => [m.body, m.oobUrl])).toEqual([
      [LINK, LINK],
      [LINK, LINK],
    ]);
  });

  it('a link that is not https, a body that says something else, two links, or a bare body link are text only', () => {
    const { received, say } = receiving();
    say(`<body>http://upload.example.org/a.png</body><x xmlns='jabber:x:oob'><url>http://upload.example.org/a.png</url></x>`, 'c');
    say(`<body>look at this</body><x xmlns='jabber:x:oob'><url>${LINK}</url></x>`, 'd');
    say(`<body>${LINK}</body><x xmlns='jabber:x:oob'><url>${LINK}</url></x><x xmlns='jabber:x:oob'><url>${LINK}</url></x>`, 'e');
    say(`<body>${LINK}?</body>`, 'f');
    say(`<x xmlns='jabber:x:oob'><url>javascript:alert(1)</url></x>`, 'g');
    expect(received.map((m) => m.oobUrl ?? null)).toEqual([null, null, null, null]);
  });

  it('our message with a link carries it in the body and as XEP-0066 data', () => {
    const stanza = chatStanza({ id: 'x', accountId: 'acc', peer: 'bob@example.org', direction: 'out', body: LINK, at: '', state: 'queued', stanzaId: 'x', originId: 'x', archiveId: null, carbon: false, error: null, oobUrl: LINK });
    expect(stanza.getChildText('body')).toBe(LINK);
    expect(stanza.getChild('x', 'jabber:x:oob')?.getChildText('url')).toBe(LINK);
  });

  it('the name shown and suggested for saving is the last part of the path, never a path', () => {
    expect(fileNameOf(LINK)).toBe('cat.png');
    expect(fileNameOf('https://h.example/a/..%2F..%2Fetc%2Fpasswd?x=1')).toBe('.._.._etc_passwd');
    expect(fileNameOf('https://h.example/')).toBe('file');
    expect(fileNameOf('https://h.example/%2e%2e')).toBe('file');
  });
});

describe('XEP-0363 service and slot', () => {
  const info = (inner: string) =>
    parseStanza(`<iq type='result' from='upload.example.org'><query xmlns='http://jabber.org/protocol/disco#info'>${inner}</query></iq>`);
  const form = (max: string) =>
    `<x xmlns='jabber:x:data' type='result'><field var='FORM_TYPE' type='hidden'><value>urn:xmpp:http:upload:0</value></field><field var='max-file-size'><value>${max}</value></field></x>`;

  it('reads the service and its max-file-size; no feature is no service; a junk limit is no limit', () => {
    const feature = `<feature var='urn:xmpp:http:upload:0'/>`;
    expect(uploadServiceOf('upload.example.org', info(feature + form('5242880')))).toEqual({ jid: 'upload.example.org', maxFileSize: 5242880 });
    expect(uploadServiceOf('upload.example.org', info(form('5242880')))).toBeNull();
    expect(uploadServiceOf('upload.example.org', info(feature + form('-1')))).toEqual({ jid: 'upload.example.org', maxFileSize: null });
  });

  it('reads a slot, keeping only the headers XEP-0363 allows, without newlines', () => {
    const slot = readSlot(
      parseStanza(`<iq type='result'><slot xmlns='urn:xmpp:http:upload:0'><put url='https://u.example/p'>
        <header name='Authorization'>Basic abc\r\nX-Evil: 1</header><header name='Host'>evil.example</header><header name='cookie'>c=1</header>
      </put><get url='https://u.example/g'/></slot></iq>`),
    );
    expect(slot).toEqual({ putUrl: 'https://u.example/p', getUrl: 'https://u.example/g', headers: { Authorization: 'Basic abcX-Evil: 1', Cookie: 'c=1' } });
    expect(() => readSlot(parseStanza(`<iq type='result'><slot xmlns='urn:xmpp:http:upload:0'><get url='https://u.example/g'/></slot></iq>`))).toThrow(/usable/);
  });
});

describe('shared files from the archive', () => {
  it('an archived message with a link keeps it, as a live one does', () => {
    const chat = { archiveId: 'a1', peer: 'bob@example.org', direction: 'in' as const, body: LINK, at: '2024-05-01T12:00:00.000Z', stanzaId: null, originId: null, change: null, replyTo: null, oobUrl: LINK };
    expect(archivedMessage(chat, 'acc', 'l1').oobUrl).toBe(LINK);
    expect(archivedMessage({ ...chat, oobUrl: undefined }, 'acc', 'l2')).not.toHaveProperty('oobUrl');
  });
});
