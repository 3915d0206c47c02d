/**
 * "Connect once" is for the connection the user was asked about and the reconnects of that same Connect. A
 * new Connect or an edit of the account ends it: the next connection is verified, or asked about, afresh.
 * (A restart ends it too: it lives in memory only.) Against the recording server with a self-signed key.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { EventPayloads } from '../../../app/ipc/contract.js';
import { waitForEvent } from '../../harness/wait-for-event.js';
import { waitUntil } from '../../harness/wait-until.js';
import { recordedAccount, type RecordedAccount } from './recorded-account.js';

const PASSWORD = 'pw-once';

describe('connect once ends', () => {
  let account: RecordedAccount | undefined;
  afterEach(async () => {
    await account?.close();
    account = undefined;
  });

  /** An account online on a key the user accepted once. */
  const acceptedOnce = async () => {
    account = await recordedAccount({ domain: 'once.test', password: PASSWORD, mode: 'direct-tls', app: { reconnectDelay: () => 10 } });
    const { app, call, id } = account;
    const question = await waitForEvent(app.events, 'trustDecisionNeeded', (r) => r.accountId === id);
    await call('decideTrust', { requestId: question.requestId, decision: 'connect-once' });
    await waitForEvent(app.events, 'connectionChanged', (p) => p.accountId === id && p.state.stage === 'online');
    return account;
  };

  /** Drops the current connection; resolves with what the reconnect did first: ask, or go online. */
  const dropAndReconnect = async ({ app, server, id }: RecordedAccount): Promise<'asked' | 'online'> => {
    const mark = app.events.length;
    await waitForEvent(app.events, 'connectionChanged', (p) => p.accountId === id && p.state.stage === 'online');
    server.connections.at(-1)!.destroy();
    let outcome: 'asked' | 'online' | null = null;
    await waitUntil(() => {
      for (const { event, payload } of app.events.slice(mark)) {
        if (event === 'trustDecisionNeeded' && (payload as EventPayloads['trustDecisionNeeded']).accountId === id) outcome = 'asked';
        if (event === 'connectionChanged') {
          const change = payload as EventPayloads['connectionChanged'];
          if (change.accountId === id && change.state.stage === 'online') outcome ??= 'online';
        }
        if (outcome !== null) return true;
      }
      return false;
    }, 'the reconnect to ask or go online', 15_000);
    return outcome!;
  };

  it('holds across a reconnect after a drop, but not after an edit of the account', async () => {
    const a = await acceptedOnce();
    expect(await dropAndReconnect(a)).toBe('online');

    await a.call('updateAccount', { accountId: a.id, autoConnect: false });
    expect(await dropAndReconnect(a)).toBe('asked');
  });

  it('ends at the next Connect', async () => {
    const { app, call, id } = await acceptedOnce();
    const mark = app.events.length;
    await call('connect', { accountId: id, password: PASSWORD });
    const question = await waitForEvent(app.events, 'trustDecisionNeeded', (r) => r.accountId === id, { after: mark });
    expect(question.verdict.verified).toBe(false);
  });
});
