/**
 * One account's OMEMO as its chat uses it (issue 15): how a new message is written (encrypted when the contact
 * has OMEMO devices, and from then on: never silently plaintext once we know they can read encrypted), how the
 * outgoing queue encrypts at send time, how incoming encrypted messages are opened, and the session's PEP client
 * made and dropped with each session. account-chat.ts only plugs these in.
 *
 * A new device of a contact the person verified is left out of messages until they decide: each encrypted message
 * tells which devices of the contact were left out as undecided, so the conversation says so and asks (issue 15).
 * A message refused because no device of the contact is trusted tells them too: it is the same question.
 */
import type { MessageEncryption } from '../../../app/domain/chat.js';
import type { Jid } from '../../../app/domain/address/jid.js';
import { OmemoError } from '../../omemo/omemo-error.js';
import type { EncryptedMessage } from '../../omemo/omemo-types.js';
import type { XmppLink } from '../../xmpp/link.js';
import type { FeatureLog } from '../../xmpp/features/feature-deps.js';
import { undecryptableReasonOf, type OpenEncrypted, type Opened } from '../../xmpp/features/encrypted-part.js';
import { createOmemoPep } from '../../xmpp/features/omemo/omemo-pep.js';
import type { EncryptFor } from '../../xmpp/features/outgoing-stanza.js';
import { OutgoingRefusal } from '../../xmpp/features/outgoing-refusal.js';
import type { UndecidedDevice } from '../../../app/ipc/omemo-contract.js';
import type { AccountOmemo, EncryptedForPeer } from './account-omemo.js';
import type { WithheldDevice } from './withheld-device.js';
import { AccountOmemoError } from './account-omemo-error.js';

export interface ChatOmemo {
  readonly openEncrypted: OpenEncrypted;
  readonly encryptFor: EncryptFor;
  /**
   * How a new message to `peer` is written: OMEMO when the contact has devices we know of, unless the person chose
   * plaintext for this conversation; undefined for plaintext.
   */
  encryptionFor(peer: string): Promise<MessageEncryption | undefined>;
  /** A session is online: its PEP client made and our device published, in the background. Returns the detach. */
  attach(link: XmppLink): () => void;
}

/** Why an incoming message could not be opened, as the conversation tells it. */
function openedFrom(error: unknown): Opened {
  if (error instanceof AccountOmemoError) {
    if (error.kind === 'off' || error.kind === 'not-ready') return { ok: false, reason: 'not-set-up' };
    if (error.kind === 'offline' || error.kind === 'server-error' || error.kind === 'no-devices' || error.kind === 'no-device-reached' || error.kind === 'disk-full') {
      return { ok: false, reason: 'bad-message' };
    }
    return { ok: false, reason: undecryptableReasonOf(error.kind) };
  }
  if (error instanceof OmemoError) return { ok: false, reason: undecryptableReasonOf(error.kind) };
  return { ok: false, reason: 'bad-message' };
}

export function createChatOmemo(deps: {
  /** Made with the way to send on the current session (a session repair's key transport). */
  readonly create: (send: (stanza: Parameters<XmppLink['send']>[0]) => Promise<void>) => Promise<AccountOmemo>;
  readonly log: FeatureLog;
  /**
   * The contact's devices a message just left out as undecided (sent, or refused because no device of theirs is
   * trusted). Told at every message while some are; an empty
   * list once after that, when none is any more (the conversation then drops its notice).
   */
  readonly undecided: (peer: string, devices: readonly UndecidedDevice[]) => void;
  /**
   * Whether the person chose not to encrypt the conversation with `peer` (conversation-encryption-store.ts).
   * Absent: never. Asked for new messages, files and replies only; a correction of an encrypted message takes
   * the original's encryption (encrypted-correction.ts), whatever the choice.
   */
  readonly plaintextChosen?: (peer: string) => Promise<boolean>;
}): ChatOmemo {
  let link: XmppLink | null = null;
  // Contacts whose last message left devices out: only they need to hear the empty list.
  const waiting = new Set<string>();
  const tellUndecided = (peer: string, withheld: readonly WithheldDevice[]) => {
    const devices = withheld.filter((w) => w.jid === peer && w.trust === 'undecided').map(({ deviceId, fingerprint }) => ({ deviceId, fingerprint }));
    if (devices.length > 0) waiting.add(peer);
    else if (!waiting.delete(peer)) return;
    deps.undecided(peer, devices);
  };
  const omemo = deps.create(async (stanza) => {
    if (link === null) throw new AccountOmemoError('offline', 'No session to send on.');
    await link.send(stanza);
  });
  // Each use awaits it and turns a failure into its own refusal; this only keeps a failed start from going unheard.
  omemo.catch((error: unknown) => deps.log({ feature: 'omemo', reason: `OMEMO did not start: ${error instanceof Error ? error.message : String(error)}`, from: null }));

  return {
    async openEncrypted(from: Jid, message: EncryptedMessage) {
      try {
        const body = await (await omemo).decrypt(from.bare, message);
        return { ok: true, body: body ?? '' };
      } catch (error) {
        return openedFrom(error);
      }
    },

    async encryptFor(peer, plaintext) {
      let sent: EncryptedForPeer;
      try {
        sent = await (await omemo).encrypt(peer, plaintext);
      } catch (error) {
        // Refused by the person's trust alone: the undecided devices are what they can decide about.
        if (error instanceof AccountOmemoError && error.withheld !== undefined) tellUndecided(peer, error.withheld);
        if (error instanceof AccountOmemoError && (error.kind === 'offline' || error.kind === 'server-error')) {
          throw new OutgoingRefusal('keys-unreachable', "This contact's encryption keys could not be fetched; the message will be tried again.", { cause: error });
        }
        const words = error instanceof Error ? error.message : String(error);
        throw new OutgoingRefusal('encryption-failed', `This message could not be encrypted, so it was not sent: ${words}`, { cause: error });
      }
      tellUndecided(peer, sent.withheld);
      return sent.message;
    },

    async encryptionFor(peer) {
      // A choice that cannot be read is no choice: encrypted when possible (fail closed).
      if (deps.plaintextChosen !== undefined && (await deps.plaintextChosen(peer).catch(() => false))) return undefined;
      const account = await omemo;
      const state = account.state();
      const trust = account.trust();
      // Devices of this contact seen before: they read encrypted, so we write encrypted, online or not.
      if (trust !== null && (await trust.ofAccount(peer).catch(() => [])).length > 0) return { kind: 'omemo', device: null };
      if (state.status !== 'ready') return undefined;
      try {
        return (await account.devicesOf(peer)).length > 0 ? { kind: 'omemo', device: null } : undefined;
      } catch {
        // Offline and never seen: nothing says the contact reads encrypted.
        return undefined;
      }
    },

    attach(session) {
      link = session;
      const pep = createOmemoPep({ link: session, log: deps.log });
      void omemo
        .then((account) => account.online(pep))
        .catch((error: unknown) => deps.log({ feature: 'omemo', reason: `OMEMO not published: ${error instanceof Error ? error.message : String(error)}`, from: null }));
      return () => {
        if (link === session) link = null;
        void omemo.then((account) => account.offline());
        pep.dispose();
      };
    },
  };
}
