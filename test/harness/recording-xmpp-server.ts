/**
 * A scripted XMPP server on 127.0.0.1 that records every byte each client sent: in the clear before
 * STARTTLS, and as DECRYPTED after TLS. Tests use the recording to prove what a client did or did not send
 * (no credential before the user decided, no PLAIN after a SCRAM failure, nothing after a refusal...).
 *
 *   const server = await startRecordingXmppServer({ certificate: leaf, mode: 'starttls', script: { users: { alice: 'pw' } } });
 *   ... connect to 127.0.0.1:server.port ...
 *   expect(server.received()).not.toContain('<auth');
 *   expect(server.connections).toHaveLength(1);
 *   await server.close();
 *
 * The script is a small set of switches over one standard flow:
 *   [plain: header → features (<starttls/> unless offerStartTls is false) → <proceed/> → TLS]
 *   → TLS: header → <mechanisms/> (+ XEP-0440 list) → SASL (PLAIN, SCRAM-SHA-1/256/512 and -PLUS, the binding
 *     checked against data from the server's own end: server-channel-binding.ts) → restart
 *   → header → <bind/> (+ <session/>, optional unless sessionRequired, + postAuthFeatures) → bound; further
 *     stanzas and nonzas go to `onStanza` (default: iq get/set → service-unavailable).
 */
import net from 'node:net';
import tls from 'node:tls';
import { Parser, escapeXML, type Element } from '@xmpp/xml';
import { createHash } from 'node:crypto';
import { ScramServer, type ScramServerHash } from './scram-server.js';
import { serverBindingData } from './server-channel-binding.js';

export type ServerSignatureMode = 'correct' | 'wrong' | 'missing';

export interface ServerScript {
  /** STARTTLS mode only: false sends features without <starttls/> in the clear (and waits). Default true. */
  readonly offerStartTls: boolean;
  /** 'silent' never answers the stream header sent after TLS: a server that waits forever. Default 'negotiate'. */
  readonly afterTls: 'negotiate' | 'silent';
  /** Offered SASL mechanisms, in order. Default SCRAM-SHA-1 and PLAIN (like Prosody 0.12). */
  readonly mechanisms: readonly string[];
  /** Accounts: user name → password. */
  readonly users: Readonly<Record<string, string>>;
  /**
   * SCRAM server-final: 'correct' checks the client's proof and proves the password back; 'wrong' plays an
   * impostor (accepts any proof, sends a wrong `v=`); 'missing' accepts any proof and sends an empty <success/>.
   */
  readonly serverSignature: ServerSignatureMode;
  /** Offer RFC 3921 session establishment as required (true) or optional (false, the default, like Prosody). */
  readonly sessionRequired: boolean;
  /** Answers each stanza after binding. Default: iq get/set → service-unavailable; others ignored. */
  readonly onStanza: (stanza: Element, connection: RecordedConnection) => void;
  /** STARTTLS mode only: answer <starttls/> with <proceed/> (default) or with the TLS <failure/>. */
  readonly startTlsAnswer: 'proceed' | 'failure';
  /** SCRAM iteration count the server announces. Default 4096. */
  readonly iterations: number;
  /** Raw XML sent right after the features in the clear (a hostile server's stanzas before TLS). Default ''. */
  readonly beforeTls: string;
  /** Raw XML sent right after the features that offer SASL (stanzas before authentication). Default ''. */
  readonly beforeAuth: string;
  /** The highest TLS version the server speaks. Default 'TLSv1.3'. */
  readonly tlsMaxVersion: 'TLSv1.2' | 'TLSv1.3';
  /** The XEP-0440 channel-binding list sent beside <mechanisms>; null (the default) sends none. */
  readonly channelBindings: readonly string[] | null;
  /**
   * The channel-binding types the server really implements for -PLUS. Default: the declared list, or only
   * tls-unique when it declares none (SCRAM's default, what servers without XEP-0440 do).
   */
  readonly implementedBindings: readonly string[] | null;
  /** Mechanisms a man in the middle removes from what the client sees; the server's own offer keeps them. */
  readonly strippedInTransit: readonly string[];
  /** Send XEP-0474's `h=` (over the server's own offer) in the SCRAM server-first message. Default false. */
  readonly downgradeHash: boolean;
  /** Raw XML added to the features after login, beside <bind/> (XEP-0198's <sm/>, played by `onStanza`). Default ''. */
  readonly postAuthFeatures: string;
}

