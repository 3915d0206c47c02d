/**
 * The real main window (createMainWindow) built on the recording Electron fakes: what a compromised page can
 * trigger in it (navigation, window.open, permission and device requests) is emitted on the fakes, and the
 * handlers the glue installed answer. Every hand-off to the system browser is recorded.
 */
import type { BrowserWindow } from 'electron';
import { APP_PAGE_URL } from '../../../main/electron/app-protocol-paths.js';
import { createMainWindow } from '../../../main/electron/window.js';
import { FakeBrowserWindow, preventableEvent } from '../../unit/electron/fake-electron.js';

export function openHardenedWindow(platform: NodeJS.Platform = 'linux') {
  const openedExternally: string[] = [];
  createMainWindow({
    BrowserWindow: FakeBrowserWindow as unknown as typeof BrowserWindow,
    preloadPath: '/app/dist/preload/preload.cjs',
    pageUrl: APP_PAGE_URL,
    platform,
    openExternal: (url) => void openedExternally.push(url),
  });
  const win = FakeBrowserWindow.instances.at(-1)!;
  FakeBrowserWindow.instances = [];
  const contents = win.webContents;
  return {
    win,
    session: contents.session,
    openedExternally,
    /** The page navigates its top frame (a link, location.href = ...): true when the glue prevented it. */
    navigate(url: string): boolean {
      const event = preventableEvent();
      contents.emit('will-navigate', event, url);
      return event.defaultPrevented;
    },
    /** Any frame navigates (Electron's will-frame-navigate): true when prevented. */
    navigateFrame(url: string, isMainFrame: boolean): boolean {
      const event = Object.assign(preventableEvent(), { url, isMainFrame });
      contents.emit('will-frame-navigate', event);
      return event.defaultPrevented;
    },
    /** window.open(url) or a target=_blank link: what the installed handler answers. */
    openWindow(url: string): { action: string } {
      return contents.windowOpenHandler!({ url });
    },
  };
}
