/**
 * A compromised page tries to leave: navigate its top frame, navigate or create frames, follow a redirect,
 * attach a webview, open windows (issue 9, "navigation, window opening"). The real window glue on the
 * recording Electron fakes: every such attempt is prevented; a web link is handed to the system browser (the
 * page never goes there itself); nothing else leaves the app.
 */
import { describe, expect, it } from 'vitest';
import { preventableEvent } from '../../unit/electron/fake-electron.js';
import { expectBehaviour } from '../behaviour-table.js';
import { openHardenedWindow } from './hardened-window.js';

const prevented = (yes: boolean) => (yes ? 'prevented' : 'allowed');
const opened = (urls: readonly string[]) => (urls.length === 0 ? 'not opened' : `opened externally: ${urls.join(' ')}`);

/** Where a compromised page might try to go, and whether the system browser may get the link. */
const DESTINATIONS = [
  ['a web page (https)', 'https://evil.example/', true],
  ['a web page (http://evil)', 'http://evil/', true],
  ['a web page with credentials', 'https://bank.example@evil.example/', false],
  ['a local file', 'file:///etc/passwd', false],
  ['a javascript: URL', 'javascript:alert(document.domain)', false],
  ['a data: page', 'data:text/html,<script>alert(1)</script>', false],
  ['another host on our scheme', 'app://other/index.html', false],
  ['another page of our origin', 'app://hostproof/other.html', false],
  ['a Windows share', 'smb://attacker.example/share', false],
] as const;

describe('a compromised window: navigation', () => {
  it.for(DESTINATIONS)('the top frame navigating to %s: prevented', ([, url, external], context) => {
    const w = openHardenedWindow();
    const wasPrevented = w.navigate(url);
    expectBehaviour(context, {
      expected: `prevented, ${external ? `opened externally: ${url}` : 'not opened'}`,
      got: `${prevented(wasPrevented)}, ${opened(w.openedExternally)}`,
    });
  });

  it('the top frame navigating to our own page again: prevented too (the page never navigates)', (context) => {
    const w = openHardenedWindow();
    expectBehaviour(context, { expected: 'prevented, not opened', got: `${prevented(w.navigate('app://hostproof/index.html'))}, ${opened(w.openedExternally)}` });
  });

  it.for(DESTINATIONS)('any frame (will-frame-navigate) to %s: prevented in the top frame and in sub-frames', ([, url], context) => {
    const w = openHardenedWindow();
    const top = w.navigateFrame(url, true);
    const sub = w.navigateFrame(url, false);
    expectBehaviour(context, {
      expected: 'top frame prevented, sub-frame prevented, not opened',
      got: `top frame ${prevented(top)}, sub-frame ${prevented(sub)}, ${opened(w.openedExternally)}`,
    });
  });

  it('a frame navigating to our page: allowed only in the top frame (hash ignored), never in a sub-frame', (context) => {
    const w = openHardenedWindow();
    const top = w.navigateFrame('app://hostproof/index.html', true);
    const topHash = w.navigateFrame('app://hostproof/index.html#chat', true);
    const sub = w.navigateFrame('app://hostproof/index.html', false);
    expectBehaviour(context, {
      expected: 'top frame allowed, with a hash allowed, sub-frame prevented',
      got: `top frame ${prevented(top)}, with a hash ${prevented(topHash)}, sub-frame ${prevented(sub)}`,
    });
  });

  it('a server redirect and a webview: both prevented', (context) => {
    const w = openHardenedWindow();
    const redirect = preventableEvent();
    w.win.webContents.emit('will-redirect', redirect, 'https://elsewhere.example/');
    const webview = preventableEvent();
    w.win.webContents.emit('will-attach-webview', webview, {}, { src: 'https://evil.example/' });
    expectBehaviour(context, {
      expected: 'redirect prevented, webview prevented, not opened',
      got: `redirect ${prevented(redirect.defaultPrevented)}, webview ${prevented(webview.defaultPrevented)}, ${opened(w.openedExternally)}`,
    });
  });
});

describe('a compromised window: window.open', () => {
  it.for([...DESTINATIONS, ['an xmpp: link', 'xmpp:alice@example.com', true] as const, ['about:blank', 'about:blank', false] as const])(
    'window.open(%s): no window; only a safe link goes to the system browser',
    ([, url, external], context) => {
      const w = openHardenedWindow();
      const answer = w.openWindow(url);
      expect(answer).toEqual({ action: 'deny' });
      expectBehaviour(context, {
        expected: `action deny, ${external ? `opened externally: ${url}` : 'not opened'}`,
        got: `action ${answer.action}, ${opened(w.openedExternally)}`,
      });
    },
  );
});
