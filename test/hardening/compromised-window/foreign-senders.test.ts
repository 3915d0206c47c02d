import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { REQUEST_NAMES, requestChannel } from '../../../app/ipc/channels.js';
import { APP_PAGE_URL } from '../../../main/electron/app-protocol-paths.js';
import { registerIpc } from '../../../main/electron/ipc-register.js';
import { createDispatch } from '../../../main/ipc/dispatch.js';
import { createAppInfoService } from '../../../main/services/app-info-service.js';
import { partialHandlers } from '../../harness/partial-handlers.js';

const PAGE = APP_PAGE_URL;
const appInfo = { name: 'Hostproof', version: '1.2.3', platform: 'linux', dataPath: '/home/u/.config/Hostproof' };

function setup() {
  const handlers = new Map<string, (event: IpcMainInvokeEvent, payload: unknown) => Promise<unknown>>();
  const ipcMain = {
    handle: (channel: string, h: (event: IpcMainInvokeEvent, payload: unknown) => Promise<unknown>) => handlers.set(channel, h),
    removeHandler: (channel: string) => handlers.delete(channel),
  } as unknown as IpcMain;
  const getInfo = vi.fn(createAppInfoService(appInfo).getInfo);
  const dispatch = createDispatch(partialHandlers({ getInfo }), { logError: () => undefined });
  const unregister = registerIpc(ipcMain, dispatch, PAGE);
  const call = (frame: unknown, payload?: unknown) =>
    handlers.get(requestChannel('getInfo'))!({ senderFrame: frame } as IpcMainInvokeEvent, payload);
  return { handlers, call, getInfo, unregister };
}

const topFrame = (url: string) => ({ url, parent: null });

describe('IPC registration', () => {
  it('registers one handler per contract request and removes them all', () => {
    const { handlers, unregister } = setup();
    expect([...handlers.keys()].sort()).toEqual(REQUEST_NAMES.map(requestChannel).sort());
    unregister();
    expect(handlers.size).toBe(0);
  });

  it('answers our own top-level page', async () => {
    const { call } = setup();
    expect(await call(topFrame(PAGE + '#/accounts'))).toEqual({ ok: true, value: appInfo });
  });

  it.each([
    ['a page from the web', topFrame('https://evil.example/index.html')],
    ['another local file', topFrame('file:///tmp/evil/index.html')],
    ['the bundle loaded from file:// (the old way)', topFrame('file:///opt/Hostproof/resources/app.asar/dist/renderer/index.html')],
    ['another host on our scheme', topFrame('app://evil/index.html')],
    ['another page of our origin', topFrame('app://hostproof/other.html')],
    ['a sub-frame of our page', { url: PAGE, parent: { url: PAGE } }],
    ['a destroyed frame', null],
    ['a frame with a garbage URL', topFrame('not a url')],
  ])('refuses %s with a typed error and never runs the handler', async (_label, frame) => {
    const { call, getInfo } = setup();
    expect(await call(frame)).toEqual({ ok: false, error: { code: 'forbidden-sender', message: expect.any(String) } });
    expect(getInfo).not.toHaveBeenCalled();
  });

  it.each([[{}], [42], ['getInfo'], [[1, 2]], [{ __proto__: { polluted: true } }]])(
    'refuses the invalid payload %j with a typed error and never runs the handler',
    async (payload) => {
      const { call, getInfo } = setup();
      const result = await call(topFrame(PAGE), payload);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
      expect(getInfo).not.toHaveBeenCalled();
    },
  );
});
