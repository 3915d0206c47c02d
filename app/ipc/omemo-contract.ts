/**
 * The OMEMO part of the IPC contract (issue 15): the devices the trust center shows and the person's trust in
 * them, and the event that tells an open conversation a contact's new device waits for the person's decision.
 * Raising trust is carried out only after the main process's own confirmation (trust-change.ts).
 */
import { z } from 'zod';
import type { AccountId } from '../domain/account.js';
import type { OmemoDevicesView, OmemoDeviceView } from '../domain/omemo-devices.js';
import { CONVERSATION_ENCRYPTION_CHOICES, type ConversationEncryptionChoice } from '../domain/conversation-encryption.js';
import { accountId, bareJid } from './fields.js';

const deviceId = z.number().int().min(1).max(0x7fffffff);

export const omemoRequestSchemas = {
  listOmemoDevices: z.strictObject({ accountId }),
  setDeviceTrust: z.strictObject({ accountId, jid: bareJid, deviceId, trust: z.enum(['verified', 'blind', 'distrusted']) }),
  /** The person's encryption choice for the conversation with `peer`. */
  getConversationEncryption: z.strictObject({ accountId, peer: bareJid }),
  /** 'plaintext' is carried out only after main's own confirmation ('send-unencrypted'); 'default' at once. */
  setConversationEncryption: z.strictObject({ accountId, peer: bareJid, choice: z.enum(CONVERSATION_ENCRYPTION_CHOICES) }),
};

export interface OmemoResponseTypes {
  listOmemoDevices: OmemoDevicesView;
  setDeviceTrust: OmemoDeviceView;
  getConversationEncryption: ConversationEncryptionChoice;
  setConversationEncryption: ConversationEncryptionChoice;
}

/** A contact's device that our messages leave out until the person decides about it. */
export interface UndecidedDevice {
  readonly deviceId: number;
  /** Grouped hex as the other clients show it; null while the device's identity key has not been seen. */
  readonly fingerprint: string | null;
}

export interface OmemoEventPayloads {
  /**
   * Told when a message to `peer` was encrypted (or refused because none of their devices is trusted): the
   * contact's devices left out as undecided (a new device of a contact whose other device the person verified).
   * Told too when the person decided about a device of `peer`: those still undecided. An empty list: none is
   * left out any more.
   */
  omemoDevicesUndecided: { readonly accountId: AccountId; readonly peer: string; readonly devices: readonly UndecidedDevice[] };
}
