/**
 * issue 15: files in encrypted conversations (XEP-0454), through the apps' own requests on a real Prosody with
 * its upload service (mod_http_file_share on its own HTTPS port): two apps with OMEMO on; Alice sends a file and
 * drops a picture in their encrypted conversation, Bob's app shows both as shared files and loads and saves the
 * original bytes (the picture recognised by its decrypted bytes). The upload store holds only ciphertext, and
 * nothing Alice wrote into her XMPP connection carries the file's address or key. Positive controls: the same
 * searches find a file Alice sends unencrypted to a contact without OMEMO, and find the encrypted file's
 * ciphertext (opened here with node's own AES-GCM, not the app's codec).
 */
import { createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOnlineSession } from '../../../main/xmpp/session/open-session.js';
import { recordWrites } from '../../harness/written-to-socket.js';
import { PROSODY, requireSystemDependency } from '../../harness/system-dependency.js';
import { chatSuite } from './chat-suite.js';
import { deviceListed, filesUnder, ownDevice } from './omemo-app-devices.js';

const available = requireSystemDependency(PROSODY, 'integration (Prosody)');

/** A 1x1 PNG. */
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360f80f0000010100005b0d0a2d0000000049454e44ae426082', 'hex');
const MARKER = `file-plaintext-${randomBytes(12).toString('hex')}`;
const CONTROL = `control-plaintext-${randomBytes(12).toString('hex')}`;

/** Opens `sealed` (ciphertext then 16-byte tag) with node directly, or null when the tag does not match. */
function openWithNode(sealed: Buffer, ivHex: string, keyHex: string): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', Buffer.from(keyHex, 'hex'), Buffer.from(ivHex, 'hex'));
    decipher.setAuthTag(sealed.subarray(sealed.length - 16));
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]);
  } catch {
    return null;
  }
}

