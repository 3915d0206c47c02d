/**
 * Resource binding (RFC 6120 §7) and, for servers that still require it, session establishment
 * (RFC 3921 §3, kept by RFC 6121 only as an optional feature: `<session><optional/></session>` means skip).
 */
import xml, { type Element } from '@xmpp/xml';
import { sameDomain } from '../../../app/domain/address/domain-name.js';
import { jidOrNull } from '../../../app/domain/address/jid.js';
import { SessionProtocolError } from '../errors.js';
import { StanzaError } from '../link.js';

export const NS_BIND = 'urn:ietf:params:xml:ns:xmpp-bind';
export const NS_SESSION = 'urn:ietf:params:xml:ns:xmpp-session';

export type Requester = (iq: Element) => Promise<Element>;

/**
 * Asks for `resource` (the server may assign another, RFC 6120 §7.7.2.2) and returns the full JID the server
 * bound, in canonical form. A JID that is not a full JID at our own domain is refused; the domain may come
 * back in U-labels or A-labels, both name our domain (posh.md §7.3). (The local part is not compared: the
 * server applies PRECIS rules to it, so it may legitimately differ from what the user typed.)
 */
export async function bindResource(request: Requester, resource: string, domain: string): Promise<string> {
  const bind = xml('bind', { xmlns: NS_BIND });
  if (resource !== '') bind.append(xml('resource', {}, resource));
  let result: Element;
  try {
    result = await request(xml('iq', { type: 'set' }, bind));
  } catch (error) {
    if (error instanceof StanzaError) throw new SessionProtocolError(`the server refused to bind a resource (${error.condition})`);
    throw error;
  }
  const text = result.getChild('bind', NS_BIND)?.getChildText('jid')?.trim() ?? '';
  const jid = jidOrNull(text);
  if (jid === null || jid.resource === null) throw new SessionProtocolError('the server did not say which full JID it bound');
  if (jid.local === null || !sameDomain(jid.domain.ascii, domain)) {
    throw new SessionProtocolError(`the server bound an address outside ${domain} (${jid.bare})`);
  }
  return jid.full;
}

/** True when the stream features ask for session establishment and do not mark it optional. */
export function sessionRequired(features: Element): boolean {
  const session = features.getChild('session', NS_SESSION);
  return session !== undefined && session.getChild('optional') === undefined;
}

export async function establishSession(request: Requester): Promise<void> {
  try {
    await request(xml('iq', { type: 'set' }, xml('session', { xmlns: NS_SESSION })));
  } catch (error) {
    if (error instanceof StanzaError) throw new SessionProtocolError(`the server refused to establish the session (${error.condition})`);
    throw error;
  }
}
