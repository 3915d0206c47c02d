/**
 * One well-formed payload for every channel of the contract: what a compromised window would send to change
 * something (remove an account, point it at another server, drop a pin, open a link). Well-formed on purpose:
 * a refusal must then come from the check under test (the sender, the confirmation), not from the schema.
 * `accountId` lets a test aim them at a real account.
 */
import type { RequestName } from '../../../app/ipc/channels.js';

const SOMEONE = 'mallory@attacker.test';

export function validRequests(accountId: string, pinnedDomain = 'example.com'): Readonly<Record<RequestName, unknown>> {
  return {
    getInfo: undefined,
    listAccounts: undefined,
    addAccount: { jid: SOMEONE, password: 'hunter2', rememberPassword: true, server: { host: 'attacker.test', port: 5222, directTls: false } },
    updateAccount: { accountId, server: { host: 'attacker.test', port: 5222, directTls: false }, rememberPassword: false },
    removeAccount: { accountId },
    connect: { accountId, password: 'hunter2' },
    disconnect: { accountId },
    decideTrust: { requestId: 'guessed-question', decision: 'pin' },
    getRoster: { accountId },
    addContact: { accountId, jid: SOMEONE, name: 'Mallory', groups: ['Friends'] },
    updateContact: { accountId, jid: SOMEONE, name: null, groups: [] },
    removeContact: { accountId, jid: SOMEONE },
    answerSubscription: { accountId, jid: SOMEONE, approve: true },
    changeSubscription: { accountId, jid: SOMEONE, action: 'request' },
    setPresence: { accountId, show: 'away', status: 'owned' },
    listConversations: { accountId },
    sendMessage: { accountId, to: SOMEONE, body: 'leaked' },
    sendChatState: { accountId, to: SOMEONE, state: 'composing' },
    loadHistory: { accountId, peer: SOMEONE, limit: 50 },
    markRead: { accountId, peer: SOMEONE },
    listRoomServices: { accountId },
    joinRoom: { accountId, room: 'lobby@rooms.attacker.test', nick: 'victim', password: 'hunter2' },
    leaveRoom: { accountId, room: 'lobby@rooms.attacker.test' },
    sendRoomMessage: { accountId, room: 'lobby@rooms.attacker.test', body: 'leaked' },
    setRoomSubject: { accountId, room: 'lobby@rooms.attacker.test', subject: 'owned' },
    listJoinedRooms: { accountId },
    listBookmarks: { accountId },
    setBookmark: { accountId, room: 'lobby@rooms.attacker.test', name: 'Lobby', autojoin: true, nick: 'victim', password: null },
    removeBookmark: { accountId, room: 'lobby@rooms.attacker.test' },
    // rooms: moderation
    sendRoomPrivateMessage: { accountId, room: 'lobby@rooms.attacker.test', nick: 'victim', body: 'leaked' },
    kickOccupant: { accountId, room: 'lobby@rooms.attacker.test', nick: 'victim', reason: 'owned' },
    banOccupant: { accountId, room: 'lobby@rooms.attacker.test', nick: 'victim', reason: null },
    changeRoomNick: { accountId, room: 'lobby@rooms.attacker.test', nick: 'mallory' },
    // rooms: room history
    loadRoomHistory: { accountId, room: 'lobby@rooms.attacker.test', limit: 50 },
    // rooms: mentions and notifications
    setRoomNotify: { accountId, room: 'lobby@rooms.attacker.test', level: 'all' },
    listRoomNotify: { accountId },
    // rooms: invitations
    listRoomInvitations: { accountId },
    dismissRoomInvitation: { accountId, id: 'invitation-1', decline: true },
    inviteToRoom: { accountId, room: 'lobby@rooms.attacker.test', jid: 'bob@attacker.test', reason: 'Come and talk' },
    // rooms: creation and search
    createRoom: {
      accountId,
      room: 'lobby@rooms.attacker.test',
      nick: 'mallory',
      config: { name: 'Lobby', description: null, persistent: true, membersOnly: false, moderated: false, public: true, password: null },
    },
    listPublicRooms: { accountId, service: 'rooms.attacker.test' },
    searchMessages: { text: 'password', accountId, from: '2026-01-01T00:00:00.000Z', limit: 50, offset: 0 },
    loadHistoryAround: { accountId, peer: SOMEONE, id: 'guessed-message-id', limit: 50 },
    loadNewerHistory: { accountId, peer: SOMEONE, after: 'guessed-message-id', limit: 50 },
    deleteConversationHistory: { accountId, peer: SOMEONE },
    clearAccountHistory: { accountId },
    exportConversation: { accountId, peer: SOMEONE, format: 'json' },
    getHistoryRetention: undefined,
    setHistoryRetention: { keepDays: 1 },
    listPins: undefined,
    // The attacker's own key for the account's domain, as if the provider had published it.
    addPin: { domain: pinnedDomain, service: 'xmpp-client', spkiSha256: Buffer.alloc(32, 0x41).toString('base64') },
    removePin: { domain: pinnedDomain, service: 'xmpp-client' },
    listPoshCache: undefined,
    forgetPosh: { domain: pinnedDomain },
    getTrustLog: { accountId },
    exportTrustLog: { accountId },
    openExternal: { url: 'https://example.com/' },
    listExtraCas: undefined,
    // Main opens its own file dialog; the window cannot name a file.
    addExtraCa: undefined,
    removeExtraCa: { sha256: 'ab'.repeat(32) },
    // issue 14: avatars and nicknames (a one-pixel PNG's bytes)
    getAvatar: { accountId, jid: 'bob@example.org' },
    setOwnAvatar: { accountId, image: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==' },
    removeOwnAvatar: { accountId },
    listNicknames: { accountId },
    // issue 14: blocking
    listBlocked: { accountId },
    block: { accountId, address: SOMEONE },
    unblock: { accountId, address: 'attacker.test' },
    // issue 15: OMEMO devices and their trust
    listOmemoDevices: { accountId },
    setDeviceTrust: { accountId, jid: SOMEONE, deviceId: 4242, trust: 'verified' },
    getConversationEncryption: { accountId, peer: SOMEONE },
    setConversationEncryption: { accountId, peer: SOMEONE, choice: 'plaintext' },
    // issue 14: read markers
    markDisplayed: { accountId, peer: SOMEONE },
    getReadPosition: { accountId, peer: SOMEONE },
    getReadMarkerSettings: undefined,
    setReadMarkerSettings: { sendReadMarkers: true },
    // issue 14: files. Main opens its own file dialogs; a shared file is named by its message, never by a path or URL.
    sendFile: { accountId, to: SOMEONE, transferId: 'transfer-1' },
    sendDroppedFile: { accountId, to: SOMEONE, transferId: 'transfer-2', name: 'notes.txt', bytes: new TextEncoder().encode('leaked?') },
    cancelFileTransfer: { transferId: 'transfer-1' },
    loadSharedFile: { accountId, peer: SOMEONE, id: 'guessed-message-id', auto: false },
    saveSharedFile: { accountId, peer: SOMEONE, id: 'guessed-message-id' },
    getFilePreferences: undefined,
    setFilePreferences: { autoLoadPictures: 'always' },
    // issue 14: message changes
    changeMessage: { accountId, peer: SOMEONE, id: 'some-message', change: { kind: 'correct', body: 'rewritten' } },
    sendReply: { accountId, to: SOMEONE, body: 'leaked', replyTo: 'some-message' },
  };
}
