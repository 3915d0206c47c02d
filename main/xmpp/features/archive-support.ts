/**
 * Whether our server keeps a message archive for the account (XEP-0313 §7: it lists urn:xmpp:mam:2 in the
 * disco#info of the account's bare JID). Asked once per login; the answer decides whether history pages and
 * the catch-up ask the archive at all, and the conversation tells the user when there is none.
 */
import { xml } from '@xmpp/xml';
import type { XmppLink } from '../link.js';
import { NS } from './namespaces.js';
import { attr } from './stanza-read.js';

/** A server answers disco#info at once; the catch-up waits for this answer, so it is not left waiting 30 s. */
const ASK_TIMEOUT_MS = 10_000;

/** True: the server archives; false: it answered and listed no archive; null: it could not be asked (error, timeout). */
export async function serverKeepsArchive(link: Pick<XmppLink, 'request'>): Promise<boolean | null> {
  let answer;
  try {
    // No `to`: the server answers for our own account (RFC 6120 §10.3.3).
    answer = await link.request(xml('iq', { type: 'get' }, xml('query', { xmlns: NS.discoInfo })), ASK_TIMEOUT_MS);
  } catch {
    return null;
  }
  const query = answer.getChild('query', NS.discoInfo);
  if (!query) return null;
  return query.getChildren('feature').some((feature) => attr(feature, 'var') === NS.mam);
}
