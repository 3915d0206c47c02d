/**
 * Read markers in the open conversation (issue 14, XEP-0333): where the contact has read up to (asked once,
 * then kept current by main's events), and telling main when the person has seen the contact's newest
 * message. Main alone decides whether a marker is sent (the setting, who may know); the window only says what
 * it showed, once per newest message, and only while it is focused and visible: a conversation left open in
 * a window behind others has not been read.
 */
import { useEffect, useRef, useState } from 'react';
import type { AccountId } from '../../../app/domain/account.js';
import type { ChatMessage } from '../../../app/domain/chat.js';
import type { HostproofApi } from '../../../app/ipc/api.js';
import { request } from '../common/ipc.js';

/** Whether the person can see the window now. */
export const windowSeen = (): boolean => document.visibilityState === 'visible' && document.hasFocus();

function newestIncoming(messages: readonly ChatMessage[]): string | null {
  for (let i = messages.length - 1; i >= 0; i -= 1) if (messages[i]?.direction === 'in') return messages[i]?.id ?? null;
  return null;
}

/**
 * Answers the local id of our newest message the contact has read (null: none known). `latest`: the list holds
 * the newest messages (not a page around a search result, where the newest has not been seen).
 */
export function useReadMarkers(api: HostproofApi, accountId: AccountId, peer: string, messages: readonly ChatMessage[], latest: boolean): string | null {
  const [readUpTo, setReadUpTo] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const off = api.on('readMarkerChanged', (change) => {
      if (change.reader === 'contact' && change.accountId === accountId && change.peer === peer) setReadUpTo(change.id);
    });
    void request(() => api.getReadPosition({ accountId, peer })).then((answer) => {
      // A marker that came meanwhile is newer than the stored answer.
      if (live && answer.ok) setReadUpTo((current) => current ?? answer.value.id);
    });
    return () => {
      live = false;
      off();
    };
  }, [api, accountId, peer]);

  const newest = latest ? newestIncoming(messages) : null;
  const told = useRef<string | null>(null);
  useEffect(() => {
    if (newest === null) return;
    const tell = () => {
      if (told.current === newest || !windowSeen()) return;
      told.current = newest;
      void request(() => api.markDisplayed({ accountId, peer }));
    };
    tell();
    // Arrived while the window was behind others or minimised: seen when the person comes back to it.
    window.addEventListener('focus', tell);
    document.addEventListener('visibilitychange', tell);
    return () => {
      window.removeEventListener('focus', tell);
      document.removeEventListener('visibilitychange', tell);
    };
  }, [api, accountId, peer, newest]);
  return readUpTo;
}
