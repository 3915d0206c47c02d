import { useCallback, useEffect, useState } from 'react';
import type { HostproofApi } from '../../../app/ipc/api.js';
import type { UndecidedDevice } from '../../../app/ipc/omemo-contract.js';
import { conversationKey, type ConversationRef } from './conversation-key.js';

const NONE: readonly UndecidedDevice[] = [];

/**
 * Each conversation's contact devices that our messages leave out until the person decides (issue 15), as main
 * tells them with every encrypted message (`omemoDevicesUndecided`; an empty list clears). Kept for the whole
 * window, not in the pane, so a conversation opened later still shows what an earlier message found.
 */
export function useUndecidedDevices(api: HostproofApi): (ref: ConversationRef) => readonly UndecidedDevice[] {
  const [byConversation, setByConversation] = useState<ReadonlyMap<string, readonly UndecidedDevice[]>>(new Map());
  useEffect(
    () =>
      api.on('omemoDevicesUndecided', ({ accountId, peer, devices }) =>
        setByConversation((current) => {
          const key = conversationKey({ accountId, peer });
          if (devices.length === 0 && !current.has(key)) return current;
          const next = new Map(current);
          if (devices.length === 0) next.delete(key);
          else next.set(key, devices);
          return next;
        }),
      ),
    [api],
  );
  return useCallback((ref: ConversationRef) => byConversation.get(conversationKey(ref)) ?? NONE, [byConversation]);
}
