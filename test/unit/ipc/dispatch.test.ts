import { describe, expect, it, vi } from 'vitest';
import { createDispatch } from '../../../main/ipc/dispatch.js';
import { UserFacingError } from '../../../main/ipc/handlers.js';
import { partialHandlers } from '../../harness/partial-handlers.js';

const info = { name: 'Hostproof', version: '1', platform: 'linux', dataPath: '/d', passwordStorage: 'os-key-store' } as const;

describe('dispatch', () => {
  it('rejects an operation that is not in the contract', async () => {
    const dispatch = createDispatch(partialHandlers({ getInfo: async () => info }), { logError: () => undefined });
    expect(await dispatch('deleteEverything', undefined)).toMatchObject({ ok: false, error: { code: 'unknown-request' } });
    expect(await dispatch('__proto__', undefined)).toMatchObject({ ok: false, error: { code: 'unknown-request' } });
  });

  it('passes a user-facing failure through in plain words', async () => {
    const dispatch = createDispatch(
      partialHandlers({ getInfo: async () => Promise.reject(new UserFacingError('The account example.com is unknown.')) }),
      { logError: () => undefined },
    );
    expect(await dispatch('getInfo', undefined)).toEqual({
      ok: false,
      error: { code: 'failed', message: 'The account example.com is unknown.' },
    });
  });

  it("passes a failure's typed details beside its sentence", async () => {
    const dispatch = createDispatch(
      partialHandlers({ getInfo: async () => Promise.reject(new UserFacingError('That nickname is taken. You could try "bob2".', { suggestedNick: 'bob2' })) }),
      { logError: () => undefined },
    );
    expect(await dispatch('getInfo', undefined)).toEqual({
      ok: false,
      error: { code: 'failed', message: 'That nickname is taken. You could try "bob2".', details: { suggestedNick: 'bob2' } },
    });
  });

  it('hides the details of an unexpected error from the renderer and logs them', async () => {
    const logError = vi.fn();
    const dispatch = createDispatch(
      partialHandlers({ getInfo: async () => Promise.reject(new Error('secret path /home/u/.config/key')) }),
      { logError },
    );
    const result = await dispatch('getInfo', undefined);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('secret path');
    expect(logError).toHaveBeenCalledOnce();
  });
});
