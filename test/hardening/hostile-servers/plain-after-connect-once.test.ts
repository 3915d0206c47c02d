/**
 * PLAIN sends the password itself, so it may go only to a server whose identity was proven (PKIX, POSH or a
 * pin). "Connect once" is the user's choice to go on without a proof: on such a connection a server offering
 * only PLAIN gets no <auth> at all and the user a clear error. A pinned key is a proof, so PLAIN is used then.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { TrustDecision } from '../../../app/domain/account.js';
import { waitForEvent } from '../../harness/wait-for-event.js';
import { recordedAccount, type RecordedAccount } from '../../integration/app/recorded-account.js';
import { expectBehaviour } from '../behaviour-table.js';
import { appAnswers, passwordWords, trustWords } from './hostile-world.js';

const PASSWORD = 'pw-plain-once';
const PLAIN_RESPONSE = Buffer.from(`\0alice\0${PASSWORD}`).toString('base64');

describe('PLAIN only over a proven server', () => {
  let account: RecordedAccount | undefined;
  afterEach(async () => {
    await account?.close();
    account = undefined;
  });

  const answer = async (decision: TrustDecision) => {
    account = await recordedAccount({ domain: 'plain.test', password: PASSWORD, mode: 'direct-tls', script: { mechanisms: ['PLAIN'] } });
    const { app, call, id } = account;
    const question = await waitForEvent(app.events, 'trustDecisionNeeded', (r) => r.accountId === id);
    await call('decideTrust', { requestId: question.requestId, decision });
    return waitForEvent(app.events, 'connectionChanged', (p) => p.accountId === id && (p.state.stage === 'online' || p.state.stage === 'failed'));
  };

  it('a PLAIN-only server accepted once: no <auth>, no password, a clear error', async (context) => {
    const ended = await answer('connect-once');
    expect(ended.state.stage).toBe('failed');
    if (ended.state.stage !== 'failed') return;
    expect(ended.state.error.kind).toBe('authentication');
    expect(ended.state.error.message).toContain('for this connection only');
    expect(ended.state.error.message).toContain('did not send your password');
    const server = account!.server;
    expect(server.connections.length).toBeGreaterThan(0);
    expect(server.connections.every((c) => c.tls)).toBe(true);
    expect(server.received()).not.toContain('<auth');
    expect(server.received()).not.toContain(PLAIN_RESPONSE);
    const { app, call, id } = account!;
    const sent = server.received();
    expectBehaviour(context, {
      expected: `failed authentication; 0 <auth>; no password; accepted-once, offline; alive`,
      got: `${ended.state.stage} ${ended.state.error.kind}; ${sent.split('<auth').length - 1} <auth>; ${passwordWords(sent, PASSWORD)}; ${trustWords(app, id)}; ${await appAnswers(call, id)}`,
    });
  });

  it('the same server once its key is pinned: PLAIN is used (the control)', async (context) => {
    const ended = await answer('pin');
    expect(ended.state.stage).toBe('online');
    expect(account!.server.received()).toContain('mechanism="PLAIN"');
    const { app, id } = account!;
    expectBehaviour(context, {
      expected: 'online with PLAIN; pin, online',
      got: `${ended.state.stage}${account!.server.received().includes('mechanism="PLAIN"') ? ' with PLAIN' : ''}; ${trustWords(app, id)}`,
    });
  });
});
