/**
 * XEP-0372 mention references through a real room (Prosody's MUC passes them on): bob marks his message as
 * mentioning alice's occupant address, and alice's rooms feature reports it as a mention of her; carol, not
 * referenced, does not get it as hers.
 */
import { xml } from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { PROSODY, requireSystemDependency } from '../../../harness/system-dependency.js';
import { newRoom, useRoomWorld } from './room-world.js';

const available = requireSystemDependency(PROSODY, 'integration (Prosody)');

describe.runIf(available)('mention references in a room', () => {
  const world = useRoomWorld();

  it('a message referencing our occupant address reaches us marked as a mention, and only us', async () => {
    const [alice, bob, carol] = await Promise.all([world.open('alice'), world.open('bob'), world.open('carol')]);
    const room = newRoom('mentions');
    expect(await alice.rooms.join({ room, nick: 'Alice' })).toMatchObject({ ok: true });
    expect(await bob.rooms.join({ room, nick: 'Bob' })).toMatchObject({ ok: true });
    expect(await carol.rooms.join({ room, nick: 'Carol' })).toMatchObject({ ok: true });

    await bob.session.link.send(
      xml(
        'message',
        { to: room, type: 'groupchat', id: 'ref-1' },
        xml('body', {}, 'see above, A.'),
        xml('reference', { xmlns: 'urn:xmpp:reference:0', type: 'mention', begin: '11', end: '13', uri: `xmpp:${room}/Alice` }),
      ),
    );
    expect(await alice.next('message', (m) => m.body === 'see above, A.')).toMatchObject({ nick: 'Bob', mentionsMe: true });
    expect(await carol.next('message', (m) => m.body === 'see above, A.')).toMatchObject({ nick: 'Bob', mentionsMe: false });
  });
});
