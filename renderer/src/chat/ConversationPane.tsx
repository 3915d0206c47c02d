import { useState, type DragEvent } from 'react';
import type { AccountView } from '../../../app/domain/account.js';
import type { ChatMessage, ContactPresence } from '../../../app/domain/chat.js';
import { useApi } from '../ApiContext.js';
import { ErrorText } from '../common/ErrorText.js';
import { Composer } from './Composer.js';
import { ConversationHeader } from './ConversationHeader.js';
import { ConversationHistoryMenu } from './ConversationHistoryMenu.js';
import { MessageList } from './MessageList.js';
import { TypingIndicator } from './TypingIndicator.js';
import { SendFileButton } from './SendFileButton.js'; // issue 14: files
import { useConversation } from './use-conversation.js';
import { useFileSending } from './use-file-sending.js';
// issue 14: blocking
import { BlockButton } from '../blocking/BlockButton.js';
import { BlockedNotice } from '../blocking/BlockedNotice.js';
import { useBlocking } from '../blocking/use-blocking.js';
import { useReadMarkers } from './use-read-markers.js';
import { ComposeModeBar } from './ComposeModeBar.js';
import { MessageActionsContext } from './message-actions.js';
import { useMessageChanges } from './use-message-changes.js';
import { conversationEncryption } from './conversation-encryption.js'; // issue 15: OMEMO
import type { UndecidedDevice } from '../../../app/ipc/omemo-contract.js';
import { UndecidedDevicesNotice } from './UndecidedDevicesNotice.js';
import { useSenderTrust } from './use-sender-trust.js';
import { useEncryptionChoice } from './use-encryption-choice.js';
import { EncryptionChoiceSwitch } from './EncryptionChoiceSwitch.js';

interface ConversationPaneProps {
  readonly account: AccountView;
  readonly peer: string;
  readonly name: string;
  readonly presence: ContactPresence | undefined;
  readonly showAccount: boolean;
  readonly onOpenSecurity: () => void;
  /** Told of the conversation's newest message as the pane learns it (the conversation list shows it). */
  readonly onNewest?: (message: ChatMessage) => void;
  /** Opened at this message (a search result) rather than the newest; the owner keys the pane by it too. */
  readonly focusId?: string | null;
  /** Asked to show the conversation from its latest message (a message was sent while reading older history). */
  readonly onShowLatest?: () => void;
  /** Opens the message search for this conversation. */
  readonly onSearch?: () => void;
  /** The conversation's history was deleted from this computer (it leaves the list). */
  readonly onHistoryDeleted?: () => void;
  /** issue 15: the contact's devices our messages leave out until the person decides (use-undecided-devices.ts). */
  readonly undecidedDevices?: readonly UndecidedDevice[];
  /** Opens the trust center, where the person decides about those devices. */
  readonly onOpenTrustCenter?: () => void;
}

/** Said once at the top of a conversation whose server keeps no archive. */
export const NO_ARCHIVE_TEXT = 'Your server keeps no message archive: history is only what this computer saved.';

