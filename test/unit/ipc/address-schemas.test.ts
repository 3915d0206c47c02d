/**
 * The contract's address fields run the one address parser (app/domain/address): handlers receive the
 * canonical form, and what the parser refuses never reaches them.
 */
import { describe, expect, it } from 'vitest';
import { createDispatch } from '../../../main/ipc/dispatch.js';
import { partialHandlers } from '../../harness/partial-handlers.js';

const ACCOUNT = '3b241101-e2bb-4255-8caf-4136c566a962';

function recording() {
  const seen: unknown[] = [];
  const dispatch = createDispatch(
    partialHandlers({
      sendMessage: async (payload) => {
        seen.push(payload.to);
        return Promise.reject(new Error('not under test'));
      },
      removePin: async (payload) => {
        seen.push(payload.domain);
        return null;
      },
    }),
    { logError: () => undefined },
  );
  return { dispatch, seen };
}

describe('address fields of the IPC contract', () => {
  it('hands the handler the canonical bare JID, domain in U-labels', async () => {
    const { dispatch, seen } = recording();
    await dispatch('sendMessage', { accountId: ACCOUNT, to: 'Bob@XN--BCHER-KVA.test', body: 'hi' });
    await dispatch('sendMessage', { accountId: ACCOUNT, to: 'ｂｏｂ@Bücher.test', body: 'hi' });
    expect(seen).toEqual(['bob@bücher.test', 'bob@bücher.test']);
  });

  it('hands the pin handler the A-label the stores key by', async () => {
    const { dispatch, seen } = recording();
    expect(await dispatch('removePin', { domain: 'Bücher.test.', service: 'xmpp-client' })).toEqual({ ok: true, value: null });
    expect(seen).toEqual(['xn--bcher-kva.test']);
  });

  it.each([
    ['u@1.2.3', 'looks like an IP address'],
    ['u@exa%6dple.com', 'not a valid domain name'],
    ['bob@example.com/phone', '“/”'],
    ['example.com', 'name@example.com'],
  ])('refuses %j with the parser’s reason, before any handler runs', async (to, reason) => {
    const { dispatch, seen } = recording();
    const result = await dispatch('sendMessage', { accountId: ACCOUNT, to, body: 'hi' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(JSON.stringify(result)).toContain(reason);
    expect(seen).toEqual([]);
  });
});
