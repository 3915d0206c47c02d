/**
 * Wires the contract's request handlers to the services. The Electron shell and the test harness both call
 * this with their own dependencies, so the end-to-end tests run the real handlers.
 */
import type { RequestHandlers } from '../ipc/handlers.js';
import { UserFacingError } from '../ipc/handlers.js';
import type { AccountsService } from './accounts-service.js';
import { createAppInfoService, type AppInfoDeps } from './app-info-service.js';
import type { ExtraCaService } from './extra-ca-service.js';
import type { HistoryAroundService } from './history-around.js';
import type { HistorySearch } from './history-search.js';
import type { HistoryControl } from './history-control.js';
import type { HistoryRetentionService } from './history-retention.js';
import type { RoomAlerts } from './room-alerts.js';
import type { ReadMarkerSettingsService } from './read-marker-settings.js';
import type { TrustCenterService } from './trust-center-service.js';
import type { DeviceTrustService } from './omemo/device-trust-service.js';
import type { ConversationEncryptionService } from './omemo/conversation-encryption-service.js';
// issue 14: avatars and nicknames
import type { AvatarService } from './avatar-service.js';
import type { FileSharing } from './file-sharing.js';

export interface ServiceDeps {
  readonly appInfo: AppInfoDeps;
  readonly accounts: AccountsService;
  readonly trustCenter: TrustCenterService;
  readonly extraCas: ExtraCaService;
  /** The history on this computer: search, and a conversation around a result. */
  readonly historySearch: HistorySearch;
  readonly historyAround: HistoryAroundService;
  readonly historyControl: HistoryControl;
  readonly retention: Pick<HistoryRetentionService, 'get' | 'set'>;
  /** Each room's notification setting (kept on this computer, so it works offline too). */
  readonly roomAlerts: Pick<RoomAlerts, 'list' | 'set'>;
  /** Opens a link in the system browser; the caller has already checked the scheme. */
  readonly openExternal: (url: string) => Promise<void>;
  readonly isSafeExternalUrl: (url: string) => boolean;
  // issue 14: avatars and nicknames
  readonly avatars: AvatarService;
  /** issue 14: read markers. The setting to send them, kept in main. */
  readonly readMarkerSettings: Pick<ReadMarkerSettingsService, 'get' | 'set'>;
  // Required, as every service above: the app's main.ts once left the device trust out and nothing said so.
  /** issue 14: files. */
  readonly files: FileSharing;
  /** issue 15: OMEMO devices and their trust. */
  readonly deviceTrust: DeviceTrustService;
  /** issue 15: the per-conversation encryption choice. */
  readonly conversationEncryption: ConversationEncryptionService;
}

