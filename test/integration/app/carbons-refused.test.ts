/**
 * A server that refuses to turn on message carbons (XEP-0280): the user is told that messages sent from this
 * device will not reach their other devices (and the other way round), once, not at every reconnect. Against
 * the recording server, scripted to answer the roster and to refuse (or accept) the carbons request.
 */
import { escapeXML, type Element } from '@xmpp/xml';
import { afterEach, describe, expect, it } from 'vitest';
import type { RecordedConnection } from '../../harness/recording-xmpp-server.js';
import { waitForEvent } from '../../harness/wait-for-event.js';
import { recordedAccount, type RecordedAccount } from './recorded-account.js';
import { waitUntil } from '../../harness/wait-until.js';

const NS_ROSTER = 'jabber:iq:roster';
const NS_CARBONS = 'urn:xmpp:carbons:2';
const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';

/** Answers the roster with an empty list and the carbons request as `carbons` says; anything else is refused. */
function server(carbons: 'refuse' | 'enable') {
  return (stanza: Element, connection: RecordedConnection) => {
    const id = escapeXML(stanza.attrs.id ?? '');
    if (stanza.name !== 'iq' || (stanza.attrs.type !== 'get' && stanza.attrs.type !== 'set')) return;
    if (stanza.getChild('query', NS_ROSTER)) {
      connection.send(`<iq type='result' id='${id}'><query xmlns='${NS_ROSTER}'/></iq>`);
    } else if (stanza.getChild('enable', NS_CARBONS) && carbons === 'enable') {
      connection.send(`<iq type='result' id='${id}'/>`);
    } else {
      const condition = stanza.getChild('enable', NS_CARBONS) ? 'not-allowed' : 'service-unavailable';
      connection.send(`<iq type='error' id='${id}'><error type='cancel'><${condition} xmlns='${NS_STANZAS}'/></error></iq>`);
    }
  };
}

describe('carbons the server will not turn on', () => {
  let account: RecordedAccount | undefined;
  afterEach(async () => {
    await account?.close();
    account = undefined;
  });

  async function signIn(carbons: 'refuse' | 'enable') {
    account = await recordedAccount({
      domain: 'copies.test',
      password: 'pw-carbons',
      mode: 'direct-tls',
      script: { onStanza: server(carbons) },
      app: { reconnectDelay: () => 50 },
    });
    const { app, call, id } = account;
    const question = await waitForEvent(app.events, 'trustDecisionNeeded', (r) => r.accountId === id);
    await call('decideTrust', { requestId: question.requestId, decision: 'pin' });
    return account;
  }

  /** The initial presence goes out after the carbons answer was handled: a barrier for the notice. */
  const announced = (connection: RecordedConnection | undefined) => waitUntil(() => connection?.receivedAfterTls().includes('<presence') ?? false, 'the initial presence', 10_000);

  const carbonNotices = (notices: readonly string[]) => notices.filter((n) => n.includes('carbons'));

  it('tells the user once, in plain words, and not again after a reconnect', async () => {
    const { app, server: recording } = await signIn('refuse');
    await announced(recording.connections[0]);
    expect(carbonNotices(app.notices)).toEqual([
      'Your server did not turn on message copies (carbons) for alice@copies.test (it answered "not-allowed"). Messages you ' +
        'send from this device will not appear on your other devices, and messages they send or receive will not appear here.',
    ]);

    recording.connections[0]!.destroy();
    await waitUntil(() => recording.connections.length === 2, 'the second connection', 10_000);
    await announced(recording.connections[1]);
    expect(recording.connections[1]!.receivedAfterTls()).toContain(`<enable xmlns="${NS_CARBONS}"/>`);
    expect(carbonNotices(app.notices)).toHaveLength(1);
  });

  it('says nothing when the server turns them on', async () => {
    const { app, server: recording } = await signIn('enable');
    await announced(recording.connections[0]);
    expect(recording.connections[0]!.receivedAfterTls()).toContain(`<enable xmlns="${NS_CARBONS}"/>`);
    expect(carbonNotices(app.notices)).toEqual([]);
  });
});
