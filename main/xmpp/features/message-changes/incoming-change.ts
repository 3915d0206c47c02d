/** A correction, retraction or reactions that arrived (live or as a carbon), for the conversation to apply. */
import type { ChatMessage } from '../../../../app/domain/chat.js';
import type { ChangePart } from './read-changes.js';

export interface IncomingChange {
  readonly change: ChangePart;
  /**
   * The stanza read as a message: its conversation (peer), who sent it (direction 'in': the peer, 'out': our
   * own account), its ids and time. For a correction of a message we do not have, this is what is shown.
   */
  readonly message: ChatMessage;
}