export function createHandlers(deps: ServiceDeps): RequestHandlers {
  const appInfo = createAppInfoService(deps.appInfo, () => deps.accounts.canRememberPasswords());
  const { accounts, trustCenter, extraCas, historyControl, retention } = deps;
  const nothing = async <T>(work: Promise<T>): Promise<null> => {
    await work;
    return null;
  };
  return {
    getInfo: () => appInfo.getInfo(),

    listAccounts: () => accounts.list(),
    addAccount: (p) => accounts.add(p),
    updateAccount: (p) => accounts.update(p),
    // The account is gone: its history goes with it unless the person chose to keep it.
    removeAccount: (p) => nothing(accounts.remove(p.accountId, { deleteHistory: p.deleteHistory ?? true })),
    connect: (p) => nothing(accounts.connect(p.accountId, p.password)),
    disconnect: (p) => nothing(accounts.disconnect(p.accountId)),
    decideTrust: async (p) => {
      await accounts.decide(p.requestId, p.decision);
      return null;
    },

    getRoster: async (p) => accounts.features(p.accountId).roster(),
    addContact: (p) => nothing(accounts.features(p.accountId).addContact(p.jid, p.name ?? null, p.groups ?? [])),
    updateContact: (p) => nothing(accounts.features(p.accountId).updateContact(p.jid, p.name, p.groups)),
    removeContact: (p) => nothing(accounts.features(p.accountId).removeContact(p.jid)),
    answerSubscription: (p) => nothing(accounts.features(p.accountId).answerSubscription(p.jid, p.approve)),
    changeSubscription: (p) => nothing(accounts.features(p.accountId).changeSubscription(p.jid, p.action)),
    setPresence: (p) => nothing(accounts.features(p.accountId).setPresence(p.show, p.status)),

    // History is on this computer: these work whether or not the account is connected.
    listConversations: async (p) => accounts.history(p.accountId).conversations(),
    sendMessage: (p) => accounts.features(p.accountId).sendMessage(p.to, p.body),
    sendChatState: (p) => nothing(accounts.features(p.accountId).sendChatState(p.to, p.state)),
    loadHistory: (p) => accounts.history(p.accountId).loadHistory(p.peer, p.before, p.limit),
    markRead: async (p) => {
      accounts.history(p.accountId).markRead(p.peer);
      return null;
    },
    listRoomServices: (p) => accounts.features(p.accountId).rooms.services(),
    joinRoom: (p) => accounts.features(p.accountId).rooms.join(p.room, p.nick, p.password ?? null),
    leaveRoom: (p) => nothing(accounts.features(p.accountId).rooms.leave(p.room)),
    sendRoomMessage: (p) => accounts.features(p.accountId).rooms.send(p.room, p.body),
    setRoomSubject: (p) => nothing(accounts.features(p.accountId).rooms.setSubject(p.room, p.subject)),
    listJoinedRooms: async (p) => accounts.features(p.accountId).rooms.joined(),
    listBookmarks: (p) => accounts.features(p.accountId).rooms.bookmarks(),
    setBookmark: ({ accountId, ...bookmark }) => nothing(accounts.features(accountId).rooms.setBookmark(bookmark)),
    removeBookmark: (p) => nothing(accounts.features(p.accountId).rooms.removeBookmark(p.room)),
    // rooms: moderation
    sendRoomPrivateMessage: (p) => accounts.features(p.accountId).rooms.moderation.sendPrivate(p.room, p.nick, p.body),
    kickOccupant: (p) => nothing(accounts.features(p.accountId).rooms.moderation.kick(p.room, p.nick, p.reason)),
    banOccupant: (p) => nothing(accounts.features(p.accountId).rooms.moderation.ban(p.room, p.nick, p.reason)),
    changeRoomNick: (p) => accounts.features(p.accountId).rooms.moderation.changeNick(p.room, p.nick),
    // rooms: room history (on this computer: works whether or not the account is connected)
    loadRoomHistory: async (p) => accounts.history(p.accountId).loadRoomHistory(p.room, p.before, p.limit),
    // rooms: mentions and notifications. Only for an account that exists, so the file stays bounded.
    setRoomNotify: async (p) => {
      await accounts.jidOf(p.accountId);
      return nothing(deps.roomAlerts.set(p.accountId, p.room, p.level));
    },
    listRoomNotify: async (p) => {
      await accounts.jidOf(p.accountId);
      return deps.roomAlerts.list(p.accountId);
    },
    // rooms: invitations
    listRoomInvitations: async (p) => accounts.features(p.accountId).invitations.list(),
    dismissRoomInvitation: (p) => nothing(accounts.features(p.accountId).invitations.dismiss(p.id, p.decline)),
    inviteToRoom: (p) => nothing(accounts.features(p.accountId).invitations.invite(p.room, p.jid, p.reason ?? null)),
    // rooms: creation and search
    createRoom: (p) => accounts.features(p.accountId).rooms.create(p.room, p.nick, p.config),
    listPublicRooms: (p) => accounts.features(p.accountId).rooms.publicRooms(p.service),
    searchMessages: (p) => deps.historySearch.search(p),
    loadHistoryAround: (p) => deps.historyAround.around(p),
    loadNewerHistory: (p) => deps.historyAround.newer(p),
    deleteConversationHistory: async (p) => historyControl.deleteConversation(p.accountId, p.peer),
    clearAccountHistory: async (p) => historyControl.clearAccount(p.accountId),
    exportConversation: (p) => historyControl.exportConversation(p.accountId, p.peer, p.format),
    getHistoryRetention: () => retention.get(),
    setHistoryRetention: (p) => retention.set({ keepDays: p.keepDays }),

    listPins: () => trustCenter.listPins(),
    addPin: (p) => trustCenter.addPin(p.domain, p.spkiSha256),
    removePin: (p) => nothing(trustCenter.removePin(p.domain)),
    listPoshCache: () => trustCenter.listPoshCache(),
    forgetPosh: (p) => nothing(trustCenter.forgetPosh(p.domain)),
    getTrustLog: (p) => trustCenter.trustLog(p.accountId),
    exportTrustLog: async (p) => trustCenter.exportTrustLog(p.accountId, await accounts.jidOf(p.accountId)),
    listExtraCas: () => extraCas.list(),
    addExtraCa: () => extraCas.add(),
    removeExtraCa: (p) => nothing(extraCas.remove(p.sha256)),

    // issue 14: message changes
    changeMessage: (p) => accounts.features(p.accountId).changeMessage(p.peer, p.id, p.change),
    sendReply: (p) => accounts.features(p.accountId).sendReply(p.to, p.body, p.replyTo),
    openExternal: async (p) => {
      // The renderer is not trusted to have checked: a URL handed to the OS can start any program.
      if (!deps.isSafeExternalUrl(p.url)) throw new UserFacingError('Only web (http, https) and xmpp: links can be opened.');
      await deps.openExternal(p.url);
      return null;
    },

    // issue 14: avatars and nicknames. Only for an account that exists; pictures come from this computer.
    getAvatar: async (p) => {
      await accounts.jidOf(p.accountId);
      return deps.avatars.avatar(p.accountId, p.jid);
    },
    setOwnAvatar: async (p) => nothing(deps.avatars.setOwn(p.accountId, await accounts.jidOf(p.accountId), p.image)),
    removeOwnAvatar: async (p) => nothing(deps.avatars.removeOwn(p.accountId, await accounts.jidOf(p.accountId))),
    listNicknames: async (p) => {
      await accounts.jidOf(p.accountId);
      return deps.avatars.nicknames(p.accountId);
    },
    // issue 14: blocking
    listBlocked: async (p) => {
      await accounts.jidOf(p.accountId); // an account that exists, even if not connected in this run
      try {
        return accounts.features(p.accountId).blocking.list();
      } catch (error) {
        // Not connected in this run: nothing is known yet (the window says so; the list comes with the login).
        if (error instanceof UserFacingError) return { accountId: p.accountId, supported: null, blocked: [] };
        throw error;
      }
    },
    block: (p) => accounts.features(p.accountId).blocking.block(p.address),
    // issue 15: OMEMO devices and their trust (raising trust is confirmed in main's own dialog)
    listOmemoDevices: (p) => deps.deviceTrust.list(p.accountId),
    setDeviceTrust: (p) => deps.deviceTrust.setTrust(p.accountId, p.jid, p.deviceId, p.trust),
    getConversationEncryption: (p) => deps.conversationEncryption.get(p.accountId, p.peer),
    setConversationEncryption: (p) => deps.conversationEncryption.set(p.accountId, p.peer, p.choice),
    unblock: (p) => accounts.features(p.accountId).blocking.unblock(p.address),
    // issue 14: read markers. Where the contact read up to is stored: it works whether or not connected.
    markDisplayed: (p) => nothing(accounts.history(p.accountId).markDisplayed(p.peer)),
    getReadPosition: async (p) => ({ id: accounts.history(p.accountId).readPosition(p.peer) }),
    getReadMarkerSettings: () => deps.readMarkerSettings.get(),
    setReadMarkerSettings: (p) => deps.readMarkerSettings.set({ sendReadMarkers: p.sendReadMarkers }),
    // issue 14: files
    sendFile: (p) => deps.files.sendFile(p.accountId, p.to, p.transferId),
    sendDroppedFile: (p) => deps.files.sendDropped(p.accountId, p.to, p.transferId, p.name, p.bytes),
    cancelFileTransfer: async (p) => {
      deps.files.cancel(p.transferId);
      return null;
    },
    loadSharedFile: (p) => deps.files.load(p.accountId, p.peer, p.id, p.auto),
    saveSharedFile: (p) => deps.files.save(p.accountId, p.peer, p.id),
    getFilePreferences: () => deps.files.preferences(),
    setFilePreferences: (p) => deps.files.setPreferences({ autoLoadPictures: p.autoLoadPictures }),
  };
}
