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
  mucUser: 'http://jabber.org/protocol/muc#user',
} as const;
