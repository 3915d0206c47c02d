/**
 * Entry point of the Electron main process: app lifecycle and desktop integration only. Everything it wires
 * together lives in plain-Node modules that the tests run without Electron.
 */
import { app, BrowserWindow, dialog, ipcMain, net, Notification, protocol, safeStorage, shell } from 'electron';
import fs from 'node:fs';
import { promisify } from 'node:util';
import path from 'node:path';
import tls, { rootCertificates } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { eventChannel } from '../../app/ipc/channels.js';
import { createDispatch } from '../ipc/dispatch.js';
import { createDnsResolver, createNameLookup } from '../net/name-lookup.js';
import { runtimeCaStoreReader, trustRoots } from '../net/trust-roots.js';
import type { RoomMessage } from '../../app/domain/rooms.js';
import { createAttention } from '../services/attention.js';
import type { RoomAlert } from '../services/room-alerts.js';
import { createAppServices } from '../services/create-app-services.js';
import { createHandlers } from '../services/create-handlers.js';
import { createNetworkWatch } from '../services/network-watch.js';
import type { EmitEvent } from '../services/event-sink.js';
import { createWindowStateStore, type WindowBounds } from '../store/window-state.js';
import { createPathLocks } from '../store/path-locks.js';
import { openOnlineSession } from '../xmpp/session/open-session.js';
import { parseXmppUri, xmppUriFromArgv, type XmppUri } from '../xmpp/xmpp-uri.js';
import { handleAppProtocol, registerAppScheme } from './app-protocol.js';
import { APP_PAGE_URL } from './app-protocol-paths.js';
import { isSafeExternalUrl } from './external-url.js';
import { createNativeConfirm } from './native-confirm.js';
import { createNativeCaFilePicker } from './native-open-file.js';
import { createNativeFileDialogs } from './native-file-dialogs.js';
import { registerIpc } from './ipc-register.js';
import { safeStorageCipher } from './safe-storage-cipher.js';
import { createMainWindow } from './window.js';
import { nativeImageResizer } from './native-image-resizer.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const preloadPath = path.join(here, '..', 'preload', 'preload.cjs');
// The built renderer; served only as app://hostproof/ (never file://, whose module scripts Chromium blocks).
const rendererDir = path.join(here, '..', 'renderer');

