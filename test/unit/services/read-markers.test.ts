/**
 * Sending read markers (issue 14, main/services/read-markers.ts): one marker for the contact's newest message
 * that asked for one, none when the setting is off, the contact does not share presence, or no session is
 * attached; and a marker naming nothing of ours changes nothing. Real message store (SQLite), a recording
 * stand-in for the session's markers.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../app/domain/chat.js';
import { createAccountReadMarkers } from '../../../main/services/read-markers.js';
import { openMessageDb } from '../../../main/store/messages/message-db.js';
import type { DisplayedMarker } from '../../../main/xmpp/features/chat-markers.js';
import { createEmitter } from '../../../main/xmpp/features/emitter.js';
import { ACCOUNT, BOB, input, msg } from '../store/messages/message-fixture.js';
import { useTempDirs } from '../store/temp-dir.js';

const tempDir = useTempDirs();

async function setup(options: { send?: boolean; shares?: boolean } = {}) {
  const db = openMessageDb({ file: path.join(await tempDir(), 'messages.sqlite'), now: () => new Date(), report: () => undefined });
  const sent: Array<[string, string]> = [];
  const events: unknown[] = [];
  const emitter = createEmitter<{ displayed: DisplayedMarker }>(() => undefined);
  const markers = createAccountReadMarkers({
    accountId: ACCOUNT,
    db,
    emit: (event, payload) => void events.push([event, payload]),
    sendEnabled: async () => options.send ?? true,
    log: () => undefined,
  });
  const attach = () =>
    markers.attach({
      markers: { on: emitter.on, sendDisplayed: async (peer, id) => void sent.push([peer, id]) },
      sharesPresenceWith: () => options.shares ?? true,
    });
  return { db, markers, sent, events, emitter, attach };
}

const incoming = (overrides: Partial<ChatMessage>): ChatMessage => msg({ direction: 'in', markable: true, ...overrides });

describe('sending read markers', () => {
  it('one marker for the newest markable message, once', async () => {
    const { markers, sent, attach, db } = await setup();
    attach();
    markers.noteIncoming(incoming({ stanzaId: 's1', at: '2026-12-01T09:00:01.000Z' }));
    markers.noteIncoming(incoming({ stanzaId: 's2', at: '2026-12-01T09:00:02.000Z' }));
    // An older one from the archive catch-up, after the newer live one, and one that did not ask.
    markers.noteIncoming(incoming({ stanzaId: 's0', at: '2026-12-01T09:00:00.000Z' }));
    markers.noteIncoming(msg({ direction: 'in', stanzaId: 's3', at: '2026-12-01T09:00:03.000Z' }));
    await markers.displayed(BOB);
    await markers.displayed(BOB);
    expect(sent).toEqual([[BOB, 's2']]);
    db.close();
  });

  it('nothing when the setting is off, the contact does not share presence, or no session is attached', async () => {
    for (const options of [{ send: false }, { shares: false }]) {
      const { markers, sent, attach, db } = await setup(options);
      attach();
      markers.noteIncoming(incoming({ stanzaId: 's1' }));
      await markers.displayed(BOB);
      expect(sent).toEqual([]);
      db.close();
    }
    const { markers, sent, attach, db } = await setup();
    markers.noteIncoming(incoming({ stanzaId: 's1' }));
    await markers.displayed(BOB);
    const off = attach();
    off();
    await markers.displayed(BOB);
    expect(sent).toEqual([]);
    db.close();
  });

  it("the contact's marker for our message is stored and told; one for anything else is not", async () => {
    const { emitter, events, attach, db } = await setup();
    attach();
    const ours = msg({ direction: 'out', state: 'sent', originId: 'o-ours', stanzaId: 'o-ours' });
    db.store(input(ours));
    emitter.emit('displayed', { peer: BOB, id: 'unknown', reader: 'contact' });
    emitter.emit('displayed', { peer: 'carol@example.org', id: 'o-ours', reader: 'contact' });
    expect(events).toEqual([]);
    emitter.emit('displayed', { peer: BOB, id: 'o-ours', reader: 'contact' });
    expect(events).toEqual([['readMarkerChanged', { accountId: ACCOUNT, peer: BOB, reader: 'contact', id: ours.id }]]);
    expect(db.readPosition(ACCOUNT, BOB)).toBe(ours.id);
    db.close();
  });
});
