/**
 * The main process's own confirmation of a trust change: a native message box attached to the window, with
 * the words from main/trust/trust-change-text.ts. The window's dialogs explain and ask; only a click here
 * carries a change out, so a compromised window cannot pin, replace, accept once, remove a pin or move an
 * account to another server on its own. Cancel is the default and the answer to Escape.
 */
import type { BrowserWindow, Dialog, MessageBoxOptions } from 'electron';
import type { ConfirmTrustChange } from '../../app/domain/trust-change.js';
import { confirmationText } from '../trust/trust-change-text.js';

export interface NativeConfirmDeps {
  readonly dialog: Pick<Dialog, 'showMessageBox'>;
  /** The window the box is attached to; without one the change is refused (nobody could have seen it). */
  readonly window: () => BrowserWindow | null;
}

const CANCEL = 0;
const CONFIRM = 1;

export function createNativeConfirm(deps: NativeConfirmDeps): ConfirmTrustChange {
  return async (change) => {
    const win = deps.window();
    if (win === null || win.isDestroyed()) return false;
    const text = confirmationText(change);
    const options: MessageBoxOptions = {
      type: 'warning',
      title: text.title,
      message: text.message,
      detail: text.detail,
      buttons: ['Cancel', text.confirm],
      defaultId: CANCEL,
      cancelId: CANCEL,
      noLink: true,
    };
    const { response } = await deps.dialog.showMessageBox(win, options);
    return response === CONFIRM;
  };
}
