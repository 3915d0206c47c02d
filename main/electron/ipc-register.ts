/**
 * Registers every contract request on ipcMain through one wrapper: the sender frame is checked first,
 * then the shared dispatcher validates the payload against the contract's schema. Handlers never see an
 * unchecked payload or a request from a frame that is not ours.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { REQUEST_NAMES, requestChannel } from '../../app/ipc/channels.js';
import { fail, type IpcResult } from '../../app/ipc/result.js';
import type { Dispatch } from '../ipc/dispatch.js';
import { isTrustedSender } from './trusted-sender.js';

export function registerIpc(ipcMain: IpcMain, dispatch: Dispatch, appPageUrl: string): () => void {
  for (const name of REQUEST_NAMES) {
    ipcMain.handle(requestChannel(name), (event: IpcMainInvokeEvent, payload: unknown): Promise<IpcResult<unknown>> => {
      if (!isTrustedSender(event.senderFrame, appPageUrl)) {
        return Promise.resolve(fail('forbidden-sender', 'This request did not come from the Hostproof window.'));
      }
      return dispatch(name, payload);
    });
  }
  return () => {
    for (const name of REQUEST_NAMES) ipcMain.removeHandler(requestChannel(name));
  };
}