/** One open conversation. Its owner keys it by account and peer so every conversation starts fresh. */
export function ConversationPane({ account, peer, name, presence, showAccount, onOpenSecurity, onNewest, focusId = null, onShowLatest, onSearch, onHistoryDeleted, undecidedDevices = [], onOpenTrustCenter }: ConversationPaneProps) {
  const api = useApi();
  const accountId = account.settings.id;
  const conversation = useConversation(api, accountId, peer, onNewest, focusId);
  const { latest } = conversation;
  // issue 14: blocking. Blocked: the pane says so and offers Unblock instead of the composer.
  const blocking = useBlocking(accountId);
  const blockedBy = blocking.blockedBy(peer);
  const readUpTo = useReadMarkers(api, accountId, peer, conversation.messages, latest); // issue 14: read markers
  const senderTrust = useSenderTrust(api, accountId, account.settings.jid, conversation.messages); // issue 15: OMEMO
  const encryptionChoice = useEncryptionChoice(api, accountId, peer); // issue 15: the person's choice here
  // issue 14: message changes (corrections, replies, reactions, retractions)
  const changes = useMessageChanges(api, accountId, peer, account.settings.jid, name, conversation);
  // issue 14: files, from the button or dropped anywhere on the conversation (not while blocked).
  const fileSending = useFileSending(accountId, peer, conversation.sent);
  const [dropping, setDropping] = useState(false);
  const carriesFiles = (e: DragEvent) => e.dataTransfer.types.includes('Files');
  const dropZone =
    blockedBy === null
      ? {
          onDragOver: (e: DragEvent) => {
            if (!carriesFiles(e)) return;
            e.preventDefault();
            e.dataTransfer.dropEffect = 'copy';
            setDropping(true);
          },
          onDragLeave: (e: DragEvent) => {
            if (e.currentTarget === e.target) setDropping(false);
          },
          onDrop: (e: DragEvent) => {
            if (!carriesFiles(e)) return;
            e.preventDefault();
            setDropping(false);
            const file = e.dataTransfer.files[0];
            if (file !== undefined) fileSending.drop(file);
          },
        }
      : {};
  // What was just written belongs under the latest message: leave the older history for it.
  const onSend = async (body: string) => {
    const sent = await changes.onSend(body);
    if (sent && !latest) onShowLatest?.();
    return sent;
  };
  return (
    <section
      className={`conversation-pane${dropping ? ' is-drop-target' : ''}`}
      aria-label={`Conversation with ${name}`}
      data-testid="conversation-pane"
      {...dropZone}
    >
      <ConversationHeader
        name={name}
        peer={peer}
        presence={presence}
        account={account}
        showAccount={showAccount}
        onOpenSecurity={onOpenSecurity}
        onSearch={onSearch}
        // Not said before the first page is in: "Not encrypted" would flash on every encrypted conversation.
        encryption={conversation.loading && conversation.messages.length === 0 ? undefined : conversationEncryption(conversation.messages, encryptionChoice.choice)}
        encryptionControl={<EncryptionChoiceSwitch choice={encryptionChoice} />}
        actions={
          <>
            <ConversationHistoryMenu
              accountId={accountId}
              peer={peer}
              name={name}
              serverKeepsArchive={account.serverKeepsArchive}
              onDeleted={() => onHistoryDeleted?.()}
            />
            {blocking.offered && blockedBy === null ? <BlockButton address={peer} name={name} block={blocking.block} /> : null}
          </>
        }
      />
      {account.serverKeepsArchive === false ? (
        <p className="conversation-notice" role="note" data-testid="no-archive-notice">
          {NO_ARCHIVE_TEXT}
        </p>
      ) : null}
      <UndecidedDevicesNotice peer={peer} devices={undecidedDevices} onReview={onOpenTrustCenter} />
      <ErrorText message={conversation.error ?? changes.error} />
      <MessageActionsContext value={changes.actions}>
      <MessageList
        messages={conversation.messages}
        peerName={name}
        complete={conversation.complete}
        loading={conversation.loading}
        onReachTop={conversation.loadOlder}
        focusId={focusId}
        latest={conversation.latest}
        loadingNewer={conversation.loadingNewer}
        onReachBottom={conversation.loadNewer}
        readUpTo={readUpTo}
        jump={changes.jump}
        senderTrust={senderTrust}
      />
      </MessageActionsContext>
      <TypingIndicator peer={name} state={conversation.peerState} />
      {blockedBy === null ? (
        <>
          <ComposeModeBar mode={changes.mode} nameOf={(m) => changes.actions.nameOf(m.direction === 'out' ? account.settings.jid : m.peer)} onCancel={changes.cancel} />
          <Composer
            accountId={accountId}
            peer={peer}
            onSend={onSend}
            prefill={changes.prefill}
            onUpInEmpty={changes.editLast}
            onEscape={changes.cancel}
            extra={<SendFileButton sending={fileSending} />}
          />
        </>
      ) : (
        <BlockedNotice name={name} domain={blockedBy === peer ? null : blockedBy} unblock={blocking.offered ? () => blocking.unblock(blockedBy) : null} />
      )}
    </section>
  );
}
