/**
 * Test clients for OMEMO against a real Prosody: each one a real verified connection and session, its own key
 * file (omemo-keys.sqlite in a temp directory, sealed with a test cipher), the real PEP client, carbons enabled,
 * and presence whose caps ask for device-list notifications (eu.siacs.conversations.axolotl.devicelist+notify,
 * as Conversations, Dino and Gajim advertise it; Prosody reads it with disco#info and then pushes list changes).
 *
 * Every character the client writes into its TLS connection is kept in `written`: the cleartext XML after the
 * session and before TLS, which is exactly what the server receives.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { xml, type Element } from '@xmpp/xml';
import type { KeyRecords } from '../../../../main/omemo/omemo-key-store.js';
import type { EncryptedMessage } from '../../../../main/omemo/omemo-types.js';
import { createAccountOmemo, type AccountOmemo } from '../../../../main/services/omemo/account-omemo.js';
import { openOmemoKeyFile } from '../../../../main/store/omemo/omemo-key-file.js';
import { createSealedKeyRecords } from '../../../../main/store/omemo/sealed-keys.js';
import { capsVer } from '../../../../main/xmpp/features/caps.js';
import { createCarbons, type Carbons } from '../../../../main/xmpp/features/carbons.js';
import type { FeatureLogEntry } from '../../../../main/xmpp/features/feature-deps.js';
import { NS } from '../../../../main/xmpp/features/namespaces.js';
import { readEncryptedMessage } from '../../../../main/xmpp/features/omemo/encrypted-element.js';
import { createOmemoPep, type OmemoPep } from '../../../../main/xmpp/features/omemo/omemo-pep.js';
import type { OnlineSession } from '../../../../main/xmpp/session/online-session.js';
import { openOnlineSession } from '../../../../main/xmpp/session/open-session.js';
import { createTestCipher } from '../../../harness/test-cipher.js';
import { connectToLoopback, SESSION_DOMAIN } from '../session/verified-connection.js';
import { recordWrites } from '../../../harness/written-to-socket.js';

/** One OMEMO message as a client received it: directly, or as a carbon copy of its own account's traffic. */
export interface ReceivedOmemo {
  readonly id: string | null;
  /** The sending account's bare JID. */
  readonly from: string;
  readonly encrypted: EncryptedMessage;
  readonly via: 'direct' | 'sent-carbon' | 'received-carbon';
}

/** Messages as they come, and a wait for the first one (seen or still to come) that matches. */
class Inbox {
  readonly #items: ReceivedOmemo[] = [];
  readonly #waiters: Array<{ matches: (m: ReceivedOmemo) => boolean; resolve: (m: ReceivedOmemo) => void }> = [];

  add(item: ReceivedOmemo): void {
    const waiter = this.#waiters.find((w) => w.matches(item));
    if (waiter !== undefined) {
      this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
      waiter.resolve(item);
      return;
    }
    this.#items.push(item);
  }

