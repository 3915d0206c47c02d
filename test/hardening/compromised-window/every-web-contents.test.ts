/**
 * Belt and braces (main.ts): every web contents the app ever gets, not only the main window's (a devtools
 * view, a webview that slipped through, a window created later), denies window.open. main.ts runs here with
 * `electron` replaced by recording stand-ins; its 'web-contents-created' listener is given a fresh contents.
 */
import { describe, expect, it, vi } from 'vitest';
import { FakeWebContents } from '../../unit/electron/fake-electron.js';
import { expectBehaviour } from '../behaviour-table.js';

// Importing the real `electron` package in plain Node tries to download its binary: replace it.
const electron = vi.hoisted(() => ({
  app: {
    requestSingleInstanceLock: vi.fn(() => true),
    setAsDefaultProtocolClient: vi.fn(),
    quit: vi.fn(),
    on: vi.fn(),
    // Never ready: only what main.ts installs before 'ready' is under test.
    whenReady: vi.fn(() => new Promise(() => undefined)),
  },
  BrowserWindow: vi.fn(),
  ipcMain: { handle: vi.fn() },
  Notification: vi.fn(),
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
  net: { isOnline: vi.fn(() => true) },
  safeStorage: {},
  shell: { openExternal: vi.fn() },
}));
vi.mock('electron', () => electron);

describe('a compromised window: window.open from any web contents of the app', () => {
  it.for(['https://evil.example/', 'file:///etc/passwd', 'javascript:alert(1)', 'about:blank'])(
    'window.open(%s) in a web contents created later: denied, nothing opened',
    async (url, context) => {
      await import('../../../main/electron/main.js');
      const created = electron.app.on.mock.calls.filter(([event]) => event === 'web-contents-created').map(([, listener]) => listener as (...a: unknown[]) => void);
      expect(created).toHaveLength(1);
      const contents = new FakeWebContents();
      created[0]!({}, contents);
      const answer = contents.windowOpenHandler?.({ url });
      expectBehaviour(context, {
        expected: 'action deny, shell.openExternal called 0 times',
        got: `action ${answer?.action ?? 'none (no handler installed)'}, shell.openExternal called ${electron.shell.openExternal.mock.calls.length} times`,
      });
    },
  );
});
