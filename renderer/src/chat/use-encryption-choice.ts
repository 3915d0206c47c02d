/**
 * The person's encryption choice for one conversation (issue 15), read from main when the conversation opens
 * and changed through it. Turning encryption off is confirmed in main's own dialog: until main says it was
 * done, the choice shown stays as it was; a refusal (not confirmed, a full list) says why.
 */
import { useCallback, useEffect, useState } from 'react';
import type { AccountId } from '../../../app/domain/account.js';
import { DEFAULT_CONVERSATION_ENCRYPTION, type ConversationEncryptionChoice } from '../../../app/domain/conversation-encryption.js';
import type { HostproofApi } from '../../../app/ipc/api.js';
import { request } from '../common/ipc.js';

export interface EncryptionChoice {
  readonly choice: ConversationEncryptionChoice;
  /** True while main is asked (and its dialog may be open): the switch waits. */
  readonly busy: boolean;
  readonly error: string | null;
  choose(next: ConversationEncryptionChoice): Promise<void>;
}

export function useEncryptionChoice(api: HostproofApi, accountId: AccountId, peer: string): EncryptionChoice {
  const [choice, setChoice] = useState<ConversationEncryptionChoice>(DEFAULT_CONVERSATION_ENCRYPTION);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void request(() => api.getConversationEncryption({ accountId, peer })).then((result) => {
      if (live && result.ok) setChoice(result.value);
    });
    return () => {
      live = false;
    };
  }, [api, accountId, peer]);
  const choose = useCallback(
    async (next: ConversationEncryptionChoice) => {
      setBusy(true);
      setError(null);
      const result = await request(() => api.setConversationEncryption({ accountId, peer, choice: next }));
      setBusy(false);
      if (result.ok) setChoice(result.value);
      else setError(result.message);
    },
    [api, accountId, peer],
  );
  return { choice, busy, error, choose };
}
