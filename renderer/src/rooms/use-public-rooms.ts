import { useEffect, useState } from 'react';
import type { AccountId } from '../../../app/domain/account.js';
import type { PublicRoom } from '../../../app/domain/rooms.js';
import type { HostproofApi } from '../../../app/ipc/api.js';
import { request } from '../common/ipc.js';

export type PublicRoomsState =
  | { readonly status: 'none' }
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly rooms: readonly PublicRoom[] }
  | { readonly status: 'failed'; readonly message: string };

/** The public rooms of one room service, asked once per account and service (null service: nothing to ask). */
export function usePublicRooms(api: HostproofApi, accountId: AccountId, service: string | null): PublicRoomsState {
  const [state, setState] = useState<{ readonly key: string; readonly value: PublicRoomsState } | null>(null);
  const key = `${accountId}\n${service ?? ''}`;
  useEffect(() => {
    if (service === null) return undefined;
    let live = true;
    void request(() => api.listPublicRooms({ accountId, service })).then((result) => {
      if (live) setState({ key, value: result.ok ? { status: 'ready', rooms: result.value } : { status: 'failed', message: result.message } });
    });
    return () => {
      live = false;
    };
  }, [api, accountId, service, key]);
  if (service === null) return { status: 'none' };
  return state?.key === key ? state.value : { status: 'loading' };
}
