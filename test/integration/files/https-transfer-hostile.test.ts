/**
 * issue 14: files. The HTTPS transfers of shared files against a real local HTTPS server with certificates from
 * a test CA (the POSH tests' server): what a hostile link or file server can try. Plain http is refused before
 * a byte leaves, a file past the cap is not read past it, a slow server meets the time limit, a certificate
 * from outside the roots fails, a link into the user's own network is refused, and an HTML page named .png
 * is a file, not a picture. issue 15: an encrypted file that does not open is refused and nothing is saved.
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountId } from '../../../app/domain/account.js';
import type { ChatMessage } from '../../../app/domain/chat.js';
import { encryptFile, formatAesgcmLink } from '../../../main/files/aesgcm-file.js';
import { createHttpsTransfer, TransferError, type TransferNetwork } from '../../../main/files/https-transfer.js';
import { createSecureContexts } from '../../../main/net/secure-contexts.js';
import { createFileSharing } from '../../../main/services/file-sharing.js';
import { createFilePreferencesStore } from '../../../main/store/file-preferences-store.js';
import { createPathLocks } from '../../../main/store/path-locks.js';
import { openMessageDb, type MessageDb } from '../../../main/store/messages/message-db.js';
import { startPoshHttpsServer, type PoshHttpsServer } from '../../harness/posh-https-server.js';
import { waitUntil } from '../../harness/wait-until.js';
import { createTestCa, createTestCertificate, type TestCa } from '../../harness/test-pki.js';

const HOST = 'files.example.test';
const ACCOUNT = 'acc-1' as AccountId;
const PEER = 'mallory@attacker.test';

describe('shared-file transfers against a hostile HTTPS server', () => {
  let ca: TestCa;
  let server: PoshHttpsServer;
  let dir: string;
  let db: MessageDb;
  let network: TransferNetwork;

  beforeAll(async () => {
    ca = await createTestCa();
    server = await startPoshHttpsServer({ sites: { [HOST]: await createTestCertificate({ commonName: HOST, dnsNames: [HOST], issuer: ca }) } });
    dir = await mkdtemp(path.join(os.tmpdir(), 'hostproof-transfer-'));
    db = openMessageDb({ file: path.join(dir, 'messages.sqlite'), now: () => new Date(), report: () => undefined });
    network = {
      roots: async () => [ca.certPem],
      secureContexts: createSecureContexts(),
      lookup: server.dial.lookup,
      connectTo: server.dial.connectTo,
      allowPrivateAddressesForTests: true,
    };
  });
  afterAll(async () => {
    db.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  const url = (p: string) => `https://${HOST}${p}`;
  const failureOf = async (work: Promise<unknown>): Promise<TransferError> => {
    const error = await work.then(
      () => null,
      (e: unknown) => e,
    );
    if (!(error instanceof TransferError)) throw new Error(`expected a TransferError, got ${String(error)}`);
    return error;
  };
  const transfer = () => createHttpsTransfer(network);

  it('downloads a file over https with the roots given', async () => {
    server.route(HOST, '/ok.txt', { kind: 'text', body: 'hello', contentType: 'text/plain' });
    expect(Buffer.from(await transfer().download(url('/ok.txt'), { maxBytes: 100, timeoutMs: 5_000 })).toString()).toBe('hello');
  });

  it('an http link (or any other scheme) is refused before any request; so is an upload slot on http', async () => {
    const before = server.requests.length;
    expect((await failureOf(transfer().download(`http://${HOST}/ok.txt`, { maxBytes: 100, timeoutMs: 5_000 }))).kind).toBe('not-https');
    expect((await failureOf(transfer().download('file:///etc/passwd', { maxBytes: 100, timeoutMs: 5_000 }))).kind).toBe('not-https');
    const upload = transfer().upload(`http://${HOST}/put`, { body: new Uint8Array(3), headers: {}, contentType: 'text/plain', timeoutMs: 5_000 });
    expect((await failureOf(upload)).kind).toBe('not-https');
    expect(server.requests.length).toBe(before);
  });

  it('a file past the cap is not downloaded past it, announced or not', async () => {
    server.route(HOST, '/huge-announced', { kind: 'huge', bytes: 5 * 1024 * 1024, announceLength: true });
    server.route(HOST, '/huge-silent', { kind: 'huge', bytes: 5 * 1024 * 1024 });
    for (const p of ['/huge-announced', '/huge-silent']) {
      const error = await failureOf(transfer().download(url(p), { maxBytes: 64 * 1024, timeoutMs: 10_000 }));
      expect(error.kind).toBe('too-large');
      expect(error.message).toMatch(/not downloaded/);
    }
  });

  it('a slow server meets the time limit', async () => {
    server.route(HOST, '/slow', { kind: 'slow', body: 'x'.repeat(100), delayMs: 5_000 });
    server.route(HOST, '/hang', { kind: 'hang' });
    for (const p of ['/slow', '/hang']) expect((await failureOf(transfer().download(url(p), { maxBytes: 1000, timeoutMs: 300 }))).kind).toBe('timeout');
  });

  it('a certificate not from the roots is a TLS failure; a redirect is not followed', async () => {
    const stranger = await createTestCa();
    const untrusted = createHttpsTransfer({ ...network, roots: async () => [stranger.certPem] });
    server.route(HOST, '/ok.txt', { kind: 'text', body: 'hello' });
    expect((await failureOf(untrusted.download(url('/ok.txt'), { maxBytes: 100, timeoutMs: 5_000 }))).kind).toBe('tls-error');
    server.route(HOST, '/moved', { kind: 'redirect', status: 302, location: url('/ok.txt') });
    const redirected = await failureOf(transfer().download(url('/moved'), { maxBytes: 100, timeoutMs: 5_000 }));
    expect([redirected.kind, redirected.status]).toEqual(['http-status', 302]);
  });

  it('a link whose name resolves into the user\'s own network is refused (the app never allows it)', async () => {
    const app = createHttpsTransfer({ ...network, allowPrivateAddressesForTests: false, connectTo: undefined, lookup: async () => [{ address: '192.168.1.10', family: 4 }] });
    const error = await failureOf(app.download(url('/ok.txt'), { maxBytes: 100, timeoutMs: 5_000 }));
    expect(error.kind).toBe('refused');
    expect(error.message).toMatch(/private/);
  });

  it('an HTML page named .png is a file to save, not a picture; a huge picture says it was not loaded', async () => {
    const sharing = createFileSharing({
      files: () => {
        throw new Error('not connected');
      },
      history: db,
      transfer: transfer(),
      preferences: createFilePreferencesStore({ file: path.join(dir, 'file-preferences.json'), now: () => new Date(), report: () => undefined, locks: createPathLocks() }),
      pickFile: async () => null,
      chooseSavePath: async () => null,
      emit: () => undefined,
      limits: { maxPictureBytes: 64 * 1024 },
    });
    const shared = (id: string, link: string): ChatMessage => {
      const message: ChatMessage = { id, accountId: ACCOUNT, peer: PEER, direction: 'in', body: link, at: new Date().toISOString(), state: 'received', stanzaId: null, originId: id, archiveId: null, carbon: false, error: null, oobUrl: link };
      db.store({ message, keys: [`origin:${id}`], unread: false });
      return message;
    };
    server.route(HOST, '/cat.png', { kind: 'text', body: '<html><script>alert(1)</script></html>', contentType: 'image/png' });
    shared('html', url('/cat.png'));
    expect(await sharing.load(ACCOUNT, PEER, 'html', false)).toEqual({ kind: 'file', name: 'cat.png', bytes: 38 });
    // Shown again (scrolled back to, opened again, or asked twice at once): not downloaded again.
    const asked = server.requests.filter((r) => r.path === '/cat.png').length;
    await Promise.all([sharing.load(ACCOUNT, PEER, 'html', false), sharing.load(ACCOUNT, PEER, 'html', true)]);
    expect(server.requests.filter((r) => r.path === '/cat.png').length).toBe(asked);
    server.route(HOST, '/big.png', { kind: 'huge', bytes: 1024 * 1024, announceLength: true });
    shared('big', url('/big.png'));
    expect(await sharing.load(ACCOUNT, PEER, 'big', false)).toEqual({ kind: 'too-large', name: 'big.png', limit: 64 * 1024 });
    // Asked by itself, a stranger's file (no roster known) waits for the person.
    expect(await sharing.load(ACCOUNT, PEER, 'big', true)).toEqual({ kind: 'not-loaded', name: 'big.png' });
    // A message without a file cannot be made to fetch anything.
    db.store({ message: { ...shared('plain', url('/x')), id: 'plain-2', originId: 'plain-2', oobUrl: null }, keys: ['origin:plain-2'], unread: false });
    await expect(sharing.load(ACCOUNT, PEER, 'plain-2', false)).rejects.toThrow(/no file/);
    await expect(sharing.load(ACCOUNT, PEER, 'guessed-id', false)).rejects.toThrow(/no file/);
  });

  it('issue 15: an encrypted file (XEP-0454) is opened after download; a changed byte, a wrong key or a cut file saves nothing, in words', async () => {
    const target = path.join(dir, 'saved-secret.bin');
    const sharing = createFileSharing({
      files: () => {
        throw new Error('not connected');
      },
      history: db,
      transfer: transfer(),
      preferences: createFilePreferencesStore({ file: path.join(dir, 'prefs-3.json'), now: () => new Date(), report: () => undefined, locks: createPathLocks() }),
      pickFile: async () => null,
      chooseSavePath: async () => target,
      emit: () => undefined,
    });
    const encrypted = (id: string, link: string, encryption: ChatMessage['encryption'] | null = { kind: 'omemo', device: 7 }) => {
      const message: ChatMessage = { id, accountId: ACCOUNT, peer: PEER, direction: 'in', body: link, at: new Date().toISOString(), state: 'received', stanzaId: null, originId: id, archiveId: null, carbon: false, error: null, oobUrl: link, ...(encryption ? { encryption } : {}) };
      db.store({ message, keys: [`origin:${id}`], unread: false });
    };
    const plain = new TextEncoder().encode('the secret plans\n');
    const sealed = encryptFile(plain);
    server.route(HOST, '/enc/plans.txt', { kind: 'text', body: sealed.ciphertext, contentType: 'application/octet-stream' });
    encrypted('enc-ok', formatAesgcmLink(url('/enc/plans.txt'), sealed));
    expect(await sharing.load(ACCOUNT, PEER, 'enc-ok', false)).toEqual({ kind: 'file', name: 'plans.txt', bytes: plain.byteLength });
    expect(await sharing.save(ACCOUNT, PEER, 'enc-ok')).toEqual({ saved: true });
    expect(await readFile(target)).toEqual(Buffer.from(plain));
    await rm(target);

    const changed = new Uint8Array(sealed.ciphertext);
    changed[3] = (changed[3] ?? 0) ^ 0x01;
    server.route(HOST, '/enc/changed.txt', { kind: 'text', body: changed, contentType: 'application/octet-stream' });
    server.route(HOST, '/enc/cut.txt', { kind: 'text', body: sealed.ciphertext.subarray(0, 10), contentType: 'application/octet-stream' });
    const otherKey = encryptFile(plain);
    encrypted('enc-changed', formatAesgcmLink(url('/enc/changed.txt'), sealed));
    encrypted('enc-cut', formatAesgcmLink(url('/enc/cut.txt'), sealed));
    encrypted('enc-wrong-key', formatAesgcmLink(url('/enc/plans.txt'), otherKey));
    for (const id of ['enc-changed', 'enc-cut', 'enc-wrong-key']) {
      await expect(sharing.load(ACCOUNT, PEER, id, false)).rejects.toThrow(/^The file could not be decrypted/);
      await expect(sharing.save(ACCOUNT, PEER, id)).rejects.toThrow(/^The file could not be decrypted/);
      await expect(stat(target)).rejects.toMatchObject({ code: 'ENOENT' });
    }

    // A stored link with a malformed key says so, fetching nothing; an aesgcm link in a plaintext message is no file.
    const before = server.requests.length;
    encrypted('enc-malformed', `aesgcm://${HOST}/enc/plans.txt#${'ab'.repeat(10)}`);
    await expect(sharing.save(ACCOUNT, PEER, 'enc-malformed')).rejects.toThrow(/^The file could not be decrypted: its link/);
    encrypted('enc-in-plaintext', formatAesgcmLink(url('/enc/plans.txt'), sealed), null);
    await expect(sharing.load(ACCOUNT, PEER, 'enc-in-plaintext', false)).rejects.toThrow(/no file/);
    expect(server.requests.length).toBe(before);
    await expect(stat(target)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('an upload slot whose address is not https is refused before the upload; an upload can be cancelled while it runs', async () => {
    const file = path.join(dir, 'note.txt');
    await writeFile(file, 'a note');
    let putUrl = `http://${HOST}/put/note.txt`;
    const events: unknown[] = [];
    const sent: string[] = [];
    const sharing = createFileSharing({
      files: () => ({
        uploadService: async () => ({ jid: 'upload.example.test', maxFileSize: 1000 }),
        requestSlot: async () => ({ putUrl, getUrl: url('/get/note.txt'), headers: {} }),
        encryptionFor: async () => undefined,
        sendSharedFile: async (_to, link) => {
          sent.push(link);
          throw new Error('not expected');
        },
        isContact: () => false,
      }),
      history: db,
      transfer: transfer(),
      preferences: createFilePreferencesStore({ file: path.join(dir, 'prefs-2.json'), now: () => new Date(), report: () => undefined, locks: createPathLocks() }),
      pickFile: async () => file,
      chooseSavePath: async () => null,
      emit: (event, payload) => void events.push({ event, payload }),
    });
    const before = server.requests.length;
    await expect(sharing.sendFile(ACCOUNT, PEER, 't1')).rejects.toThrow(/not https/);
    expect(server.requests.length).toBe(before);

    putUrl = url('/put/note.txt');
    server.route(HOST, '/put/note.txt', { kind: 'hang' });
    const running = sharing.sendFile(ACCOUNT, PEER, 't2');
    await waitUntil(() => server.requests.some((r) => r.path === '/put/note.txt'), 'the upload has started');
    sharing.cancel('t2');
    expect(await running).toEqual({ kind: 'cancelled' });
    expect(sent).toEqual([]);
  });
});
