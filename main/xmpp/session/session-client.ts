/**
 * One XMPP stream over one adopted TLS socket, composed from xmpp.js packages in a fixed order. The order
 * is the design: xmpp.js runs incoming elements through one middleware chain, and stream features are
 * negotiated by the first matching handler, which may call the next.
 *
 *   1. negotiation round  – wraps every <stream:features> so the session learns how each round ended
 *   2. SASL               – ours (server signature checked); restarts the stream after <success/>
 *   3. stream management  – @xmpp/stream-management: counts stanzas, answers <r/>, resumes or, after
 *                           resource binding, enables
 *   4. resource binding   – ours (plus session establishment when required)
 *   5. iq responses       – claimed by the session's pending requests
 *   6. iq requests        – @xmpp/iq/callee framing, answered from the session's handler table;
 *                           nobody's → service-unavailable
 *   7. everything else    – message, presence and unclaimed iq results/errors go to the session
 */
import type { TLSSocket } from 'node:tls';
import { Client } from '@xmpp/client-core';
import iqCallee from '@xmpp/iq/callee.js';
import createMiddleware, { type Next } from '@xmpp/middleware';
import createStreamFeatures from '@xmpp/stream-features';
import streamManagement, { type StreamManagement } from '@xmpp/stream-management';
import type { Element } from '@xmpp/xml';
import { StreamError } from '../errors.js';
import { adoptedTransport } from './adopted-transport.js';
import { IqHandlers } from './iq-handlers.js';
import { NS_BIND } from './resource-binding.js';
import { NS_SASL } from './sasl-negotiation.js';
import { StreamGuard, type StreamLimits } from './stream-guard.js';

export const NS_STREAM = 'http://etherx.jabber.org/streams';
const NS_STREAM_ERRORS = 'urn:ietf:params:xml:ns:xmpp-streams';

/** xmpp.js's client with one change: a stream error is reported, never followed (see-other-host included). */
export class SessionClient extends Client {
  override _onStreamError(element: Element): void {
    this.emit('error', streamErrorOf(element));
  }
}

export function streamErrorOf(element: Element): StreamError {
  const condition = element.getChildElements().find((child) => child.getNS() === NS_STREAM_ERRORS && child.name !== 'text')?.name ?? 'undefined-condition';
  const text = element.getChildText('text', NS_STREAM_ERRORS)?.trim() || null;
  return new StreamError(condition, text);
}

export interface StreamRoles {
  /** Runs one features round (`next`) and acts on how it ended. Must not throw. */
  readonly onFeatures: (round: Next) => Promise<void>;
  /** `features` is the whole <stream:features>: XEP-0440's channel-binding list sits beside <mechanisms>. */
  readonly authenticate: (mechanisms: Element, features: Element) => Promise<void>;
  readonly bind: (features: Element) => Promise<void>;
  /** True when the stanza answered one of our requests (and is consumed). */
  readonly claim: (stanza: Element) => boolean;
  readonly iqHandlers: IqHandlers;
  readonly deliver: (stanza: Element) => void;
  /** True once the server accepted our login on this stream: only then may a stanza reach handlers and listeners. */
  readonly authenticated: () => boolean;
}

export interface ComposedStream {
  readonly entity: SessionClient;
  readonly sm: StreamManagement;
}

export function composeStream(socket: TLSSocket, options: { domain: string; timeoutMs: number; limits?: Partial<StreamLimits> }, roles: StreamRoles): ComposedStream {
  const entity = new SessionClient({ domain: options.domain, lang: 'en', timeout: options.timeoutMs });
  entity.transports.push(adoptedTransport(socket, new StreamGuard(options.limits)));
  const middleware = createMiddleware({ entity });
  const streamFeatures = createStreamFeatures({ middleware });

  middleware.use((context, next) => (context.stanza.is('features', NS_STREAM) ? roles.onFeatures(next) : next()));
  // No next(): after SASL the stream restarts and the server sends new features.
  streamFeatures.use('mechanisms', NS_SASL, (context, _next, feature) => roles.authenticate(feature, context.stanza));
  const sm = streamManagement({ streamFeatures, entity, middleware });
  streamFeatures.use('bind', NS_BIND, (context) => roles.bind(context.stanza));
  middleware.use((context, next) => (roles.claim(context.stanza) ? undefined : next()));
  iqCallee({ middleware, entity });
  // A stanza before SASL success belongs to no session (RFC 6120 §6.4.6): a hostile server could otherwise feed
  // the listeners of a session continuing on a new connection. An iq request among them is answered
  // service-unavailable by the callee; messages and presences are dropped. (Not "until bound": the stanzas a
  // server replays right after <resumed/> arrive before xmpp.js reports the resumption.)
  middleware.use((_context, next) => (roles.authenticated() ? next() : undefined));
  middleware.use(async (context, next) => {
    const handler = context.element ? roles.iqHandlers.find(context.type, context.element) : null;
    return handler ? IqHandlers.run(handler, context.stanza) : next();
  });
  middleware.use((context) => {
    const { name } = context.stanza;
    const type = context.stanza.attrs.type;
    const isRequest = name === 'iq' && (type === 'get' || type === 'set');
    if ((name === 'message' || name === 'presence' || name === 'iq') && !isRequest) roles.deliver(context.stanza);
    // Nothing returned: an iq request that reached here is answered service-unavailable by the callee.
    return undefined;
  });
  return { entity, sm };
}
