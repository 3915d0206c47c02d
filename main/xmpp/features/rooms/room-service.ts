/**
 * Finds the account's room service (XEP-0045 §6.1): disco#items on our own server lists its services, and
 * the one whose disco#info has the identity conference/text (and the muc feature) hosts rooms. Only items
 * on our server's domain or a subdomain of it are asked (own-services.ts).
 */
import { xml, type Element } from '@xmpp/xml';
import { ownJidOf, type FeatureDeps } from '../feature-deps.js';
import { NS } from '../namespaces.js';
import { ownServiceJids } from '../own-services.js';
import { attr } from '../stanza-read.js';

const DISCO_TIMEOUT_MS = 10_000;

export type RoomServiceDeps = Pick<FeatureDeps, 'link' | 'log'>;

function isRoomService(info: Element): boolean {
  const query = info.getChild('query', NS.discoInfo);
  if (query === undefined) return false;
  const conference = query.getChildren('identity', NS.discoInfo).some((identity) => attr(identity, 'category') === 'conference' && attr(identity, 'type') === 'text');
  const muc = query.getChildren('feature', NS.discoInfo).some((feature) => attr(feature, 'var') === NS.muc);
  return conference && muc;
}

/** The room services of our server, in the order the server lists them (usually one); empty when none. */
export async function discoverRoomServices({ link, log }: RoomServiceDeps): Promise<string[]> {
  const own = ownJidOf(link);
  const items = await link.request(xml('iq', { type: 'get', to: own.domain.unicode }, xml('query', { xmlns: NS.discoItems })), DISCO_TIMEOUT_MS);
  const candidates = ownServiceJids(items, own.domain.ascii);
  const answers = await Promise.all(
    candidates.map((service) =>
      link.request(xml('iq', { type: 'get', to: service }, xml('query', { xmlns: NS.discoInfo })), DISCO_TIMEOUT_MS).then(
        (info) => (isRoomService(info) ? service : null),
        (error: unknown) => {
          log({ feature: 'rooms', reason: `a listed service did not describe itself: ${error instanceof Error ? error.message : String(error)}`, from: service });
          return null;
        },
      ),
    ),
  );
  return answers.filter((service): service is string => service !== null);
}