/** One SASL attempt as the server saw it. */
export interface LoginRecord {
  readonly mechanism: string;
  /** SCRAM's gs2 header ("n,,", "y,,", "p=<type>,,"); null for PLAIN. */
  readonly gs2Header: string | null;
  /** The RFC 5802 server-error the server answered (a binding problem), or null. */
  readonly error: string | null;
  /** Whether the server accepted the login. */
  readonly accepted: boolean;
}

export interface RecordingServerOptions {
  readonly certificate: { readonly certPem: string; readonly keyPem: string };
  readonly mode: 'starttls' | 'direct-tls';
  /** The domain the server speaks for (stream `from`, bound JIDs). Default 'hosted.test'. */
  readonly domain?: string;
  readonly script?: Partial<ServerScript>;
  /** TLS versions and ciphers the server accepts (a server stuck on TLS 1.0 needs `ciphers: 'DEFAULT@SECLEVEL=0'`). */
  readonly tls?: Pick<tls.SecureContextOptions, 'minVersion' | 'maxVersion' | 'ciphers'>;
}

export interface RecordedConnection {
  readonly id: number;
  /** Everything this client sent, in order: plaintext before TLS, then what TLS decrypted. */
  received(): string;
  receivedBeforeTls(): string;
  receivedAfterTls(): string;
  /** True once the TLS handshake with this client completed. */
  readonly tls: boolean;
  /** The full JID bound on this connection, or null. */
  readonly boundJid: string | null;
  /** The SASL attempts on this connection, in order. */
  readonly logins: readonly LoginRecord[];
  /** Writes raw XML to the client (over TLS once established). */
  send(xml: string): void;
  /** Drops the TCP connection without a goodbye. */
  destroy(): void;
  /**
   * Resolves once the TCP connection is closed on both sides. TCP delivers a client's bytes before its close, so
   * then everything the client sent on this connection has been recorded: a barrier for "sent nothing more".
   */
  closed(): Promise<void>;
  /**
   * Hangs up as a server that gave up waiting does (TLS close_notify and FIN), and resolves once the client has
   * closed its side too: by then the client has seen that the connection is gone.
   */
  hangUp(): Promise<void>;
}

export interface RecordingXmppServer {
  readonly port: number;
  readonly connections: readonly RecordedConnection[];
  /** Everything every client sent, connection after connection. */
  received(): string;
  close(): Promise<void>;
}

const NS_STREAM = 'http://etherx.jabber.org/streams';
const NS_TLS = 'urn:ietf:params:xml:ns:xmpp-tls';
const NS_SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';
const NS_BIND = 'urn:ietf:params:xml:ns:xmpp-bind';
const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';
const NS_SESSION = 'urn:ietf:params:xml:ns:xmpp-session';
const NS_SASL_CB = 'urn:xmpp:sasl-cb:0';

const SCRAM_HASHES: Readonly<Record<string, ScramServerHash>> = { 'SCRAM-SHA-1': 'sha1', 'SCRAM-SHA-256': 'sha256', 'SCRAM-SHA-512': 'sha512' };

const DEFAULT_SCRIPT: ServerScript = {
  offerStartTls: true,
  afterTls: 'negotiate',
  mechanisms: ['SCRAM-SHA-1', 'PLAIN'],
  users: {},
  serverSignature: 'correct',
  sessionRequired: false,
  startTlsAnswer: 'proceed',
  iterations: 4096,
  beforeTls: '',
  beforeAuth: '',
  tlsMaxVersion: 'TLSv1.3',
  channelBindings: null,
  implementedBindings: null,
  strippedInTransit: [],
  downgradeHash: false,
  postAuthFeatures: '',
  onStanza: (stanza, connection) => {
    const type = stanza.attrs.type;
    if (stanza.name === 'iq' && (type === 'get' || type === 'set')) {
      connection.send(
        `<iq type='error' id='${escapeXML(stanza.attrs.id ?? '')}'><error type='cancel'><service-unavailable xmlns='${NS_STANZAS}'/></error></iq>`,
      );
    }
  },
};

