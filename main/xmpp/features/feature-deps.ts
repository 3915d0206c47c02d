/** What every chat feature is built from: the online session, the clock, an id source and a log. */
import type { Element } from '@xmpp/xml';
import type { AccountId } from '../../../app/domain/account.js';
import type { XmppLink } from '../link.js';
import { jidOrNull, type Jid } from '../../../app/domain/address/jid.js';

export type FeatureName = 'roster' | 'presence' | 'subscriptions' | 'messages' | 'carbons' | 'archive' | 'disco' | 'outgoing-queue' | 'rooms' | 'bookmarks' | 'invitations' | 'avatars' | 'blocking' | 'chat-markers' | 'files' | 'omemo';

/**
 * One stanza (or part of one) a feature refused, or a listener that failed. Incoming stanzas are hostile
 * until checked; refusing one is normal, so it is reported here instead of being thrown into the session.
 * Never contains message text: only what kind of thing was refused and from whom.
 */
export interface FeatureLogEntry {
  readonly feature: FeatureName;
  readonly reason: string;
  /** The `from` attribute as received (possibly absent or malformed). */
  readonly from: string | null;
}

export type FeatureLog = (entry: FeatureLogEntry) => void;

export interface FeatureDeps {
  readonly link: XmppLink;
  readonly accountId: AccountId;
  readonly now: () => Date;
  /** Unique, unpredictable ids (stanza ids, origin-ids, local message ids, MAM query ids). */
  readonly ids: () => string;
  readonly log: FeatureLog;
}

/** Our own JID as the session bound it. A session that bound something unparsable is a bug, not input. */
export function ownJidOf(link: XmppLink): Jid {
  const jid = jidOrNull(link.jid);
  if (jid === null || jid.local === null) throw new Error(`The session's bound JID is not an account JID: ${JSON.stringify(link.jid)}`);
  return jid;
}

/**
 * Wraps a stanza listener so that a bug in a feature is logged instead of thrown into the session's
 * dispatch loop (where it would break the handling of every later stanza).
 */
export function guarded(feature: FeatureName, log: FeatureLog, listener: (stanza: Element) => void): (stanza: Element) => void {
  return (stanza) => {
    try {
      listener(stanza);
    } catch (error) {
      log({ feature, reason: `internal error: ${error instanceof Error ? error.message : String(error)}`, from: stanza.attrs.from ?? null });
    }
  };
}

/** The log callback for an emitter's failing listeners. */
export function listenerFailure(feature: FeatureName, log: FeatureLog): (event: PropertyKey, error: unknown) => void {
  return (event, error) =>
    log({ feature, reason: `a '${String(event)}' listener threw: ${error instanceof Error ? error.message : String(error)}`, from: null });
}
