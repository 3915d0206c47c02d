import type { UndecryptableReason } from '../../../app/domain/chat.js';
import { undecryptableText } from './encryption-text.js';

/**
 * Where an undecryptable message's body would be (issue 15): what happened, in plain words, as a note of the
 * app's rather than the sender's text. Its body is empty by design (main never keeps the plaintext fallback
 * that travelled beside the encrypted part), so nothing of the sender's is shown.
 */
export function UndecryptableNotice({ reason, device }: { readonly reason: UndecryptableReason; readonly device: number | null }) {
  return (
    <p className="message__undecryptable note" role="note" data-testid="message-undecryptable" data-reason={reason}>
      {undecryptableText(reason, device)}
    </p>
  );
}
