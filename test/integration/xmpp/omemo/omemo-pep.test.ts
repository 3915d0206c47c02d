/**
 * OMEMO's device lists and bundles on a real Prosody with PEP: what one account publishes, another account
 * that shares no presence with it reads back exactly (the nodes are published open, so a stranger can start
 * an encrypted chat); an account that never published has no devices; a node that another client created
 * with Prosody's default access model is opened before our publish goes through.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { xml } from '@xmpp/xml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_DEVICE_ID, type PublicBundle } from '../../../../main/omemo/omemo-types.js';
import type { FeatureLogEntry } from '../../../../main/xmpp/features/feature-deps.js';
import { createOmemoPep, type OmemoPep } from '../../../../main/xmpp/features/omemo/omemo-pep.js';
import type { OnlineSession } from '../../../../main/xmpp/session/online-session.js';
import { openOnlineSession } from '../../../../main/xmpp/session/open-session.js';
import { startProsody, type Prosody } from '../../../harness/prosody.js';
import { PROSODY, requireSystemDependency } from '../../../harness/system-dependency.js';
import { createTestCa, createTestCertificate } from '../../../harness/test-pki.js';
import { connectToLoopback, SESSION_DOMAIN } from '../session/verified-connection.js';

const hasProsody = requireSystemDependency(PROSODY, 'integration (XMPP OMEMO over PEP)');

const PEOPLE = ['alice', 'bob', 'carol', 'dave'] as const;
type Person = (typeof PEOPLE)[number];
const password = (user: Person) => `${user}-secret`;
const jidOf = (user: Person) => `${user}@${SESSION_DOMAIN}`;

/** Key-shaped bytes (the 0x05 type byte, then 32 random bytes): the wire does not check the curve. */
const publicKey = () => new Uint8Array([0x05, ...randomBytes(32)]);
const deviceId = () => randomInt(1, MAX_DEVICE_ID);

function bundle(preKeyCount: number): PublicBundle {
  return {
    identityKey: publicKey(),
    signedPreKey: { id: 7, publicKey: publicKey(), signature: new Uint8Array(randomBytes(64)) },
    preKeys: Array.from({ length: preKeyCount }, (_, i) => ({ id: i + 1, publicKey: publicKey() })),
  };
}

interface Client {
  readonly session: OnlineSession;
  readonly pep: OmemoPep;
  readonly log: FeatureLogEntry[];
}

describe.runIf(hasProsody)('OMEMO device lists and bundles on a real server', () => {
  let started: { prosody: Prosody; caPem: string } | null = null;
  const closers: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    const ca = await createTestCa();
    const leaf = await createTestCertificate({ commonName: SESSION_DOMAIN, dnsNames: [SESSION_DOMAIN], issuer: ca });
    const prosody = await startProsody({
      hosts: [{ domain: SESSION_DOMAIN, certPem: leaf.certPem, keyPem: leaf.keyPem }],
      users: PEOPLE.map((user) => ({ user, host: SESSION_DOMAIN, password: password(user) })),
      modules: ['pep'],
    });
    started = { prosody, caPem: ca.certPem };
  });
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()));
  });
  afterAll(async () => {
    await started?.prosody.stop();
  });

  /** `user` logged in (real verified connection, real session; no roster shared with anyone) with the PEP client on top. */
  async function open(user: Person, resource = 'desk'): Promise<Client> {
    if (started === null) throw new Error('Prosody starts in beforeAll');
    const { connection, verdict } = await connectToLoopback({ port: started.prosody.starttlsPort, directTls: false, caPem: started.caPem });
    expect(verdict.verified).toBe(true);
    const session = await openOnlineSession({ connection, serverProof: 'pkix', domain: SESSION_DOMAIN, localpart: user, password: password(user), resource, previousMechanism: null });
    const log: FeatureLogEntry[] = [];
    const pep = createOmemoPep({ link: session.link, log: (entry) => log.push(entry) });
    closers.push(async () => {
      pep.dispose();
      await session.close();
    });
    return { session, pep, log };
  }

  it('a stranger reads exactly the device list and bundle an account published', async () => {
    const alice = await open('alice');
    const bob = await open('bob');
    const ours = deviceId();
    const other = deviceId();
    const published = bundle(100);
    await alice.pep.publishDeviceList([ours, other]);
    await alice.pep.publishBundle(ours, published);

    expect(await bob.pep.fetchDeviceList(jidOf('alice'))).toEqual({ ok: true, value: [ours, other], ignored: [] });
    expect(await bob.pep.fetchBundle(jidOf('alice'), ours)).toEqual({ ok: true, value: published, ignored: [] });
    // A device in the list that published no bundle (yet) has none: nothing to start a session with.
    expect(await bob.pep.fetchBundle(jidOf('alice'), other)).toBeNull();

    // A new list replaces the old one (item 'current'), for the account itself too (a request without `to`).
    await alice.pep.publishDeviceList([ours]);
    expect(await bob.pep.fetchDeviceList(jidOf('alice'))).toEqual({ ok: true, value: [ours], ignored: [] });
    expect(await alice.pep.fetchDeviceList(jidOf('alice'))).toEqual({ ok: true, value: [ours], ignored: [] });
    expect([...alice.log, ...bob.log]).toEqual([]);
  });

  it('an account that never published has no devices and no bundles', async () => {
    const bob = await open('bob');
    // Prosody answers a stranger `forbidden` here (it does not tell whether the node exists), the account itself item-not-found.
    expect(await bob.pep.fetchDeviceList(jidOf('carol'))).toEqual({ ok: true, value: [], ignored: [] });
    expect(await bob.pep.fetchBundle(jidOf('carol'), deviceId())).toBeNull();
    // Our own account before its first publish: the same answer.
    expect(await bob.pep.fetchDeviceList(jidOf('bob'))).toEqual({ ok: true, value: [], ignored: [] });
  });

  it("opens a device list node another client created with the server's default access, then publishes", async () => {
    const dave = await open('dave', 'old-client');
    const bob = await open('bob');
    // An older client publishes without publish-options: Prosody creates the node readable by contacts only.
    const first = deviceId();
    await dave.session.link.request(
      xml(
        'iq',
        { type: 'set' },
        xml(
          'pubsub',
          { xmlns: 'http://jabber.org/protocol/pubsub' },
          xml('publish', { node: 'eu.siacs.conversations.axolotl.devicelist' }, xml('item', { id: 'current' }, xml('list', { xmlns: 'eu.siacs.conversations.axolotl' }, xml('device', { id: String(first) })))),
        ),
      ),
    );
    expect(await dave.pep.fetchDeviceList(jidOf('dave'))).toEqual({ ok: true, value: [first], ignored: [] });
    // Kept from strangers, and Prosody does not say whether the node exists: nothing to encrypt for.
    expect(await bob.pep.fetchDeviceList(jidOf('dave'))).toEqual({ ok: true, value: [], ignored: [] });

    // Our publish asks for an open node: Prosody refuses the mismatch (precondition-not-met), the node is opened, the publish retried.
    const second = deviceId();
    await dave.pep.publishDeviceList([first, second]);
    expect(await bob.pep.fetchDeviceList(jidOf('dave'))).toEqual({ ok: true, value: [first, second], ignored: [] });
  });
});
