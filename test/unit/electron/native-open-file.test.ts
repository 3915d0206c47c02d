/**
 * The main process's own open-file dialog for "add a certificate authority": attached to the window, one
 * file; Cancel, or no window to attach it to, chooses nothing.
 */
import type { BrowserWindow, OpenDialogOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { CA_FILE_DIALOG, createNativeCaFilePicker } from '../../../main/electron/native-open-file.js';

function rig(answer: { canceled: boolean; filePaths: string[] }, window: { destroyed: boolean } | null = { destroyed: false }) {
  const shown: Array<{ window: unknown; options: OpenDialogOptions }> = [];
  const win = window === null ? null : ({ isDestroyed: () => window.destroyed } as unknown as BrowserWindow);
  const pick = createNativeCaFilePicker({
    dialog: {
      showOpenDialog: (async (parent: BrowserWindow, options: OpenDialogOptions) => {
        shown.push({ window: parent, options });
        return answer;
      }) as never,
    },
    window: () => win,
  });
  return { pick, shown, win };
}

describe('the native CA file dialog', () => {
  it('is attached to the window, opens one file, and answers its path', async () => {
    const { pick, shown, win } = rig({ canceled: false, filePaths: ['/home/me/corp-root.pem'] });
    expect(await pick()).toBe('/home/me/corp-root.pem');
    expect(shown).toEqual([{ window: win, options: CA_FILE_DIALOG }]);
    expect(CA_FILE_DIALOG.properties).toEqual(['openFile']);
  });

  it('answers nothing on Cancel, and shows nothing without a window', async () => {
    expect(await rig({ canceled: true, filePaths: ['/ignored.pem'] }).pick()).toBeNull();
    const none = rig({ canceled: false, filePaths: ['/x.pem'] }, null);
    expect(await none.pick()).toBeNull();
    expect(none.shown).toEqual([]);
    expect(await rig({ canceled: false, filePaths: ['/x.pem'] }, { destroyed: true }).pick()).toBeNull();
  });
});
