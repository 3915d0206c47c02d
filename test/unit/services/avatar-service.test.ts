/**
 * The avatar service with a real cache on disk and a stand-in for the session's avatar feature (its
 * dependency): hostile pictures are dropped (initials stay), honest ones shown, and our own is checked and
 * published.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_AVATAR_BYTES } from '../../../app/domain/avatars.js';
import type { EventName } from '../../../app/ipc/channels.js';
import { createAvatarCache, sha1Hex } from '../../../main/media/avatar-cache.js';
import { AvatarError } from '../../../main/media/avatar-error.js';
import { keepSmallPngs } from '../../../main/media/image-resizer.js';
import { createAvatarService, type AvatarService } from '../../../main/services/avatar-service.js';
import type { PublishedAvatar } from '../../../main/xmpp/features/avatars/avatar-stanzas.js';
import type { Avatars, AvatarsEvents } from '../../../main/xmpp/features/avatars/avatars.js';
import { createEmitter } from '../../../main/xmpp/features/emitter.js';
import type { FeatureLogEntry } from '../../../main/xmpp/features/feature-deps.js';
import { waitUntil } from '../../harness/wait-until.js';
import { testPng } from '../../harness/test-png.js';

const ACCOUNT = '00000000-0000-4000-8000-000000000001';
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** The session's avatar feature as the service sees it: announcements pushed by the test, data it serves. */
function sessionFeature(data: Map<string, Uint8Array>) {
  const emitter = createEmitter<AvatarsEvents>(() => undefined);
  const published: PublishedAvatar[] = [];
  const feature: Avatars = {
    on: emitter.on,
    fetchPep: async (jid, hash) => data.get(`${jid} ${hash}`) ?? null,
    fetchVcard: async (jid) => data.get(`${jid} vcard`) ?? null,
    publish: async (avatar) => void published.push(avatar),
    unpublish: async () => undefined,
    dispose: () => emitter.clear(),
  };
  return { feature, published, announce: (notice: AvatarsEvents['announced']) => emitter.emit('announced', notice), nick: (n: AvatarsEvents['nick']) => emitter.emit('nick', n) };
}

describe('avatar service', () => {
  let dir = '';
  let events: Array<{ event: EventName; payload: unknown }>;
  let logs: FeatureLogEntry[];
  let service: AvatarService;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'hostproof-avatar-service-'));
    events = [];
    logs = [];
    service = createAvatarService({
      cache: createAvatarCache(dir),
      resizer: keepSmallPngs,
      emit: (event, payload) => void events.push({ event, payload }),
      log: (entry) => void logs.push(entry),
    });
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('shows an honest picture from PEP or the vCard, and forgets it when removed', async () => {
    const png = testPng(8, 8, [10, 200, 10]);
    const hash = sha1Hex(png);
    const data = new Map([[`bob@example.org ${hash}`, png], ['carol@example.org vcard', png]]);
    const session = sessionFeature(data);
    service.attach(ACCOUNT, session.feature);
    session.announce({ jid: 'bob@example.org', hash, via: 'pep' });
    session.announce({ jid: 'carol@example.org', hash, via: 'vcard' });
    await waitUntil(() => events.length === 2, 'both pictures shown');
    expect(await service.avatar(ACCOUNT, 'bob@example.org')).toBe(`data:image/png;base64,${b64(png)}`);
    expect(await service.avatar(ACCOUNT, 'carol@example.org')).toBe(`data:image/png;base64,${b64(png)}`);

    session.announce({ jid: 'bob@example.org', hash: null, via: 'pep' });
    await waitUntil(() => events.length === 3, 'the removal told');
    expect(await service.avatar(ACCOUNT, 'bob@example.org')).toBeNull();
  });

  it('drops a picture that does not hash to its id, a huge one and a non-picture: no event, initials stay', async () => {
    const png = testPng(8, 8, [10, 10, 10]);
    const huge = new Uint8Array(MAX_AVATAR_BYTES + 10);
    huge.set(png);
    const script = new TextEncoder().encode('<svg onload="alert(1)"/>');
    const lie = 'c'.repeat(40);
    const session = sessionFeature(
      new Map([
        [`mallory@example.org ${lie}`, png],
        [`mallory@example.org ${sha1Hex(huge)}`, huge],
        [`mallory@example.org ${sha1Hex(script)}`, script],
      ]),
    );
    service.attach(ACCOUNT, session.feature);
    for (const hash of [lie, sha1Hex(huge), sha1Hex(script)]) session.announce({ jid: 'mallory@example.org', hash, via: 'pep' });
    await waitUntil(() => logs.length === 3, 'the three refusals');
    expect(logs.map((l) => l.reason).sort()).toEqual(['avatar refused: hash-mismatch', 'avatar refused: not-a-picture', 'avatar refused: too-big']);
    expect(events).toEqual([]);
    expect(await service.avatar(ACCOUNT, 'mallory@example.org')).toBeNull();
  });

  it('keeps nicknames per account and tells each change once', () => {
    const session = sessionFeature(new Map());
    service.attach(ACCOUNT, session.feature);
    session.nick({ jid: 'bob@example.org', nick: 'Bobby' });
    session.nick({ jid: 'bob@example.org', nick: 'Bobby' });
    expect(service.nicknames(ACCOUNT)).toEqual([{ jid: 'bob@example.org', nick: 'Bobby' }]);
    session.nick({ jid: 'bob@example.org', nick: null });
    expect(service.nicknames(ACCOUNT)).toEqual([]);
    expect(events.map((e) => e.payload)).toEqual([
      { accountId: ACCOUNT, jid: 'bob@example.org', nick: 'Bobby' },
      { accountId: ACCOUNT, jid: 'bob@example.org', nick: null },
    ]);
  });

  it('publishes our own picture once checked, and refuses what is not one, too big to resize, or offline', async () => {
    const me = 'alice@example.org';
    await expect(service.setOwn(ACCOUNT, me, b64(testPng(8, 8, [1, 1, 1])))).rejects.toThrow(/not online/);
    const session = sessionFeature(new Map());
    const stop = service.attach(ACCOUNT, session.feature);

    const png = testPng(64, 48, [200, 100, 0]);
    await service.setOwn(ACCOUNT, me, b64(png));
    expect(session.published).toEqual([{ base64: b64(png), hash: sha1Hex(png), bytes: png.length, width: 64, height: 48 }]);
    expect(await service.avatar(ACCOUNT, me)).toBe(`data:image/png;base64,${b64(png)}`);

    await expect(service.setOwn(ACCOUNT, me, b64(new TextEncoder().encode('<html></html>')))).rejects.toMatchObject({ kind: 'not-a-picture' });
    // The plain resizer cannot make a big picture smaller: refused with words, never published as it is.
    await expect(service.setOwn(ACCOUNT, me, b64(testPng(400, 400, [0, 0, 0])))).rejects.toBeInstanceOf(AvatarError);
    expect(session.published).toHaveLength(1);

    for (const off of stop) off();
    await expect(service.removeOwn(ACCOUNT, me)).rejects.toThrow(/not online/);
  });
});
