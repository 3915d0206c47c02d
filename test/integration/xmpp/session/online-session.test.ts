/**
 * The session as the account controller and the chat see it (OnlineSession), against a real Prosody: one
 * object holds what they rely on (acknowledged, resumable, the ids acknowledged and the ids lost), across a
 * dropped connection that resumes and one whose resumption the server refuses.
 */
import xml from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { ConnectionLostError } from '../../../../main/xmpp/errors.js';
import type { OnlineSession } from '../../../../main/xmpp/session/online-session.js';
import { openOnlineSession } from '../../../../main/xmpp/session/open-session.js';
import { PROSODY, requireSystemDependency } from '../../../harness/system-dependency.js';
import { SESSION_DOMAIN, useSessionProsody } from './verified-connection.js';
import { waitUntil } from '../../../harness/wait-until.js';

const hasProsody = requireSystemDependency(PROSODY, 'integration (XMPP online session)');

describe.runIf(hasProsody)('the online session the controller opens', () => {
  const { verified, closeLater } = useSessionProsody();

  const open = async (user: 'alice' | 'bob', resource: string) => {
    const connection = await verified();
    const session = await openOnlineSession({
      connection,
      serverProof: 'pkix',
      domain: SESSION_DOMAIN,
      localpart: user,
      password: `${user}-secret`,
      resource,
      previousMechanism: null,
    });
    closeLater(session);
    return { session, connection };
  };

  const chat = (id: string, body: string) => xml('message', { id, to: `bob@${SESSION_DOMAIN}`, type: 'chat' }, xml('body', {}, body));

  /** Resolves with the error the next time the stream ends. */
  const nextClose = (session: OnlineSession) => new Promise<Error | null>((resolve) => session.onClosed(resolve));

  it('is acknowledged, resumable only after a drop, and resumes on a new verified connection', async () => {
    const { session, connection } = await open('alice', 'laptop');
    expect(session.link).toBe(session);
    expect(session.fullJid).toBe(`alice@${SESSION_DOMAIN}/laptop`);
    expect(session.mechanism).toBe('SCRAM-SHA-1');
    expect(session.acknowledged).toBe(true);
    expect(session.resumable).toBe(false);

    const acked: string[] = [];
    session.onAcked((id) => acked.push(id));
    await session.link.send(chat('first', 'acknowledged by the server'));
    await waitUntil(() => acked.includes('first'), 'the ack of the first message');
    expect(session.takeUnacknowledged()).toEqual([]);

    const closed = nextClose(session);
    connection.socket.destroy();
    expect(await closed).toBeInstanceOf(ConnectionLostError);
    expect(session.resumable).toBe(true);

    // Written while cut off: held, and not reported as lost, since resuming will send it.
    await session.link.send(chat('held', 'written while cut off'));
    expect(session.takeUnacknowledged()).toEqual([]);

    await expect(session.reopen(await verified(), 'pkix')).resolves.toBe('resumed');
    expect(session.resumable).toBe(false);
    expect(session.acknowledged).toBe(true);
    await waitUntil(() => acked.includes('held'), 'the ack of the held message');
    expect(session.takeUnacknowledged()).toEqual([]);
  });

  it('hands back, once, what a resumption the server refused could not confirm', async () => {
    const { session, connection } = await open('alice', 'kitchen');
    // Online comes before the server's <enabled/>: an ack shows it has come, so the drop can be resumed.
    const acked: string[] = [];
    session.onAcked((id) => acked.push(id));
    await session.link.send(chat('confirmed', 'acknowledged before the drop'));
    await waitUntil(() => acked.includes('confirmed'), 'the ack of the first message');
    const closed = nextClose(session);
    connection.socket.destroy();
    await closed;
    expect(session.resumable).toBe(true);
    await session.link.send(chat('lost-1', 'never confirmed'));

    // Another login binds the same resource: the server ends the hibernating session, so it cannot resume.
    const other = await open('alice', 'kitchen');
    await expect(session.reopen(await verified(), 'pkix')).resolves.toBe('bound');
    expect(session.resumable).toBe(false);
    expect(session.takeUnacknowledged()).toEqual(['lost-1']);
    // Each id once: the outgoing queue sends it again exactly once.
    expect(session.takeUnacknowledged()).toEqual([]);
    await other.session.close();
  });
});
