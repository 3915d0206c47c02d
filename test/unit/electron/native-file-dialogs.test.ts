/**
 * issue 14: files. Main's own dialogs for sending and saving a shared file: attached to the window, one file
 * to send, a save path with the suggested name; Cancel, or no window, chooses nothing.
 */
import type { BrowserWindow, OpenDialogOptions, SaveDialogOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { createNativeFileDialogs } from '../../../main/electron/native-file-dialogs.js';

function rig(answers: { open?: { canceled: boolean; filePaths: string[] }; save?: { canceled: boolean; filePath?: string } }, window: { destroyed: boolean } | null = { destroyed: false }) {
  const shown: Array<{ window: unknown; options: OpenDialogOptions | SaveDialogOptions }> = [];
  const win = window === null ? null : ({ isDestroyed: () => window.destroyed } as unknown as BrowserWindow);
  const dialogs = createNativeFileDialogs({
    dialog: {
      showOpenDialog: (async (parent: BrowserWindow, options: OpenDialogOptions) => {
        shown.push({ window: parent, options });
        return answers.open ?? { canceled: true, filePaths: [] };
      }) as never,
      showSaveDialog: (async (parent: BrowserWindow, options: SaveDialogOptions) => {
        shown.push({ window: parent, options });
        return answers.save ?? { canceled: true };
      }) as never,
    },
    window: () => win,
  });
  return { dialogs, shown, win };
}

describe('the native dialogs for shared files', () => {
  it('picks one file to send, attached to the window', async () => {
    const { dialogs, shown, win } = rig({ open: { canceled: false, filePaths: ['/home/me/cat.png'] } });
    expect(await dialogs.pickFile()).toBe('/home/me/cat.png');
    expect(shown[0]?.window).toBe(win);
    expect((shown[0]?.options as OpenDialogOptions).properties).toEqual(['openFile']);
  });

  it('suggests the file\'s name when saving and answers the chosen path', async () => {
    const { dialogs, shown } = rig({ save: { canceled: false, filePath: '/home/me/Downloads/notes.txt' } });
    expect(await dialogs.chooseSavePath('notes.txt')).toBe('/home/me/Downloads/notes.txt');
    expect((shown[0]?.options as SaveDialogOptions).defaultPath).toBe('notes.txt');
  });

  it('chooses nothing on Cancel, and shows nothing without a window', async () => {
    expect(await rig({ open: { canceled: true, filePaths: ['/x'] } }).dialogs.pickFile()).toBeNull();
    expect(await rig({ save: { canceled: true, filePath: '/x' } }).dialogs.chooseSavePath('x')).toBeNull();
    const none = rig({ open: { canceled: false, filePaths: ['/x'] } }, null);
    expect(await none.dialogs.pickFile()).toBeNull();
    expect(await none.dialogs.chooseSavePath('x')).toBeNull();
    expect(none.shown).toEqual([]);
    expect(await rig({ open: { canceled: false, filePaths: ['/x'] } }, { destroyed: true }).dialogs.pickFile()).toBeNull();
  });
});
