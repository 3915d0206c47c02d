/**
 * The person's encryption choice per conversation (issue 15): read it, and set it. Turning encryption off
 * ('plaintext') lowers protection, so it is carried out only after main's own confirmation ('send-unencrypted'):
 * a compromised window can ask, never decide; refused, nothing is written. Turning it back on ('default') is not
 * confirmed, as it can only protect more.
 */
import type { AccountId } from '../../../app/domain/account.js';
import type { ConversationEncryptionChoice } from '../../../app/domain/conversation-encryption.js';
import type { ConfirmTrustChange } from '../../../app/domain/trust-change.js';
import type { ConversationEncryptionStore } from '../../store/conversation-encryption-store.js';
import { UserFacingError } from '../../ipc/handlers.js';
import { NOT_CONFIRMED } from '../accounts-service.js';

export interface ConversationEncryptionService {
  get(accountId: AccountId, peer: string): Promise<ConversationEncryptionChoice>;
  set(accountId: AccountId, peer: string, choice: ConversationEncryptionChoice): Promise<ConversationEncryptionChoice>;
}

export function createConversationEncryptionService(deps: {
  readonly store: Pick<ConversationEncryptionStore, 'choice' | 'set'>;
  readonly confirm: ConfirmTrustChange;
  /** The account's own bare JID, as the dialog names it. */
  readonly jidOf: (accountId: AccountId) => Promise<string>;
}): ConversationEncryptionService {
  return {
    get: (accountId, peer) => deps.store.choice(accountId, peer),
    async set(accountId, peer, choice) {
      if (choice === (await deps.store.choice(accountId, peer))) return choice;
      if (choice === 'plaintext') {
        const confirmed = await deps.confirm({ kind: 'send-unencrypted', account: await deps.jidOf(accountId), jid: peer });
        if (!confirmed) throw new UserFacingError(NOT_CONFIRMED);
      }
      await deps.store.set(accountId, peer, choice);
      return choice;
    },
  };
}
