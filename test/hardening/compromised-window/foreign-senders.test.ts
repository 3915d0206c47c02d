/**
 * A compromised window, or a frame that is not ours, calls the main process (issue 9, "calls from an
 * unexpected frame"). Every channel is registered through registerIpc's sender check: a call from a sub-frame,
 * another origin or a destroyed frame gets a typed `forbidden-sender` and no handler runs, on EVERY channel,
 * with a payload the schema would accept (so the refusal is the sender check's, not the schema's).
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { REQUEST_NAMES, requestChannel, type RequestName } from '../../../app/ipc/channels.js';
import { requestSchemas } from '../../../app/ipc/contract.js';
import { APP_PAGE_URL } from '../../../main/electron/app-protocol-paths.js';
import { registerIpc } from '../../../main/electron/ipc-register.js';
import { createDispatch } from '../../../main/ipc/dispatch.js';
import type { RequestHandlers } from '../../../main/ipc/handlers.js';
import { expectBehaviour } from '../behaviour-table.js';
import { FOREIGN_FRAMES } from './foreign-frames.js';
import { validRequests } from './valid-requests.js';

const PAGE = APP_PAGE_URL;
const REQUESTS = validRequests('3b241101-e2bb-4255-8caf-4136c566a962');
type Handler = (event: IpcMainInvokeEvent, payload: unknown) => Promise<unknown>;

/** registerIpc on a recording ipcMain, in front of the real dispatcher and a handler table that records calls. */
function registered() {
  const channels = new Map<string, Handler>();
  const ipcMain = {
    handle: (channel: string, h: Handler) => channels.set(channel, h),
    removeHandler: (channel: string) => channels.delete(channel),
  } as unknown as IpcMain;
  const ran: RequestName[] = [];
  const table: Record<string, unknown> = {};
  for (const name of REQUEST_NAMES) {
    table[name] = async () => {
      ran.push(name);
      return null;
    };
  }
  const dispatch = createDispatch(table as unknown as RequestHandlers, { logError: () => undefined });
  const unregister = registerIpc(ipcMain, dispatch, PAGE);
  const call = (name: RequestName, frame: unknown, payload: unknown = REQUESTS[name]) =>
    channels.get(requestChannel(name))!({ senderFrame: frame } as IpcMainInvokeEvent, payload);
  return { channels, call, ran, unregister };
}

const topFrame = (url: string) => ({ url, parent: null });

describe('a compromised window: calls from a frame that is not our page', () => {
  it('every contract channel is registered behind the sender check, and all are removed together', (context) => {
    const { channels, unregister } = registered();
    const registeredNames = [...channels.keys()].sort();
    unregister();
    expect(registeredNames).toEqual(REQUEST_NAMES.map(requestChannel).sort());
    expectBehaviour(context, {
      expected: `${REQUEST_NAMES.length} channels registered, 0 left after unregister`,
      got: `${registeredNames.length} channels registered, ${channels.size} left after unregister`,
    });
  });

  it('our own top-level page (any hash) reaches the handler of every channel', async (context) => {
    const { call, ran } = registered();
    const answers = [];
    for (const name of REQUEST_NAMES) answers.push(await call(name, topFrame(`${PAGE}#/accounts`)));
    expect(answers.every((a) => (a as { ok: boolean }).ok)).toBe(true);
    expectBehaviour(context, {
      expected: `${REQUEST_NAMES.length} channels answered, ${REQUEST_NAMES.length} handlers ran`,
      got: `${answers.filter((a) => (a as { ok: boolean }).ok).length} channels answered, ${ran.length} handlers ran`,
    });
  });

  it.for(FOREIGN_FRAMES)('%s: refused on every channel, no handler ran', async ([, frame], context) => {
    const { call, ran } = registered();
    let forbidden = 0;
    for (const name of REQUEST_NAMES) {
      expect(requestSchemas[name].safeParse(REQUESTS[name]).success, `${name}'s sample payload is well-formed`).toBe(true);
      const answer = await call(name, frame);
      expect(answer).toEqual({ ok: false, error: { code: 'forbidden-sender', message: expect.any(String) } });
      forbidden++;
    }
    expectBehaviour(context, {
      expected: `${REQUEST_NAMES.length} channels answered forbidden-sender, 0 handlers ran`,
      got: `${forbidden} channels answered forbidden-sender, ${ran.length} handlers ran`,
    });
  });

});

describe('a compromised window: malformed payloads from our own page, through the sender check', () => {
  it.for([
    ['an empty object', {}],
    ['a number', 42],
    ['a string', 'getInfo'],
    ['an array', [1, 2]],
    ['a prototype-polluting object', JSON.parse('{"__proto__":{"polluted":true}}') as unknown],
  ] as const)(
    'getInfo with %s: invalid-request, no handler ran',
    async ([, payload], context) => {
      const { call, ran } = registered();
      const answer = (await call('getInfo', topFrame(PAGE), payload)) as { ok: boolean; error?: { code: string } };
      expectBehaviour(context, {
        expected: 'refused: invalid-request, 0 handlers ran',
        got: `${answer.ok ? 'answered' : `refused: ${answer.error?.code}`}, ${ran.length} handlers ran`,
      });
    },
  );
});
