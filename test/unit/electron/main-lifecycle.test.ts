import { beforeEach, describe, expect, it, vi } from 'vitest';

// Importing the real `electron` package in plain Node tries to download its binary: replace it.
const electronMock = vi.hoisted(() => ({
  app: {
    requestSingleInstanceLock: vi.fn(() => false),
    setAsDefaultProtocolClient: vi.fn(),
    quit: vi.fn(),
    on: vi.fn(),
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
vi.mock('electron', () => electronMock);

describe('main process start-up', () => {
  beforeEach(() => {
    vi.resetModules();
    vi.clearAllMocks();
  });

  it('quits at once, registering nothing, when another Hostproof already holds the single-instance lock', async () => {
    electronMock.app.requestSingleInstanceLock.mockReturnValue(false);
    await import('../../../main/electron/main.js');
    expect(electronMock.app.quit).toHaveBeenCalledOnce();
    expect(electronMock.app.whenReady).not.toHaveBeenCalled();
    expect(electronMock.app.setAsDefaultProtocolClient).not.toHaveBeenCalled();
    expect(electronMock.ipcMain.handle).not.toHaveBeenCalled();
  });

  it('holding the lock, waits for ready and listens for a second instance', async () => {
    electronMock.app.requestSingleInstanceLock.mockReturnValue(true);
    await import('../../../main/electron/main.js');
    expect(electronMock.app.quit).not.toHaveBeenCalled();
    expect(electronMock.app.whenReady).toHaveBeenCalledOnce();
    expect(electronMock.app.on.mock.calls.map((c) => c[0])).toEqual(expect.arrayContaining(['second-instance', 'open-url']));
    expect(electronMock.app.setAsDefaultProtocolClient).toHaveBeenCalledWith('xmpp');
  });

  it('gives the app:// scheme its privileges before ready (Electron refuses them later), and serves it only once ready', async () => {
    electronMock.app.requestSingleInstanceLock.mockReturnValue(true);
    await import('../../../main/electron/main.js');
    expect(electronMock.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    ]);
    // whenReady never resolves here: the handler (which needs a ready app) is not installed early.
    expect(electronMock.protocol.handle).not.toHaveBeenCalled();
  });
});