describe.runIf(available)('files in an OMEMO-encrypted conversation between two apps', () => {
  let dir = '';
  let chosen: string | null = null;
  let saveTo: string | null = null;
  const suite = chatSuite(undefined, { fileShare: { sizeLimit: 256 * 1024 } });
  const files = { pickFile: async () => chosen, chooseSavePath: async () => saveTo, allowPrivateAddressesForTests: true };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'hostproof-omemo-files-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('alice sends a file and a picture encrypted; bob loads and saves the originals; the server and the wire never see them or their key', async () => {
    // Every string Alice's app writes into its XMPP connection (each login's socket), as in omemo-exchange.test.ts.
    const written: string[] = [];
    const alice = await suite.open('alice@valid.test', 'desk', {
      app: {
        files,
        omemo: true,
        openSession: async (args) => {
          recordWrites(args.connection.socket, written);
          return openOnlineSession(args);
        },
      },
    });
    const bob = await suite.open('bob@valid.test', 'laptop', { app: { files, omemo: true } });
    const aliceDevice = await ownDevice(alice);
    const bobDevice = await ownDevice(bob);
    await deviceListed(suite, 'alice', bob.jid, bobDevice.deviceId);

    // The file, through main's own file dialog.
    const plain = Buffer.from(`${MARKER}\n`.repeat(40));
    chosen = path.join(dir, 'garden plans.txt');
    await writeFile(chosen, plain);
    const wireBefore = written.length;
    const mark = bob.mark();
    const outcome = await alice.call('sendFile', { accountId: alice.accountId, to: bob.jid, transferId: 'enc-1' });
    if (outcome.kind !== 'sent') throw new Error(`not sent: ${outcome.kind}`);
    const sent = outcome.message;
    const link = /^aesgcm:\/\/(upload\.valid\.test:\d+\/[^#]+garden%20plans\.txt)#([0-9a-f]{24})([0-9a-f]{64})$/.exec(sent.oobUrl ?? '');
    if (link === null) throw new Error(`not an aesgcm link: ${sent.oobUrl}`);
    const [, address = '', ivHex = '', keyHex = ''] = link;
    expect(sent).toMatchObject({ body: sent.oobUrl, encryption: { kind: 'omemo', device: null } });

    const received = await bob.next('messageReceived', (m) => m.peer === alice.jid && m.direction === 'in' && m.oobUrl === sent.oobUrl, { after: mark });
    expect(received.encryption).toEqual({ kind: 'omemo', device: aliceDevice.deviceId });
    expect(await bob.call('loadSharedFile', { accountId: bob.accountId, peer: alice.jid, id: received.id, auto: false })).toEqual({
      kind: 'file',
      name: 'garden plans.txt',
      bytes: plain.length,
    });
    saveTo = path.join(dir, 'saved plans.txt');
    expect(await bob.call('saveSharedFile', { accountId: bob.accountId, peer: alice.jid, id: received.id })).toEqual({ saved: true });
    expect((await readFile(saveTo)).equals(plain)).toBe(true);
    const wireAfterFile = written.length;

    // A dropped picture: recognised by its decrypted bytes (the server was told only application/octet-stream).
    const pictureMark = bob.mark();
    const dropped = await alice.call('sendDroppedFile', { accountId: alice.accountId, to: bob.jid, transferId: 'enc-2', name: 'cat.png', bytes: new Uint8Array(PNG) });
    if (dropped.kind !== 'sent') throw new Error(`not sent: ${dropped.kind}`);
    expect(dropped.message.oobUrl).toMatch(/^aesgcm:\/\/upload\.valid\.test:\d+\/.*cat\.png#[0-9a-f]{88}$/);
    const picture = await bob.next('messageReceived', (m) => m.peer === alice.jid && m.oobUrl === dropped.message.oobUrl, { after: pictureMark });
    expect(await bob.call('loadSharedFile', { accountId: bob.accountId, peer: alice.jid, id: picture.id, auto: false })).toEqual({
      kind: 'picture',
      dataUrl: `data:image/png;base64,${PNG.toString('base64')}`,
      bytes: PNG.length,
    });

    // Positive control: the same file sent to a contact without OMEMO goes unencrypted, as an https link.
    const control = Buffer.from(`${CONTROL}\n`);
    chosen = path.join(dir, 'control.txt');
    await writeFile(chosen, control);
    const plainOutcome = await alice.call('sendFile', { accountId: alice.accountId, to: 'bob@posh.test', transferId: 'plain-1' });
    if (plainOutcome.kind !== 'sent') throw new Error(`not sent: ${plainOutcome.kind}`);
    expect(plainOutcome.message.oobUrl).toMatch(/^https:\/\/upload\.valid\.test:\d+\/.*control\.txt$/);
    expect(plainOutcome.message.encryption).toBeUndefined();
    const controlAddress = (plainOutcome.message.oobUrl ?? '').slice('https://'.length);

    // The wire: the encrypted file's message and its slot request carry neither its address nor its key, nor an
    // XEP-0066 element; the control's link is found in the clear where it was sent in the clear.
    const fileWire = written.slice(wireBefore, wireAfterFile).join('');
    expect(fileWire).toContain('eu.siacs.conversations.axolotl');
    for (const secret of [address, keyHex, ivHex, MARKER, 'jabber:x:oob']) expect(fileWire).not.toContain(secret);
    const allWire = written.join('');
    for (const secret of [address, keyHex, MARKER]) expect(allWire).not.toContain(secret);
    expect(allWire).toContain(controlAddress);

    // The upload store: the file's text is in none of Prosody's files; the control's is, and so is the
    // encrypted file's ciphertext (it opens with the link's key and IV).
    const stored = await Promise.all((await filesUnder(path.join(suite.world.prosody.dir, 'data'))).map(async (file) => ({ file, bytes: await readFile(file) })));
    expect(stored.filter((s) => s.bytes.includes(MARKER)).map((s) => s.file)).toEqual([]);
    expect(stored.filter((s) => s.bytes.includes(CONTROL)).length).toBeGreaterThan(0);
    const ciphertexts = stored.filter((s) => s.bytes.length === plain.length + 16 && openWithNode(s.bytes, ivHex, keyHex)?.equals(plain));
    expect(ciphertexts.length).toBe(1);
  });
});
