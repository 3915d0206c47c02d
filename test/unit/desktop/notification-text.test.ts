import { describe, expect, it } from 'vitest';
import { notificationText } from '../../../main/services/notification-text.js';

const body = (platform: string, text: string): string => notificationText(platform, { title: 'bob@example.com', body: text }).body;

describe('notification text on Linux (the server parses markup)', () => {
  it.each([
    ['<b>bold</b>', '&lt;b&gt;bold&lt;/b&gt;'],
    ['<a href="https://evil.example/">click</a>', '&lt;a href=&quot;https://evil.example/&quot;&gt;click&lt;/a&gt;'],
    ["<img src='file:///etc/passwd'/>", '&lt;img src=&#39;file:///etc/passwd&#39;/&gt;'],
    // An entity typed by the sender stays text: it must not turn into the character it names.
    ['&lt;b&gt; and &amp;', '&amp;lt;b&amp;gt; and &amp;amp;'],
    ['Tom & Jerry', 'Tom &amp; Jerry'],
    ['<![CDATA[<b>x</b>]]>', '&lt;![CDATA[&lt;b&gt;x&lt;/b&gt;]]&gt;'],
  ])('%s is escaped', (input, expected) => {
    expect(body('linux', input)).toBe(expected);
  });

  it('escapes the title as well', () => {
    expect(notificationText('linux', { title: '<i>"Bob"</i>', body: '' }).title).toBe('&lt;i&gt;&quot;Bob&quot;&lt;/i&gt;');
  });
});

describe('notification text elsewhere (no markup is rendered)', () => {
  it.each(['darwin', 'win32'])('%s shows markup as typed', (platform) => {
    expect(body(platform, '<b>bold</b> & "quotes"')).toBe('<b>bold</b> & "quotes"');
    expect(notificationText(platform, { title: '<i>t</i>', body: '' }).title).toBe('<i>t</i>');
  });
});

describe('hidden characters, on every platform', () => {
  it.each(['linux', 'darwin', 'win32'])('%s: control characters go, tabs and breaks become spaces', (platform) => {
    expect(body(platform, 'a\u0000b\u0007c\u001bd\u007fe\u0085f\u009bg')).toBe('abcdefg');
    expect(body(platform, 'one\ttwo\rthree\u000bfour')).toBe('one two three four');
  });

  it.each(['linux', 'darwin', 'win32'])('%s: bidi overrides, embeddings and isolates cannot reorder the text', (platform) => {
    // "\u202Egnp.exe" displays as "exe.png"; "\u2067...\u2069" isolates likewise.
    expect(body(platform, 'invoice\u202Egnp.exe')).toBe('invoicegnp.exe');
    expect(body(platform, '\u202A\u202B\u202C\u202D\u2066x\u2067y\u2068z\u2069')).toBe('xyz');
    expect(notificationText(platform, { title: 'bob@\u202Eelpmaxe.com', body: '' }).title).toBe('bob@elpmaxe.com');
  });

  it('right-to-left text itself is kept', () => {
    expect(body('linux', 'שלום عليكم')).toBe('שלום عليكم');
  });
});
