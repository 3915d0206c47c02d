import type { AccountId } from '../../../app/domain/account.js';
import type { HostproofApi } from '../../../app/ipc/api.js';
import { request } from '../common/ipc.js';
import type { RememberChoice } from './RememberFields.js';

/** Saves the bookmark chosen with a join or a creation; answers null when done (or not asked), else why not. */
export async function rememberRoom(
  api: HostproofApi,
  choice: RememberChoice,
  room: { readonly accountId: AccountId; readonly room: string; readonly name: string | null; readonly nick: string; readonly password: string | null },
): Promise<string | null> {
  if (!choice.remember) return null;
  const result = await request(() => api.setBookmark({ ...room, autojoin: choice.autojoin }));
  return result.ok ? null : `You are in the room, but it could not be remembered: ${result.message}`;
}
