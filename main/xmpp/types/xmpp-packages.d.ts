// Types for the parts of xmpp.js 0.14 that the session composes (the packages ship none). Only what
// main/xmpp/session/ touches is declared; each shape was read from the package's source.

declare module '@xmpp/jid' {
  export class JID {
    local: string;
    domain: string;
    resource: string;
    bare(): JID;
    toString(): string;
  }
  export default function jid(local: string, domain?: string, resource?: string): JID;
}

declare module '@xmpp/client-core' {
  import type { EventEmitter } from 'node:events';
  import type { Element } from '@xmpp/xml';
  import type { JID } from '@xmpp/jid';

  export interface ClientOptions {
    readonly domain: string;
    readonly lang?: string;
    /** How long open/restart/close wait for the server (ms). */
    readonly timeout?: number;
  }

  /** A transport class: only its prototype is used (socketParameters, Socket, Parser, header...). */
  export type TransportClass = abstract new (...args: never[]) => object;

  export class Client extends EventEmitter {
    constructor(options: ClientOptions);
    transports: TransportClass[];
    jid: JID | null;
    status: string;
    timeout: number;
    options: ClientOptions;
    socket: unknown;
    connect(service: string): Promise<void>;
    open(options: { domain: string; lang?: string }): Promise<Element>;
    restart(): Promise<Element>;
    disconnect(): Promise<Element | undefined>;
    send(element: Element): Promise<void>;
    sendMany(elements: Element[]): Promise<void>;
    write(data: string): Promise<void>;
    isSecure(): boolean;
    _jid(id: string): JID;
    _ready(resumed?: boolean): void;
    _onStreamError(element: Element): void;
  }
}

declare module '@xmpp/connection-tcp' {
  /** The TCP framing (stream header, footer, sendMany) that a TLS-adopting transport reuses. */
  export default class ConnectionTCP {
    socketParameters(service: string): object | undefined;
    Socket: unknown;
    Parser: unknown;
    NS: string;
  }
}

declare module '@xmpp/middleware' {
  import type { Element } from '@xmpp/xml';
  import type { Client } from '@xmpp/client-core';

  export interface MiddlewareContext {
    readonly stanza: Element;
    readonly entity: Client;
    readonly name: string;
    readonly id: string;
    readonly type: string;
    /** Set by @xmpp/iq/callee on iq get/set: the request's single child. */
    element?: Element;
  }
  export type Next = () => Promise<unknown>;
  export type Middleware = (context: MiddlewareContext, next: Next) => unknown;
  export interface MiddlewareApi {
    use<M extends Middleware>(fn: M): M;
    filter<M extends Middleware>(fn: M): M;
  }
  export default function middleware(options: { entity: Client }): MiddlewareApi;
}

declare module '@xmpp/stream-features' {
  import type { Element } from '@xmpp/xml';
  import type { MiddlewareApi, MiddlewareContext, Next } from '@xmpp/middleware';

  export type FeatureHandler = (context: MiddlewareContext, next: Next, feature: Element) => unknown;
  export interface StreamFeatures {
    use(name: string, xmlns: string, handler: FeatureHandler): unknown;
  }
  export default function streamFeatures(options: { middleware: MiddlewareApi }): StreamFeatures;
}

declare module '@xmpp/iq/callee.js' {
  import type { Client } from '@xmpp/client-core';
  import type { MiddlewareApi } from '@xmpp/middleware';

  /** Installs the iq get/set wrapper: single-child check, result/error replies, service-unavailable default. */
  export default function iqCallee(options: { middleware: MiddlewareApi; entity: Client }): unknown;
}

declare module '@xmpp/stream-management' {
  import type { EventEmitter } from 'node:events';
  import type { Element } from '@xmpp/xml';
  import type { Client } from '@xmpp/client-core';
  import type { MiddlewareApi } from '@xmpp/middleware';
  import type { StreamFeatures } from '@xmpp/stream-features';

  export interface QueuedStanza {
    readonly stanza: Element;
    /** XEP-0082 time the stanza was first queued (becomes its <delay/> on resend). */
    readonly stamp: string;
  }

  /** XEP-0198 state; xmpp.js keeps it in this mutable object. */
  export interface StreamManagement extends EventEmitter {
    preferredMaximum: number | null;
    enabled: boolean;
    enableSent: boolean;
    id: string;
    outbound_q: QueuedStanza[];
    outbound: number;
    inbound: number;
    max: string | null;
    timeout: number;
    requestAckInterval: number;
    requestAckDebounce: number;
  }

  export const NS: string;
  export default function streamManagement(options: {
    streamFeatures: StreamFeatures;
    entity: Client;
    middleware: MiddlewareApi;
  }): StreamManagement;
}
