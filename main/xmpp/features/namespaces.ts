/** The XML namespaces the chat features speak, in one place so a typo cannot make a check silently pass. */
export const NS = {
  client: 'jabber:client',
  stanzas: 'urn:ietf:params:xml:ns:xmpp-stanzas',
  roster: 'jabber:iq:roster',
  carbons: 'urn:xmpp:carbons:2',
  forward: 'urn:xmpp:forward:0',
  mam: 'urn:xmpp:mam:2',
  rsm: 'http://jabber.org/protocol/rsm',
  dataForms: 'jabber:x:data',
  delay: 'urn:xmpp:delay',
  sid: 'urn:xmpp:sid:0',
  receipts: 'urn:xmpp:receipts',
  chatStates: 'http://jabber.org/protocol/chatstates',
  discoInfo: 'http://jabber.org/protocol/disco#info',
  caps: 'http://jabber.org/protocol/caps',
  ping: 'urn:xmpp:ping',
  discoItems: 'http://jabber.org/protocol/disco#items',
  muc: 'http://jabber.org/protocol/muc',
  mucUser: 'http://jabber.org/protocol/muc#user',
  mucOwner: 'http://jabber.org/protocol/muc#owner',
  mucAdmin: 'http://jabber.org/protocol/muc#admin',
  /** XEP-0249 direct invitations. */
  conference: 'jabber:x:conference',
  bookmarks: 'urn:xmpp:bookmarks:1',
  pubsub: 'http://jabber.org/protocol/pubsub',
  pubsubEvent: 'http://jabber.org/protocol/pubsub#event',
  pubsubPublishOptions: 'http://jabber.org/protocol/pubsub#publish-options',
  reference: 'urn:xmpp:reference:0',
  // issue 14: avatars and nicknames
  avatarMetadata: 'urn:xmpp:avatar:metadata',
  avatarData: 'urn:xmpp:avatar:data',
  vcard: 'vcard-temp',
  vcardUpdate: 'vcard-temp:x:update',
  nick: 'http://jabber.org/protocol/nick',
  // issue 14: blocking
  /** XEP-0191 blocking command. */
  blocking: 'urn:xmpp:blocking',
  // issue 14: read markers
  /** XEP-0333 chat markers. */
  chatMarkers: 'urn:xmpp:chat-markers:0',
  /** XEP-0334 processing hints (a marker carries no body: ask the archive to keep it). */
  hints: 'urn:xmpp:hints',
  // issue 14: files
  /** XEP-0363 HTTP upload. */
  httpUpload: 'urn:xmpp:http:upload:0',
  /** XEP-0066 out-of-band data (the link of a shared file). */
  oob: 'jabber:x:oob',
  // issue 14: message changes
  correct: 'urn:xmpp:message-correct:0',
  retract: 'urn:xmpp:message-retract:1',
  reply: 'urn:xmpp:reply:0',
  reactions: 'urn:xmpp:reactions:0',
  fallback: 'urn:xmpp:fallback:0',
  // issue 15: OMEMO
  /** XEP-0384 in the version the clients in use interoperate on (0.3, Conversations' namespace). */
  omemo: 'eu.siacs.conversations.axolotl',
  /** The PEP node of an account's device list. */
  omemoDeviceList: 'eu.siacs.conversations.axolotl.devicelist',
  /** The prefix of each device's bundle node: `<prefix>:<device id>`. */
  omemoBundles: 'eu.siacs.conversations.axolotl.bundles',
  /** XEP-0380: says which encryption a message uses, so a client without it can say so. */
  eme: 'urn:xmpp:eme:0',
  pubsubOwner: 'http://jabber.org/protocol/pubsub#owner',
  /** XEP-0060's own error conditions, beside the stanza's defined one (precondition-not-met under conflict). */
  pubsubErrors: 'http://jabber.org/protocol/pubsub#errors',
  pubsubNodeConfig: 'http://jabber.org/protocol/pubsub#node_config',
} as const;
