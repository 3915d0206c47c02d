/**
 * The main process's own open-file dialog for "add a certificate authority": attached to the window, one file,
 * shown by main so that the window never names the file whose certificates become trusted (it only asks).
 * Without a window nothing is chosen: nobody could have seen the dialog.
 */
import type { BrowserWindow, Dialog, OpenDialogOptions } from 'electron';
import type { PickCaFile } from '../services/extra-ca-service.js';

export interface NativeOpenFileDeps {
  readonly dialog: Pick<Dialog, 'showOpenDialog'>;
  readonly window: () => BrowserWindow | null;
}

export const CA_FILE_DIALOG: OpenDialogOptions = {
  title: 'Add a certificate authority',
  buttonLabel: 'Choose',
  properties: ['openFile'],
  filters: [
    { name: 'Certificates (PEM, DER)', extensions: ['pem', 'crt', 'cer', 'der'] },
    { name: 'All files', extensions: ['*'] },
  ],
};

export function createNativeCaFilePicker(deps: NativeOpenFileDeps): PickCaFile {
  return async () => {
    const win = deps.window();
    if (win === null || win.isDestroyed()) return null;
    const { canceled, filePaths } = await deps.dialog.showOpenDialog(win, CA_FILE_DIALOG);
    return canceled ? null : (filePaths[0] ?? null);
  };
}
