/**
 * What Hostproof says about itself: XEP-0030 disco#info answers and the XEP-0115 caps element for our
 * presence. The feature list is exactly what the client implements, in one constant, because a contact's
 * client decides from it what to send us (receipts, chat states, carbons...). Ping is answered by the
 * session itself (main/xmpp/session/iq-handlers.ts); MAM is a server feature and is not listed.
 */
import { xml, type Element } from '@xmpp/xml';
import { StanzaError } from '../link.js';
import { capsVer, type DiscoIdentity } from './caps.js';
import type { FeatureDeps } from './feature-deps.js';
import { NS } from './namespaces.js';
import { attr } from './stanza-read.js';

const CLIENT_IDENTITY: DiscoIdentity = { category: 'client', type: 'pc', name: 'Hostproof', lang: null };

export const CLIENT_FEATURES: readonly string[] = [
  NS.caps, // XEP-0115
  NS.chatStates, // XEP-0085
  NS.discoInfo, // XEP-0030
  NS.carbons, // XEP-0280
  NS.ping, // XEP-0199
  NS.receipts, // XEP-0184
  `${NS.bookmarks}+notify`, // XEP-0402: the server tells us when another client changes a bookmark
  // issue 14: avatars and nicknames: contacts' avatar metadata (XEP-0084) and nicknames (XEP-0172) pushed to us
  `${NS.avatarMetadata}+notify`,
  `${NS.nick}+notify`,
  NS.chatMarkers, // XEP-0333 (issue 14: read markers)
  // issue 14: message changes
  NS.correct, // XEP-0308
  NS.retract, // XEP-0424
  NS.reply, // XEP-0461
  NS.reactions, // XEP-0444
  NS.fallback, // XEP-0428
  // issue 15: OMEMO: contacts' device lists pushed to us, so a new device is known before the next message
  `${NS.omemoDeviceList}+notify`,
];

/** The XEP-0115 node: a URI naming the software (the project's homepage). */
export const CAPS_NODE = 'https://hostproof.invalid';

export interface Disco {
  /** The XEP-0115 `ver` of our identity and features. */
  readonly ver: string;
  /** `<c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node=... ver=.../>` for each presence we send. */
  capsElement(): Element;
  dispose(): void;
}

export type DiscoDeps = Pick<FeatureDeps, 'link' | 'log'>;

export function createDisco({ link, log }: DiscoDeps): Disco {
  const ver = capsVer([CLIENT_IDENTITY], CLIENT_FEATURES);
  const capsNode = `${CAPS_NODE}#${ver}`;

  const stopAnswering = link.handleIq('get', NS.discoInfo, 'query', (iq) => {
    const node = attr(iq.getChild('query', NS.discoInfo) ?? iq, 'node');
    // We describe ourselves and our caps node (§6.2); other nodes are not ours.
    if (node !== null && node !== capsNode) {
      log({ feature: 'disco', reason: 'disco#info for a node we do not have', from: attr(iq, 'from') });
      throw new StanzaError('item-not-found', 'cancel');
    }
    return xml(
      'query',
      { xmlns: NS.discoInfo, node: node ?? undefined },
      xml('identity', { category: CLIENT_IDENTITY.category, type: CLIENT_IDENTITY.type, name: CLIENT_IDENTITY.name ?? undefined }),
      ...CLIENT_FEATURES.map((feature) => xml('feature', { var: feature })),
    );
  });

  return {
    ver,
    capsElement: () => xml('c', { xmlns: NS.caps, hash: 'sha-1', node: CAPS_NODE, ver }),
    dispose: stopAnswering,
  };
}
