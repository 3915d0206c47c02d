/**
 * issue 14: files. Main's own dialogs for sending and saving shared files: the window asks, main shows the
 * dialog, so the window never names a path to read or to write. Without a window nothing is chosen.
 */
import type { BrowserWindow, Dialog } from 'electron';
import type { ChooseSavePath, PickFileToSend } from '../services/file-sharing.js';

export interface NativeFileDialogDeps {
  readonly dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>;
  readonly window: () => BrowserWindow | null;
}

export function createNativeFileDialogs(deps: NativeFileDialogDeps): { pickFile: PickFileToSend; chooseSavePath: ChooseSavePath } {
  const shown = (): BrowserWindow | null => {
    const win = deps.window();
    return win === null || win.isDestroyed() ? null : win;
  };
  return {
    pickFile: async () => {
      const win = shown();
      if (win === null) return null;
      const { canceled, filePaths } = await deps.dialog.showOpenDialog(win, { title: 'Send a file', buttonLabel: 'Send', properties: ['openFile'] });
      return canceled ? null : (filePaths[0] ?? null);
    },
    chooseSavePath: async (name) => {
      const win = shown();
      if (win === null) return null;
      const { canceled, filePath } = await deps.dialog.showSaveDialog(win, { title: 'Save the file', defaultPath: name, buttonLabel: 'Save' });
      return canceled || filePath === undefined || filePath === '' ? null : filePath;
    },
  };
}