export async function startRecordingXmppServer(options: RecordingServerOptions): Promise<RecordingXmppServer> {
  const script: ServerScript = { ...DEFAULT_SCRIPT, ...options.script };
  const domain = options.domain ?? 'hosted.test';
  const secureContext = tls.createSecureContext({
    cert: options.certificate.certPem,
    key: options.certificate.keyPem,
    maxVersion: script.tlsMaxVersion,
    // A hostile-server test's own TLS settings (old versions, ciphers) win over the script's default.
    ...options.tls,
  });
  const connections: ConnectionEngine[] = [];
  const sockets = new Set<net.Socket>();

  const server = net.createServer((raw) => {
    sockets.add(raw);
    raw.on('close', () => sockets.delete(raw));
    raw.on('error', () => undefined);
    const engine = new ConnectionEngine(connections.length + 1, raw, { script, domain, secureContext, certPem: options.certificate.certPem, mode: options.mode });
    connections.push(engine);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });

  return {
    port: (server.address() as net.AddressInfo).port,
    get connections() {
      return connections;
    },
    received: () => connections.map((c) => c.received()).join(''),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

type Stage = 'plain' | 'pre-auth' | 'authenticating' | 'post-auth';

interface EngineOptions {
  readonly script: ServerScript;
  readonly domain: string;
  readonly secureContext: tls.SecureContext;
  readonly certPem: string;
  readonly mode: 'starttls' | 'direct-tls';
}

/** One client connection: the recorder and the scripted protocol state machine. */
class ConnectionEngine implements RecordedConnection {
  readonly #chunks: Array<{ readonly tls: boolean; readonly text: string }> = [];
  readonly #raw: net.Socket;
  readonly #options: EngineOptions;
  #out: net.Socket;
  #stage: Stage;
  #parser: Parser | null = null;
  #tls = false;
  #scram: { readonly server: ScramServer; readonly hash: ScramServerHash; readonly mechanism: string } | null = null;
  #secure: tls.TLSSocket | null = null;
  readonly #logins: LoginRecord[] = [];
  #username = '';
  #boundJid: string | null = null;
  readonly #closed: Promise<void>;

  constructor(
    readonly id: number,
    raw: net.Socket,
    options: EngineOptions,
  ) {
    this.#raw = raw;
    this.#out = raw;
    this.#options = options;
    this.#closed = new Promise((resolve) => raw.once('close', () => resolve()));
    if (options.mode === 'direct-tls') {
      this.#stage = 'pre-auth';
      this.#startTls();
    } else {
      this.#stage = 'plain';
      raw.setEncoding('utf8');
      raw.on('data', this.#onPlainData);
      this.#newParser();
    }
  }

  get tls(): boolean {
    return this.#tls;
  }

  get boundJid(): string | null {
    return this.#boundJid;
  }

  get logins(): readonly LoginRecord[] {
    return this.#logins;
  }

  received(): string {
    return this.#chunks.map((c) => c.text).join('');
  }

  receivedBeforeTls(): string {
    return this.#chunks.filter((c) => !c.tls).map((c) => c.text).join('');
  }

  receivedAfterTls(): string {
    return this.#chunks.filter((c) => c.tls).map((c) => c.text).join('');
  }

  send(xml: string): void {
    if (!this.#out.destroyed) this.#out.write(xml);
  }

  destroy(): void {
    this.#out.destroy();
    this.#raw.destroy();
  }

  closed(): Promise<void> {
    return this.#closed;
  }

  hangUp(): Promise<void> {
    this.#out.end();
    return this.#closed;
  }

  readonly #onPlainData = (data: string) => this.#receive(data, false);

  #receive(text: string, overTls: boolean): void {
    this.#chunks.push({ tls: overTls, text });
    this.#parser?.write(text);
  }

  #newParser(): void {
    this.#parser?.removeAllListeners();
    const parser = new Parser();
    parser.on('start', () => this.#onStreamStart());
    parser.on('element', (element) => this.#onElement(element));
    parser.on('end', () => {
      this.send('</stream:stream>');
      this.#out.end();
    });
    parser.on('error', () => this.destroy());
    this.#parser = parser;
  }

  #startTls(): void {
    this.#raw.off('data', this.#onPlainData);
    const secure = new tls.TLSSocket(this.#raw, {
      isServer: true,
      secureContext: this.#options.secureContext,
      ALPNProtocols: this.#options.mode === 'direct-tls' ? ['xmpp-client'] : undefined,
    });
    secure.setEncoding('utf8');
    secure.on('secure', () => {
      this.#tls = true;
    });
    secure.on('data', (data: string) => this.#receive(data, true));
    secure.on('error', () => undefined);
    this.#out = secure;
    this.#secure = secure;
    this.#newParser();
  }

  #header(): string {
    return (
      `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='${NS_STREAM}' ` +
      `from='${escapeXML(this.#options.domain)}' id='s${this.id}-${Date.now()}' version='1.0' xml:lang='en'>`
    );
  }

  #onStreamStart(): void {
    const { script } = this.#options;
    switch (this.#stage) {
      case 'plain': {
        const starttls = script.offerStartTls ? `<starttls xmlns='${NS_TLS}'><required/></starttls>` : '';
        this.send(`${this.#header()}<stream:features>${starttls}${this.#mechanisms()}</stream:features>${script.beforeTls}`);
        return;
      }
      case 'pre-auth':
        if (script.afterTls === 'silent') return;
        this.send(`${this.#header()}<stream:features>${this.#mechanisms()}</stream:features>${script.beforeAuth}`);
        return;
      case 'post-auth':
        this.send(
          `${this.#header()}<stream:features><bind xmlns='${NS_BIND}'/>` +
            `<session xmlns='${NS_SESSION}'>${script.sessionRequired ? '' : '<optional/>'}</session>${script.postAuthFeatures}</stream:features>`,
        );
        return;
      case 'authenticating':
        return;
    }
  }

  #mechanisms(): string {
    const { mechanisms, strippedInTransit, channelBindings } = this.#options.script;
    const shown = mechanisms.filter((m) => !strippedInTransit.includes(m));
    const list = shown.map((m) => `<mechanism>${escapeXML(m)}</mechanism>`).join('');
    const cb =
      channelBindings === null
        ? ''
        : `<sasl-channel-binding xmlns='${NS_SASL_CB}'>${channelBindings.map((t) => `<channel-binding type='${escapeXML(t)}'/>`).join('')}</sasl-channel-binding>`;
    return `<mechanisms xmlns='${NS_SASL}'>${list}</mechanisms>${cb}`;
  }

  /** XEP-0474 §4.1 over the server's own offer (what it meant to send, before any stripping). */
  #downgradeHash(hash: ScramServerHash): string {
    const { mechanisms, channelBindings } = this.#options.script;
    const sort = (list: readonly string[]) => [...list].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    let text = sort(mechanisms).join('\x1e');
    if (channelBindings !== null) text += `\x1f${sort(channelBindings).join('\x1e')}`;
    return createHash(hash).update(text).digest('base64');
  }

  #onElement(element: Element): void {
    if (this.#stage === 'plain') {
      if (element.is('starttls', NS_TLS) && this.#options.script.offerStartTls) {
        if (this.#options.script.startTlsAnswer === 'failure') {
          // RFC 6120 §5.4.2.2: <failure/>, then the server closes the stream and the connection.
          this.send(`<failure xmlns='${NS_TLS}'/></stream:stream>`);
          this.#out.end();
          return;
        }
        this.send(`<proceed xmlns='${NS_TLS}'/>`);
        this.#stage = 'pre-auth';
        this.#startTls();
      }
      return;
    }
    if (element.getNS() === NS_SASL) {
      this.#onSasl(element);
      return;
    }
    if (this.#stage === 'post-auth') this.#onStanza(element);
  }

  #onSasl(element: Element): void {
    const { script } = this.#options;
    if (element.is('auth', NS_SASL)) {
      const mechanism = element.attrs.mechanism ?? '';
      const data = Buffer.from(element.getText().trim(), 'base64').toString('utf8');
      if (!script.mechanisms.includes(mechanism)) return this.#failure('invalid-mechanism');
      this.#stage = 'authenticating';
      if (mechanism === 'PLAIN') {
        const [, user = '', password = ''] = data.split('\0');
        this.#logins.push({ mechanism, gs2Header: null, error: null, accepted: script.users[user] === password && user in script.users });
        return script.users[user] === password && user in script.users ? this.#success(user, null) : this.#failure('not-authorized');
      }
      const hash = SCRAM_HASHES[mechanism.replace(/-PLUS$/, '')] ?? null;
      if (!hash) return this.#failure('invalid-mechanism');
      const user = /^[^,]*,,n=([^,]*)/.exec(data)?.[1] ?? '';
      const password = script.serverSignature === 'correct' ? (script.users[user] ?? null) : null;
      const secure = this.#secure;
      const server = new ScramServer({
        hash,
        password,
        plus: mechanism.endsWith('-PLUS'),
        supportsBinding: script.mechanisms.some((m) => m.endsWith('-PLUS')),
        iterations: script.iterations,
        bindings: secure ? { types: script.implementedBindings ?? script.channelBindings ?? ['tls-unique'], data: serverBindingData(secure, this.#options.certPem) } : undefined,
        downgradeHash: script.downgradeHash ? this.#downgradeHash(hash) : null,
      });
      this.#scram = { server, hash, mechanism };
      const serverFirst = server.first(data);
      this.send(`<challenge xmlns='${NS_SASL}'>${Buffer.from(serverFirst).toString('base64')}</challenge>`);
      return;
    }
    if (element.is('response', NS_SASL) && this.#scram) {
      const { server, hash, mechanism } = this.#scram;
      const final = server.final(Buffer.from(element.getText().trim(), 'base64').toString('utf8'));
      this.#scram = null;
      const accepted = final.error === null && (script.serverSignature !== 'correct' || (final.proofValid && final.serverSignature !== null));
      this.#logins.push({ mechanism, gs2Header: server.gs2Header, error: final.error, accepted });
      // RFC 5802 §7: a binding the server cannot match fails the login whatever the proof says.
      if (final.error !== null) return this.#failure('not-authorized', `e=${final.error}`);
      switch (script.serverSignature) {
        case 'correct':
          if (!final.proofValid || final.serverSignature === null) return this.#failure('not-authorized');
          return this.#success(final.username, `v=${final.serverSignature}`);
        case 'wrong':
          // Right length, wrong bytes: only the signature check itself can catch it.
          return this.#success(final.username, `v=${Buffer.alloc(hash === 'sha256' ? 32 : 20, 0x5a).toString('base64')}`);
        case 'missing':
          return this.#success(final.username, null);
      }
    }
    if (element.is('abort', NS_SASL)) {
      this.#scram = null;
      this.#stage = 'pre-auth';
      this.send(`<failure xmlns='${NS_SASL}'><aborted/></failure>`);
    }
  }

  #success(user: string, additional: string | null): void {
    this.#username = user;
    this.#stage = 'post-auth';
    // The client restarts the stream after <success/>: its next header starts a new XML document.
    this.#newParser();
    const data = additional === null ? '' : Buffer.from(additional).toString('base64');
    this.send(`<success xmlns='${NS_SASL}'>${data}</success>`);
  }

  #failure(condition: string, text?: string): void {
    this.#stage = 'pre-auth';
    const said = text === undefined ? '' : `<text>${escapeXML(text)}</text>`;
    this.send(`<failure xmlns='${NS_SASL}'><${condition}/>${said}</failure>`);
  }

  #onStanza(stanza: Element): void {
    const bind = stanza.getChild('bind', NS_BIND);
    if (stanza.is('iq') && stanza.attrs.type === 'set' && bind) {
      const resource = bind.getChildText('resource') || `r${this.id}`;
      this.#boundJid = `${this.#username}@${this.#options.domain}/${resource}`;
      this.send(
        `<iq type='result' id='${escapeXML(stanza.attrs.id ?? '')}'><bind xmlns='${NS_BIND}'><jid>${escapeXML(this.#boundJid)}</jid></bind></iq>`,
      );
      return;
    }
    if (stanza.is('iq') && stanza.attrs.type === 'set' && stanza.getChild('session', NS_SESSION)) {
      this.send(`<iq type='result' id='${escapeXML(stanza.attrs.id ?? '')}'/>`);
      return;
    }
    this.#options.script.onStanza(stanza, this);
  }
}
