/**
 * The security invariant, proved on the wire: against a server that records every byte it decrypts, nothing
 * but the stream setup reaches it before the user decides, nothing at all after Cancel, and the password is
 * sent only after "Connect once" (or a pin). Over STARTTLS and direct TLS.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { waitForEvent } from '../../harness/wait-for-event.js';
import { recordedAccount, type RecordedAccount } from './recorded-account.js';

const PASSWORD = 'hunter2-recorded';

describe('no credential before the identity is verified or the user decided', () => {
  const open: RecordedAccount[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((a) => a.close()));
  });

  // Self-signed for the domain itself, no POSH anywhere: the verdict is "untrusted certificate".
  async function setup(mode: 'starttls' | 'direct-tls') {
    const account = await recordedAccount({ domain: 'secret.test', password: PASSWORD, mode });
    open.push(account);
    return account;
  }

  describe.each(['starttls', 'direct-tls'] as const)('over %s', (mode) => {
    it('sends nothing after TLS while asking, and nothing more after Cancel', async () => {
      const { server, app, call, id } = await setup(mode);
      const question = await waitForEvent(app.events, 'trustDecisionNeeded', (r) => r.accountId === id);
      expect(question.verdict).toMatchObject({ verified: false, undecided: 'untrusted-certificate' });
      expect(server.connections).toHaveLength(1);
      expect(server.connections[0]!.receivedAfterTls()).toBe('');

      await call('decideTrust', { requestId: question.requestId, decision: 'cancel' });
      await waitForEvent(app.events, 'connectionChanged', (p) => p.accountId === id && p.state.stage === 'failed');
      // Barrier: the client hung up, and TCP delivers its bytes before its close, so everything it ever sent on
      // this connection, while asking and after Cancel, is recorded now.
      await server.connections[0]!.closed();
      expect(server.connections).toHaveLength(1);
      expect(server.received()).not.toContain('alice');
      expect(server.received()).not.toContain('<auth');
      expect(server.received()).not.toContain(Buffer.from(`\0alice\0${PASSWORD}`).toString('base64'));
      expect(server.connections[0]!.receivedAfterTls()).toBe('');
    });

    it('authenticates only after "Connect once", with SCRAM, never revealing the password', async () => {
      const { server, app, call, id } = await setup(mode);
      const question = await waitForEvent(app.events, 'trustDecisionNeeded', (r) => r.accountId === id);
      expect(server.received()).not.toContain('<auth');
      await call('decideTrust', { requestId: question.requestId, decision: 'connect-once' });
      const online = await waitForEvent(app.events, 'connectionChanged', (p) => p.accountId === id && p.state.stage === 'online');
      if (online.state.stage !== 'online') throw new Error('unreachable');
      expect(online.state.verdict.method).toBe('accepted-once');
      expect(server.received()).toMatch(/<auth [^>]*mechanism=["']SCRAM-SHA-1["']/);
      expect(server.received()).not.toContain(PASSWORD);
      expect(server.received()).not.toContain(Buffer.from(PASSWORD).toString('base64'));
    });
  });
});
