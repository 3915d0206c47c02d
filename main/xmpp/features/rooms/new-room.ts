/**
 * A room our join has just created (status 201) stays locked until its owner, us, configures it (XEP-0045
 * §10.1). Without chosen settings we accept the defaults (an instant room, §10.1.2); with them we submit
 * the configuration form (§10.1.3). Either way the join resolves only after this, so "is this room new?" and
 * its settings are settled before anything can be sent to it.
 */
import type { RoomConfig, RoomSetting } from '../../../../app/domain/rooms.js';
import type { XmppLink } from '../../link.js';
import { applyRoomConfig } from './room-config.js';
import { instantRoomRequest } from './room-stanzas.js';

export type NewRoomOutcome =
  | { readonly ok: true; readonly notApplied: readonly RoomSetting[] }
  /** The room refused the chosen settings: it is still locked, and not what was asked for. */
  | { readonly ok: false; readonly reason: string };

export async function unlockNewRoom(link: Pick<XmppLink, 'request'>, room: string, config: RoomConfig | null): Promise<NewRoomOutcome> {
  try {
    if (config === null) {
      await link.request(instantRoomRequest(room));
      return { ok: true, notApplied: [] };
    }
    return { ok: true, notApplied: await applyRoomConfig(link, room, config) };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
