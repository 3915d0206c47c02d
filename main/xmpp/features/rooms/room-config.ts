/**
 * A room's configuration (XEP-0045 §10.1.3 and §10.2): the owner asks the room for its muc#roomconfig form,
 * fills the fields the form offers with the chosen settings and submits it. Services differ in what they
 * offer (Prosody has no muc#roomconfig_passwordprotectedroom, only the secret), so a setting whose field is
 * missing is reported back to the caller instead of being sent into the void or silently dropped.
 */
import { xml, type Element } from '@xmpp/xml';
import type { RoomConfig, RoomSetting } from '../../../../app/domain/rooms.js';
import type { XmppLink } from '../../link.js';
import { NS } from '../namespaces.js';
import { attr } from '../stanza-read.js';

const FORM_TYPE = 'http://jabber.org/protocol/muc#roomconfig';
const CONFIG_TIMEOUT_MS = 15_000;
/** A form lists a few dozen fields; beyond this, the rest are not read. */
const MAX_FORM_FIELDS = 500;

/** The field that carries each setting (XEP-0045 §15.5.3, the muc#roomconfig FORM_TYPE). */
export const CONFIG_FIELD: Readonly<Record<RoomSetting, string>> = {
  name: 'muc#roomconfig_roomname',
  description: 'muc#roomconfig_roomdesc',
  persistent: 'muc#roomconfig_persistentroom',
  membersOnly: 'muc#roomconfig_membersonly',
  moderated: 'muc#roomconfig_moderatedroom',
  public: 'muc#roomconfig_publicroom',
  password: 'muc#roomconfig_roomsecret',
};
/** Some services want this switched on next to the secret; it is sent when offered, never required. */
const PASSWORD_SWITCH = 'muc#roomconfig_passwordprotectedroom';

/** The settings to change: a full RoomConfig when creating, a few of them when changing a room. */
export type RoomConfigChanges = Partial<RoomConfig>;

export function configFormRequest(room: string): Element {
  return xml('iq', { type: 'get', to: room }, xml('query', { xmlns: NS.mucOwner }));
}

/** The field names the room's configuration form offers (empty when the answer has no form). */
export function offeredFields(answer: Element): ReadonlySet<string> {
  const form = answer.getChild('query', NS.mucOwner)?.getChild('x', NS.dataForms);
  if (form === undefined) return new Set();
  const names = new Set<string>();
  for (const field of form.getChildren('field', NS.dataForms).slice(0, MAX_FORM_FIELDS)) {
    const name = attr(field, 'var');
    if (name !== null) names.add(name);
  }
  return names;
}

const field = (name: string, value: string): Element => xml('field', { var: name }, xml('value', {}, value));
const flag = (on: boolean): string => (on ? '1' : '0');

function valueOf(setting: RoomSetting, changes: RoomConfigChanges): string | null {
  switch (setting) {
    case 'name':
    case 'description':
    case 'password':
      return changes[setting] === undefined ? null : (changes[setting] ?? '');
    default: {
      const on = changes[setting];
      return on === undefined ? null : flag(on);
    }
  }
}

/**
 * The submit (§10.1.3) for `changes`, with only the fields `offered` lists, and the settings that had to be
 * left out. An empty text (a null name, description or password) is left out without a word: not having it
 * is what was asked.
 */
export function configSubmit(room: string, changes: RoomConfigChanges, offered: ReadonlySet<string>): { readonly stanza: Element; readonly notApplied: RoomSetting[] } {
  const fields: Element[] = [field('FORM_TYPE', FORM_TYPE)];
  const notApplied: RoomSetting[] = [];
  for (const setting of Object.keys(CONFIG_FIELD) as RoomSetting[]) {
    const value = valueOf(setting, changes);
    if (value === null) continue;
    const name = CONFIG_FIELD[setting];
    if (!offered.has(name)) {
      if (value !== '') notApplied.push(setting);
      continue;
    }
    fields.push(field(name, value));
    if (setting === 'password' && offered.has(PASSWORD_SWITCH)) fields.push(field(PASSWORD_SWITCH, flag(value !== '')));
  }
  const stanza = xml('iq', { type: 'set', to: room }, xml('query', { xmlns: NS.mucOwner }, xml('x', { xmlns: NS.dataForms, type: 'submit' }, ...fields)));
  return { stanza, notApplied };
}

/**
 * As the room's owner: asks for its configuration form and submits `changes` (for a new room, this unlocks
 * it with them). Answers the settings the form did not offer; rejects when the room refuses either step.
 */
export async function applyRoomConfig(link: Pick<XmppLink, 'request'>, room: string, changes: RoomConfigChanges): Promise<readonly RoomSetting[]> {
  const form = await link.request(configFormRequest(room), CONFIG_TIMEOUT_MS);
  const { stanza, notApplied } = configSubmit(room, changes, offeredFields(form));
  await link.request(stanza, CONFIG_TIMEOUT_MS);
  return notApplied;
}