function start(): void {
  if (!app.requestSingleInstanceLock()) {
    // Another Hostproof is running: it gets focus (and any xmpp: link) through 'second-instance'.
    app.quit();
    return;
  }
  app.setAsDefaultProtocolClient('xmpp');
  // Privileges can only be given before 'ready'.
  registerAppScheme(protocol);

  let mainWindow: BrowserWindow | null = null;
  let pendingUri: XmppUri | null = xmppUriFromArgv(process.argv);

  // Events go to our window only; before it exists (or after it closed) they are dropped: the renderer
  // asks for the current state when it loads.
  const send: EmitEvent = (event, payload) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(eventChannel(event), payload);
  };

  const showWindow = () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  };

  const openUri = (uri: XmppUri | null) => {
    if (!uri) return;
    if (!mainWindow || mainWindow.webContents.isLoading()) {
      pendingUri = uri;
      return;
    }
    showWindow();
    send('openChat', { jid: uri.jid });
  };

  const attention = createAttention({
    platform: process.platform,
    now: () => Date.now(),
    isFocused: () => mainWindow?.isFocused() ?? false,
    setTitle: (title) => mainWindow?.setTitle(title),
    setBadge: (count) => void app.setBadgeCount(count),
    notify: ({ title, body, onClick }) => {
      if (!Notification.isSupported()) return;
      const note = new Notification({ title, body, silent: false });
      note.on('click', onClick);
      note.show();
    },
    openChat: (jid) => {
      showWindow();
      send('openChat', { jid });
    },
    // The window has no request to open a room from outside yet: it comes forward where it was.
    showRoom: () => showWindow(),
  });

  // issue 15: an opened xmpp: link with OMEMO fingerprints (Conversations' QR code) verifies the devices it names
  // that match what was seen, each after main's own confirmation. Set once the services exist.
  let verifyFingerprints: (raw: string | undefined) => void = () => undefined;
  // Set once the services exist (they are given `emit`, so they come after it).
  let roomAlertFor: ((message: RoomMessage) => Promise<RoomAlert>) | null = null;
  const emit: EmitEvent = (event, payload) => {
    if (event === 'messageReceived') attention.messageReceived(payload as Parameters<typeof attention.messageReceived>[0]);
    if (event === 'roomMessageReceived' && roomAlertFor !== null) {
      const message = payload as RoomMessage;
      void roomAlertFor(message)
        .then((alert) => attention.roomMessageReceived(message, alert))
        .catch((error: unknown) => console.error('room notification', error));
    }
    send(event, payload);
  };

  app.on('second-instance', (_event, argv) => {
    showWindow();
    openUri(xmppUriFromArgv(argv));
    verifyFingerprints(argv.find((arg) => /^xmpp:/i.test(arg)));
  });
  app.on('open-url', (event, url) => {
    event.preventDefault();
    openUri(parseXmppUri(url));
    verifyFingerprints(url);
  });

  app.on('web-contents-created', (_event, contents) => {
    // Belt and braces: no web contents of ours may ever open a window.
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  void app.whenReady().then(async () => {
    // The callback fs calls, promisified: these are the ones Electron's asar layer is known to wrap, and the
    // renderer is read from inside app.asar in the packaged app.
    handleAppProtocol(protocol, rendererDir, { readFile: promisify(fs.readFile), realpath: promisify(fs.realpath) });
    const dataDir = app.getPath('userData');
    const notice = (text: string) => emit('appNotice', { level: 'warning', text });
    const services = createAppServices({
      dataDir,
      cipher: safeStorageCipher(safeStorage),
      emit,
      // The operating system's roots where Electron's Node can read them (posh.md §3), for XMPP and POSH alike;
      // the authorities the user adds in the trust center come on top at each connection.
      network: { ca: trustRoots({ getCACertificates: runtimeCaStoreReader(tls), bundled: rootCertificates }).certificates, lookup: createNameLookup(), dns: createDnsResolver() },
      openSession: openOnlineSession,
      notice,
      confirm: createNativeConfirm({ dialog, window: () => mainWindow }),
      pickCaFile: createNativeCaFilePicker({ dialog, window: () => mainWindow }),
      networkStatus: createNetworkWatch(() => net.isOnline()),
      resizer: nativeImageResizer,
      files: createNativeFileDialogs({ dialog, window: () => mainWindow }), // issue 14: files
    });
    roomAlertFor = (message) => services.roomAlerts.alertFor(message);
    verifyFingerprints = (raw) => {
      if (raw === undefined || !/omemo-sid-/i.test(raw)) return;
      void services.accounts
        .list()
        .then((views) => services.deviceTrust.verifyFromUri(raw, views.map((view) => view.settings.id)))
        .then((lines) => lines.forEach((text) => emit('appNotice', { level: 'info', text })))
        .catch((error: unknown) => console.error('verifying from a link', error));
    };
    app.on('before-quit', () => void services.shutdown());
    const handlers = createHandlers({
      appInfo: { name: app.getName(), version: app.getVersion(), platform: process.platform, dataPath: dataDir },
      accounts: services.accounts,
      trustCenter: services.trustCenter,
      extraCas: services.extraCas,
      historySearch: services.historySearch,
      historyAround: services.historyAround,
      historyControl: services.historyControl,
      retention: services.retention,
      roomAlerts: services.roomAlerts,
      avatars: services.avatars,
      readMarkerSettings: services.readMarkerSettings, // issue 14: read markers
      openExternal: (url) => shell.openExternal(url),
      isSafeExternalUrl,
      files: services.files, // issue 14: files
      deviceTrust: services.deviceTrust, // issue 15: OMEMO devices
      conversationEncryption: services.conversationEncryption, // issue 15: the per-conversation choice
    });
    const dispatch = createDispatch(handlers, { logError: (message, error) => console.error(message, error) });
    registerIpc(ipcMain, dispatch, APP_PAGE_URL);

    const windowState = createWindowStateStore({
      file: path.join(dataDir, 'window.json'),
      now: () => new Date(),
      report: (problem) => notice(problem.message),
      locks: createPathLocks(),
    });
    const openWindow = async () => {
      const saved = await windowState.load().catch(() => null);
      const win = createMainWindow({
        BrowserWindow,
        preloadPath,
        pageUrl: APP_PAGE_URL,
        platform: process.platform,
        openExternal: (url) => void shell.openExternal(url),
        bounds: saved,
      });
      mainWindow = win;
      if (saved?.maximized) win.maximize();
      win.on('focus', () => attention.focused());
      win.on('close', () => {
        const bounds: WindowBounds = { ...win.getNormalBounds(), maximized: win.isMaximized() };
        void windowState.save(bounds).catch(() => undefined);
      });
      win.on('closed', () => {
        mainWindow = null;
      });
      win.webContents.once('did-finish-load', () => {
        const uri = pendingUri;
        pendingUri = null;
        openUri(uri);
      });
    };

    await openWindow();
    // After the window: main's confirmation is attached to it (without a window it refuses).
    verifyFingerprints(process.argv.find((arg) => /^xmpp:/i.test(arg)));
    void services.accounts.autoConnect();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) void openWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

start();
