/**
 * The names of every operation and event crossing the process boundary.
 *
 * Kept free of imports so the sandboxed preload can bundle it without pulling in the schema library:
 * the preload only needs names, the main process owns validation.
 */
export const REQUEST_NAMES = [
  'getInfo',
  // accounts and connections
  'listAccounts',
  'addAccount',
  'updateAccount',
  'removeAccount',
  'connect',
  'disconnect',
  'decideTrust',
  // contacts and presence
  'getRoster',
  'addContact',
  'updateContact',
  'removeContact',
  'answerSubscription',
  'changeSubscription',
  'setPresence',
  // messages
  'listConversations',
  'sendMessage',
  'sendChatState',
  'loadHistory',
  'markRead',
  // rooms (group chats, XEP-0045)
  'listRoomServices',
  'joinRoom',
  'leaveRoom',
  'sendRoomMessage',
  'setRoomSubject',
  'listJoinedRooms',
  'listBookmarks',
  'setBookmark',
  'removeBookmark',
  // rooms: moderation (private messages, kick, ban, our nickname)
  'sendRoomPrivateMessage',
  'kickOccupant',
  'banOccupant',
  'changeRoomNick',
  // rooms: room history
  'loadRoomHistory',
  // rooms: mentions and notifications
  'setRoomNotify',
  'listRoomNotify',
  // rooms: invitations
  'listRoomInvitations',
  'dismissRoomInvitation',
  'inviteToRoom',
  // rooms: creation and search
  'createRoom',
  'listPublicRooms',
  // local history: search, and reading around a result
  'searchMessages',
  'loadHistoryAround',
  'loadNewerHistory',
  // the user's control over local history
  'deleteConversationHistory',
  'clearAccountHistory',
  'exportConversation',
  'getHistoryRetention',
  'setHistoryRetention',
  // trust center
  'listPins',
  'addPin',
  'removePin',
  'listPoshCache',
  'forgetPosh',
  'getTrustLog',
  'exportTrustLog',
  'listExtraCas',
  'addExtraCa',
  'removeExtraCa',
  // desktop
  'openExternal',
  // issue 14: avatars and nicknames
  'getAvatar',
  'setOwnAvatar',
  'removeOwnAvatar',
  'listNicknames',
  // issue 14: blocking (XEP-0191)
  'listBlocked',
  'block',
  'unblock',
  // issue 15: OMEMO devices and their trust
  'listOmemoDevices',
  'setDeviceTrust',
  'getConversationEncryption',
  'setConversationEncryption',
  // issue 14: read markers
  'markDisplayed',
  'getReadPosition',
  'getReadMarkerSettings',
  'setReadMarkerSettings',
  // issue 14: files
  'sendFile',
  'sendDroppedFile',
  'cancelFileTransfer',
  'loadSharedFile',
  'saveSharedFile',
  'getFilePreferences',
  'setFilePreferences',
  // issue 14: message changes
  'changeMessage',
  'sendReply',
] as const;
export type RequestName = (typeof REQUEST_NAMES)[number];

export const EVENT_NAMES = [
  'appNotice',
  'accountsChanged',
  'connectionChanged',
  'trustDecisionNeeded',
  'rosterChanged',
  'presenceChanged',
  'subscriptionRequested',
  'messageReceived',
  'messageUpdated',
  'chatStateChanged',
  'roomChanged',
  'roomMessageReceived',
  'roomMessageUpdated',
  'bookmarkChanged',
  // rooms: moderation
  'roomPrivateMessage',
  // rooms: invitations
  'roomInvitation',
  'openChat',
  // issue 14: avatars and nicknames
  'avatarChanged',
  'nicknameChanged',
  // issue 14: blocking
  'blockedChanged',
  // issue 14: read markers
  'readMarkerChanged',
  // issue 14: files
  'fileTransferProgress',
  // issue 14: message changes
  'messageChanged',
  // issue 15: OMEMO
  'omemoDevicesUndecided',
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

/** One namespace for every channel so nothing else on the IPC bus can collide with ours. */
export const requestChannel = (name: RequestName): string => `hostproof:request:${name}`;
export const eventChannel = (name: EventName): string => `hostproof:event:${name}`;

export function isRequestName(value: unknown): value is RequestName {
  return typeof value === 'string' && (REQUEST_NAMES as readonly string[]).includes(value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (EVENT_NAMES as readonly string[]).includes(value);
}
