/**
 * Test helper: an owner changes a room's configuration (XEP-0045 §10.2) by submitting the muc#roomconfig
 * form with the given fields. The app cannot do this yet; the tests need password-protected and
 * members-only rooms to be refused.
 */
import { xml } from '@xmpp/xml';
import type { RoomClient } from './room-world.js';

const field = (name: string, value: string) => xml('field', { var: name }, xml('value', {}, value));

export async function configureRoom(owner: RoomClient, room: string, fields: Readonly<Record<string, string>>): Promise<void> {
  await owner.session.link.request(
    xml(
      'iq',
      { type: 'set', to: room },
      xml(
        'query',
        { xmlns: 'http://jabber.org/protocol/muc#owner' },
        xml(
          'x',
          { xmlns: 'jabber:x:data', type: 'submit' },
          field('FORM_TYPE', 'http://jabber.org/protocol/muc#roomconfig'),
          ...Object.entries(fields).map(([name, value]) => field(name, value)),
        ),
      ),
    ),
  );
}