  next(matches: (m: ReceivedOmemo) => boolean, what: string, timeoutMs = 10_000): Promise<ReceivedOmemo> {
    const index = this.#items.findIndex(matches);
    if (index >= 0) return Promise.resolve(this.#items.splice(index, 1)[0]!);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no OMEMO message: ${what}`)), timeoutMs);
      this.#waiters.push({
        matches,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  }
}

export interface OmemoTestClient {
  readonly name: string;
  readonly bareJid: string;
  readonly session: OnlineSession;
  readonly pep: OmemoPep;
  readonly omemo: AccountOmemo;
  readonly records: KeyRecords;
  readonly inbox: Inbox;
  /** Every string written into the TLS connection. */
  readonly written: string[];
  readonly log: FeatureLogEntry[];
  /** Waits for a stanza the session receives. */
  stanza(matches: (stanza: Element) => boolean, what: string): Promise<Element>;
  close(): Promise<void>;
}

const IDENTITY = { category: 'client', type: 'pc', name: 'omemo test', lang: null } as const;
const FEATURES = [NS.discoInfo, NS.caps, NS.carbons, `${NS.omemoDeviceList}+notify`];
const CAPS_NODE = 'https://hostproof.invalid/omemo-test';

const bareOf = (jid: string | undefined) => (jid ?? '').split('/')[0]!;

export async function openOmemoClient(options: { port: number; caPem: string; user: string; password: string; resource: string; keyDir: string }): Promise<OmemoTestClient> {
  const { user, resource } = options;
  const bareJid = `${user}@${SESSION_DOMAIN}`;
  const { connection } = await connectToLoopback({ port: options.port, directTls: false, caPem: options.caPem });
  const written = recordWrites(connection.socket);

  const session = await openOnlineSession({ connection, serverProof: 'pkix', domain: SESSION_DOMAIN, localpart: user, password: options.password, resource, previousMechanism: null });
  const link = session.link;
  const log: FeatureLogEntry[] = [];
  const pushLog = (entry: FeatureLogEntry) => log.push(entry);
  const inbox = new Inbox();

  const ver = capsVer([IDENTITY], FEATURES);
  const stopDisco = link.handleIq('get', NS.discoInfo, 'query', () =>
    xml('query', { xmlns: NS.discoInfo, node: `${CAPS_NODE}#${ver}` }, xml('identity', { category: IDENTITY.category, type: IDENTITY.type, name: IDENTITY.name }), ...FEATURES.map((f) => xml('feature', { var: f }))),
  );

  const take = (message: Element, via: ReceivedOmemo['via'], from: string) => {
    const read = readEncryptedMessage(message);
    if (read === null) return;
    if (!read.ok) throw new Error(`unreadable OMEMO element: ${read.problem.kind}`);
    inbox.add({ id: message.attrs.id ?? null, from, encrypted: read.value, via });
  };
  const stopInbox = link.onStanza((stanza) => {
    if (stanza.name === 'message') take(stanza, 'direct', bareOf(stanza.attrs.from));
  });
  const carbons: Carbons = createCarbons({
    link,
    log: pushLog,
    messages: {
      acceptCarbon: (inner, direction) => (direction === 'sent' ? take(inner, 'sent-carbon', bareJid) : take(inner, 'received-carbon', bareOf(inner.attrs.from))),
    },
  });
  await carbons.enable();
  // Roster pushes are acknowledged, as RFC 6121 §2.1.6 asks of a client.
  const stopRosterPushes = link.handleIq('set', NS.roster, 'query', () => null);
  // A client that asked for its roster is an "interested resource" (RFC 6121 §2.1.6): subscription answers reach it.
  await link.request(xml('iq', { type: 'get' }, xml('query', { xmlns: NS.roster })));

  const keyDir = path.join(options.keyDir, `${user}-${resource}`);
  await mkdir(keyDir, { recursive: true });
  const file = openOmemoKeyFile(path.join(keyDir, 'omemo-keys.sqlite'));
  if (!file.ok) throw new Error(file.problem.message);
  const records = createSealedKeyRecords({ db: file.db, account: `${user}-${resource}`, cipher: createTestCipher() });
  const pep = createOmemoPep({ link, log: pushLog });
  const omemo = await createAccountOmemo({ keys: { ok: true, records }, ownJid: bareJid, now: Date.now, log: pushLog, send: (stanza) => link.send(stanza) });

  await link.send(xml('presence', {}, xml('c', { xmlns: NS.caps, hash: 'sha-1', node: CAPS_NODE, ver })));

  return {
    name: `${user}/${resource}`,
    bareJid,
    session,
    pep,
    omemo,
    records,
    inbox,
    written,
    log,
    stanza: (matches, what) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          stop();
          reject(new Error(`no stanza: ${what}`));
        }, 10_000);
        const stop = link.onStanza((stanza) => {
          if (!matches(stanza)) return;
          clearTimeout(timer);
          stop();
          resolve(stanza);
        });
      }),
    async close() {
      omemo.dispose();
      pep.dispose();
      carbons.dispose();
      stopInbox();
      stopDisco();
      stopRosterPushes();
      await session.close();
      file.db.close();
    },
  };
}

/** A presence subscription both ways (what makes Prosody push each account's device list to the other). */
export async function befriend(a: OmemoTestClient, b: OmemoTestClient): Promise<void> {
  for (const [asker, answerer] of [
    [a, b],
    [b, a],
  ] as const) {
    const asked = answerer.stanza((s) => s.name === 'presence' && s.attrs.type === 'subscribe' && bareOf(s.attrs.from) === asker.bareJid, `${asker.name} asks ${answerer.name}`);
    const approved = asker.stanza((s) => s.name === 'presence' && s.attrs.type === 'subscribed' && bareOf(s.attrs.from) === answerer.bareJid, `${answerer.name} approves ${asker.name}`);
    await asker.session.link.send(xml('presence', { to: answerer.bareJid, type: 'subscribe' }));
    await asked;
    await answerer.session.link.send(xml('presence', { to: asker.bareJid, type: 'subscribed' }));
    await approved;
  }
}
