/**
 * A compromised window asks the OS to open a URL (issue 9, "openExternal with file:/javascript:/data: URLs").
 * A URL handed to the OS can start any registered handler, so only http(s) without credentials and xmpp:
 * pass. Every way the page has to reach the system browser is tried with each URL: the openExternal request
 * (sent by our own page, through the sender check, the real dispatcher and the real handler), a navigation
 * and window.open. A refused URL reaches shell.openExternal by none of them.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { requestChannel } from '../../../app/ipc/channels.js';
import { APP_PAGE_URL } from '../../../main/electron/app-protocol-paths.js';
import { isSafeExternalUrl } from '../../../main/electron/external-url.js';
import { registerIpc } from '../../../main/electron/ipc-register.js';
import { createDispatch } from '../../../main/ipc/dispatch.js';
import { createHandlers } from '../../../main/services/create-handlers.js';
import { expectBehaviour } from '../behaviour-table.js';
import { openHardenedWindow } from './hardened-window.js';

type Handler = (event: IpcMainInvokeEvent, payload: unknown) => Promise<unknown>;

/** The openExternal request as the window sends it: registerIpc, dispatcher and the real handler; shell recorded. */
function openExternalRequest() {
  const shellCalls: string[] = [];
  const handlers = createHandlers({
    appInfo: { name: 'Hostproof', version: '0.0.0-test', platform: 'linux', dataPath: '/nowhere' },
    // openExternal needs neither; any use of them would throw and fail the test.
    accounts: {} as never,
    trustCenter: {} as never,
    extraCas: {} as never,
    historySearch: {} as never,
    historyAround: {} as never,
    historyControl: {} as never,
    retention: {} as never,
    roomAlerts: {} as never,
    avatars: {} as never,
    readMarkerSettings: {} as never,
    files: {} as never,
    deviceTrust: {} as never,
    conversationEncryption: {} as never,
    openExternal: async (url) => void shellCalls.push(url),
    isSafeExternalUrl,
  });
  const channels = new Map<string, Handler>();
  const ipcMain = { handle: (channel: string, h: Handler) => channels.set(channel, h), removeHandler: () => undefined } as unknown as IpcMain;
  registerIpc(ipcMain, createDispatch(handlers, { logError: () => undefined }), APP_PAGE_URL);
  const send = async (url: string) =>
    (await channels.get(requestChannel('openExternal'))!({ senderFrame: { url: APP_PAGE_URL, parent: null } } as IpcMainInvokeEvent, { url })) as {
      ok: boolean;
      error?: { code: string };
    };
  return { send, shellCalls };
}

describe('a compromised window: openExternal with a dangerous URL', () => {
  it.for([
    ['file:', 'file:///etc/passwd'],
    ['file: to a program', 'file:///C:/Windows/System32/calc.exe'],
    ['javascript:', 'javascript:alert(1)'],
    ['JavaScript: in mixed case', 'JaVaScRiPt:alert(1)'],
    ['javascript: behind a tab and spaces', '  java\tscript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['vbscript:', 'vbscript:msgbox(1)'],
    ['http with credentials', 'http://user:pass@example.com/'],
    ['https with a user name (phishing)', 'https://bank.example@evil.example/'],
    ['smb:', 'smb://server/share'],
    ['ms-msdt: (Follina)', 'ms-msdt:/id PCWDiagnostic'],
    ['a custom scheme', 'steam://run/1'],
    ['not a URL', 'not a url'],
  ] as const)('%s: refused by request, navigation and window.open; shell never called', async ([, url], context) => {
    const request = openExternalRequest();
    const answer = await request.send(url);
    const w = openHardenedWindow();
    w.navigate(url);
    w.openWindow(url);
    expect(isSafeExternalUrl(url)).toBe(false);
    expectBehaviour(context, {
      expected: 'request refused: failed, shell.openExternal called 0 times',
      got: `request ${answer.ok ? 'answered' : `refused: ${answer.error?.code}`}, shell.openExternal called ${request.shellCalls.length + w.openedExternally.length} times`,
    });
  });

  it.for([
    ['https', 'https://example.com/path?q=1'],
    ['http', 'http://example.com/'],
    ['HTTPS in capitals', 'HTTPS://EXAMPLE.COM/'],
    ['xmpp:', 'xmpp:romeo@montague.example?message'],
  ] as const)('a safe %s link still reaches the system browser by each way', async ([, url], context) => {
    const request = openExternalRequest();
    const answer = await request.send(url);
    const w = openHardenedWindow();
    w.navigate(url);
    w.openWindow(url);
    expectBehaviour(context, {
      expected: 'request answered, shell.openExternal called 3 times',
      got: `request ${answer.ok ? 'answered' : `refused: ${answer.error?.code}`}, shell.openExternal called ${request.shellCalls.length + w.openedExternally.length} times`,
    });
  });

  it('an empty URL: refused by the schema before the handler', async (context) => {
    const request = openExternalRequest();
    const answer = await request.send('');
    expectBehaviour(context, {
      expected: 'request refused: invalid-request, shell.openExternal called 0 times',
      got: `request ${answer.ok ? 'answered' : `refused: ${answer.error?.code}`}, shell.openExternal called ${request.shellCalls.length} times`,
    });
  });
});
