/**
 * issue 14: files. Two accounts on a real Prosody with its XEP-0363 service (mod_http_file_share, on its own
 * HTTPS port with a certificate from the test CA): one uploads a file through the app's requests (main's file
 * dialog stood in for), the other receives the link (XEP-0066) and loads it through main; both directions.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROSODY, requireSystemDependency } from '../../harness/system-dependency.js';
import { plaintextChatSuite } from './chat-suite.js';
import { befriend } from './chat-friends.js';
import type { ChatClient } from './chat-client.js';

const available = requireSystemDependency(PROSODY, 'integration (Prosody)');

const SIZE_LIMIT = 256 * 1024;
/** A 1x1 PNG. */
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360f80f0000010100005b0d0a2d0000000049454e44ae426082', 'hex');

describe.runIf(available)('files: upload (XEP-0363) and links (XEP-0066) through a real Prosody', () => {
  let dir = '';
  let chosen: string | null = null;
  let saveTo: string | null = null;
  const suite = plaintextChatSuite(undefined, { fileShare: { sizeLimit: SIZE_LIMIT } });
  const files = {
    pickFile: async () => chosen,
    chooseSavePath: async () => saveTo,
    allowPrivateAddressesForTests: true,
  };
  const open = (jid: string, resource: string) => suite.open(jid, resource, { app: { files } });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'hostproof-files-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function share(from: ChatClient, to: ChatClient, name: string, bytes: Uint8Array) {
    chosen = path.join(dir, name);
    await writeFile(chosen, bytes);
    const mark = to.mark();
    const outcome = await from.call('sendFile', { accountId: from.accountId, to: to.jid, transferId: `t-${name.replace(/\W/g, '-')}` });
    if (outcome.kind !== 'sent') throw new Error(`not sent: ${outcome.kind}`);
    const received = await to.next('messageReceived', (m) => m.peer === from.jid && m.oobUrl === outcome.message.oobUrl, { after: mark });
    return { sent: outcome.message, received };
  }

  it('alice sends a picture: the link is https on the upload service, bob gets it as a file message and loads it as a picture by itself (a contact)', async () => {
    const alice = await open('alice@valid.test', 'desk');
    const bob = await open('bob@valid.test', 'laptop');
    await befriend(alice, bob);

    const progressMark = alice.mark();
    const { sent, received } = await share(alice, bob, 'cat.png', PNG);
    expect(sent.oobUrl).toMatch(/^https:\/\/upload\.valid\.test:\d+\//);
    expect(sent.body).toBe(sent.oobUrl);
    expect(received.body).toBe(sent.oobUrl);
    expect(alice.all('fileTransferProgress', progressMark).at(-1)).toMatchObject({ transferId: 't-cat-png', sent: PNG.length, total: PNG.length });

    const view = await bob.call('loadSharedFile', { accountId: bob.accountId, peer: alice.jid, id: received.id, auto: true });
    expect(view).toEqual({ kind: 'picture', dataUrl: `data:image/png;base64,${PNG.toString('base64')}`, bytes: PNG.length });
    // Alice's own picture loads for her too, from her stored message.
    const own = await alice.call('loadSharedFile', { accountId: alice.accountId, peer: bob.jid, id: sent.id, auto: true });
    expect(own.kind).toBe('picture');
  });

  it('bob sends a text file back: alice sees a file, not a picture, and saves it where she chose (nothing opened)', async () => {
    const alice = await open('alice@valid.test', 'desk');
    const bob = await open('bob@valid.test', 'laptop');
    const text = Buffer.from('notes for alice\n');
    const { received } = await share(bob, alice, 'notes.txt', text);

    const view = await alice.call('loadSharedFile', { accountId: alice.accountId, peer: bob.jid, id: received.id, auto: false });
    expect(view).toEqual({ kind: 'file', name: 'notes.txt', bytes: text.length });
    saveTo = path.join(dir, 'saved-notes.txt');
    expect(await alice.call('saveSharedFile', { accountId: alice.accountId, peer: bob.jid, id: received.id })).toEqual({ saved: true });
    expect(await readFile(saveTo)).toEqual(text);
    saveTo = null;
    expect(await alice.call('saveSharedFile', { accountId: alice.accountId, peer: bob.jid, id: received.id })).toEqual({ saved: false });
  });

  it('a file over the service limit is refused before anything is uploaded, in words; closing the dialog sends nothing', async () => {
    const alice = await open('alice@valid.test', 'desk');
    chosen = path.join(dir, 'big.bin');
    await writeFile(chosen, Buffer.alloc(SIZE_LIMIT + 1));
    const mark = alice.mark();
    await expect(alice.call('sendFile', { accountId: alice.accountId, to: 'bob@valid.test', transferId: 'big' })).rejects.toThrow(/files up to 0\.25 MB can be sent/);
    expect(alice.all('fileTransferProgress', mark)).toEqual([]);
    chosen = null;
    expect(await alice.call('sendFile', { accountId: alice.accountId, to: 'bob@valid.test', transferId: 'none' })).toEqual({ kind: 'not-chosen' });
  });

  it('a file dropped on the conversation goes the same way (its bytes from the window); one over the limit is refused in words', async () => {
    const alice = await open('alice@valid.test', 'desk');
    const bob = await open('bob@valid.test', 'laptop');
    const mark = bob.mark();
    const text = new TextEncoder().encode('dropped notes\n');
    const outcome = await alice.call('sendDroppedFile', { accountId: alice.accountId, to: bob.jid, transferId: 'dropped-1', name: 'dropped notes.txt', bytes: text });
    if (outcome.kind !== 'sent') throw new Error(`not sent: ${outcome.kind}`);
    expect(outcome.message.oobUrl).toMatch(/^https:\/\/upload\.valid\.test:\d+\/.*dropped/);
    const received = await bob.next('messageReceived', (m) => m.peer === alice.jid && m.oobUrl === outcome.message.oobUrl, { after: mark });
    expect(await bob.call('loadSharedFile', { accountId: bob.accountId, peer: alice.jid, id: received.id, auto: false })).toMatchObject({ kind: 'file', bytes: text.length });

    const progress = alice.mark();
    const big = new Uint8Array(SIZE_LIMIT + 1);
    await expect(alice.call('sendDroppedFile', { accountId: alice.accountId, to: bob.jid, transferId: 'dropped-2', name: 'big.bin', bytes: big })).rejects.toThrow(/files up to 0\.25 MB can be sent/);
    expect(alice.all('fileTransferProgress', progress)).toEqual([]);
    // A name with a folder in it is not a dropped file's name: refused by the contract before main acts.
    await expect(alice.call('sendDroppedFile', { accountId: alice.accountId, to: bob.jid, transferId: 'dropped-3', name: '../escape.txt', bytes: text })).rejects.toThrow();
  });

  it('the setting: a stranger\'s picture waits under "contacts" (the default) until asked; "always" loads it; "never" does not', async () => {
    // alice@posh.test has nobody in her roster: bob@valid.test is a stranger to her.
    const alice = await open('alice@posh.test', 'desk');
    const stranger = await open('bob@valid.test', 'laptop');
    const { received } = await share(stranger, alice, 'stranger.png', PNG);
    const load = (auto: boolean) => alice.call('loadSharedFile', { accountId: alice.accountId, peer: stranger.jid, id: received.id, auto });

    expect(await alice.call('getFilePreferences')).toEqual({ autoLoadPictures: 'contacts' });
    expect(await load(true)).toEqual({ kind: 'not-loaded', name: 'stranger.png' });
    expect((await load(false)).kind).toBe('picture');
    expect(await alice.call('setFilePreferences', { autoLoadPictures: 'always' })).toEqual({ autoLoadPictures: 'always' });
    expect((await load(true)).kind).toBe('picture');
    await alice.call('setFilePreferences', { autoLoadPictures: 'never' });
    expect(await load(true)).toEqual({ kind: 'not-loaded', name: 'stranger.png' });
  });
});
