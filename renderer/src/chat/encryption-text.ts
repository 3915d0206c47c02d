/**
 * The words the window says about a message's encryption (issue 15), in one place so the bubble, the list's
 * preview, the reply quote and the header agree. Only the closed set of reasons and a device number go into
 * them: nothing the sender wrote.
 */
import type { UndecryptableReason } from '../../../app/domain/chat.js';

/** The lock on an encrypted message: its accessible name and hover text. */
export const ENCRYPTED_LABEL = 'Encrypted (OMEMO)';
/** The open lock on a plaintext message in a conversation that also has encrypted ones. */
export const NOT_ENCRYPTED_LABEL = 'Not encrypted';
/** The lock on a message whose sending device the person distrusts, or has not decided on: written out beside it. */
export const DISTRUSTED_DEVICE_LABEL = 'Encrypted by a device you distrust';
export const UNDECIDED_DEVICE_LABEL = 'Encrypted by a device you have not decided on';

/** Where a message's text would be (the conversation list, a reply's quote) when it could not be decrypted. */
export const UNDECRYPTABLE_PREVIEW = 'Encrypted message could not be decrypted';

/** The header's state of the conversation, and its hover text. */
export const CONVERSATION_ENCRYPTION_TEXT = {
  encrypted: { label: 'Encrypted', story: 'The newest messages here were end-to-end encrypted (OMEMO): only the devices they were encrypted for can read them.' },
  plain: { label: 'Not encrypted', story: 'The newest messages here were not end-to-end encrypted: the servers they passed through can read them.' },
  'chosen-plain': {
    label: 'Not encrypted (your choice)',
    story: 'You turned encryption off for this conversation: new messages and files go without end-to-end encryption, and the servers they pass through can read them.',
  },
} as const;

/** The header's switch for the person's choice (EncryptionChoiceSwitch.tsx). */
export const ENCRYPT_SWITCH_LABEL = 'Encrypt messages';

/**
 * The sender's device, named by its number when the message said it: people compare that number with the
 * device list in their contact's client, so it is written as the clients write it (no grouping).
 */
function sendersDevice(device: number | null): string {
  return device === null ? "the sender's device" : `the sender's device ${String(device)}`;
}

/** A sentence naming the device, for the reasons whose wording has no place for it; empty when unknown. */
function fromDevice(device: number | null): string {
  return device === null ? '' : ` It came from ${sendersDevice(device)}.`;
}

const COULD_NOT = 'This message could not be decrypted:';

/**
 * What an undecryptable message's bubble says instead of its (empty) body: what happened in plain words, and
 * what happens next where there is something. One sentence per reason; the repair wording for a broken session
 * is what main does (it answers such a message with a new session, at most once per device for a while).
 */
export function undecryptableText(reason: UndecryptableReason, device: number | null): string {
  switch (reason) {
    case 'not-for-this-device':
      return `This message was encrypted${device === null ? '' : ` by ${sendersDevice(device)}`}, but not for this device. It can be read on the sender's other devices or once they know this one.`;
    case 'no-session':
    case 'bad-message':
      return `${COULD_NOT} the encrypted session with ${sendersDevice(device)} is broken. Hostproof asked it to start a new one; later messages should arrive.`;
    case 'untrusted-device':
      return `${COULD_NOT} it came from a device you do not trust${device === null ? '' : ` (device ${String(device)})`}.`;
    case 'malformed':
      return `${COULD_NOT} it was damaged on the way.${fromDevice(device)}`;
    case 'not-set-up':
      return `${COULD_NOT} encryption is not set up on this device yet.${fromDevice(device)}`;
  }
}
