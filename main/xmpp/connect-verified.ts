/**
 * One verified connection attempt for a JID domain (posh.md §7): the POSH lookup starts together with DNS
 * resolution; candidates are tried in order until one completes TLS; the presented certificate is judged
 * PKIX ▸ POSH ▸ pin ▸ accepted-once, and the verdict is returned with the open (still silent) TLS socket.
 *
 * Nothing here sends a credential: the caller decides, from the verdict, whether to continue the XMPP
 * stream or close it. A candidate that fails to connect is skipped; a candidate that connects but cannot
 * be verified is NOT skipped past: a trust failure is the answer, never a reason to try someone else.
 */
import type { ConnectedEndpoint, Pin, ServiceName, TrustVerdict } from '../../app/domain/trust.js';
import { XMPP_CLIENT_SERVICE } from '../../app/domain/trust.js';
import { lookupForAttempt } from '../net/attempt-lookup.js';
import type { NameLookup } from '../net/name-lookup.js';
import type { SecureContexts } from '../net/secure-contexts.js';
import { summarizeCertificate } from '../trust/certificate.js';
import { evaluatePkix } from '../trust/pkix.js';
import type { PoshVerifier } from '../trust/posh/verify-posh.js';
import { decideTrust } from '../trust/verdict.js';
import type { Candidate, ConfiguredServer } from './candidate.js';
import { ConnectError, StreamNegotiationError, type CandidateFailure } from './errors.js';
import type { XmppResolver } from './resolver.js';
import { endpointLabel, secureConnect, type SecuredConnection } from './secure-connect.js';

export type ConnectStage =
  | { readonly stage: 'resolving'; readonly domain: string }
  | { readonly stage: 'connecting'; readonly endpoint: ConnectedEndpoint }
  | { readonly stage: 'verifying'; readonly endpoint: ConnectedEndpoint };

export interface PinLookup {
  get(domain: string, service: ServiceName): Promise<Pin | null>;
}

export interface ConnectVerifiedDeps {
  readonly resolver: XmppResolver;
  /** Host names to addresses: the XMPP server's, and (shared per attempt) POSH's, which resolves the same way. */
  readonly lookup: NameLookup;
  readonly connectTo?: (host: string, port: number) => { readonly host: string; readonly port: number };
  /** Roots for the XMPP server's chain: the system's plus the user's. */
  readonly ca: readonly string[];
  /** One secure context per root set, shared with POSH's requests (absent: one built per connection). */
  readonly secureContexts?: SecureContexts;
  readonly posh: PoshVerifier;
  readonly pins: PinLookup;
  readonly now: () => Date;
  readonly timeoutMs?: number;
  /**
   * Wait for POSH even when PKIX already proved the server (the command-line checker wants the whole story).
   * The app does not: a slow or unreachable web server would otherwise delay every PKIX-verified login.
   */
  readonly awaitPoshAfterPkix?: boolean;
}

export interface ConnectVerifiedRequest {
  /** The JID domain as an A-label. */
  readonly domain: string;
  readonly configured?: ConfiguredServer;
  /** The SPKI SHA-256 the user chose to "connect once" to, for this attempt only. */
  readonly acceptedOnceSpki?: string | null;
  readonly signal?: AbortSignal;
  readonly onStage?: (stage: ConnectStage) => void;
}

export interface VerifiedConnection {
  readonly connection: SecuredConnection;
  readonly verdict: TrustVerdict;
  /** Candidates that were tried and failed before this one connected. */
  readonly failures: readonly CandidateFailure[];
}

export async function connectVerified(request: ConnectVerifiedRequest, deps: ConnectVerifiedDeps): Promise<VerifiedConnection> {
  const { domain } = request;
  const posh = new AbortController();
  const stopPosh = () => posh.abort();
  request.signal?.addEventListener('abort', stopPosh);
  // One DNS cache for the attempt: a POSH reference at the provider finds its name already resolved.
  const lookup = lookupForAttempt(deps.lookup);
  // Started before DNS so that it adds no round trip to the critical path (posh.md §7.1).
  const pendingPosh = deps.posh.start(domain, posh.signal, lookup);
  try {
    request.onStage?.({ stage: 'resolving', domain });
    const candidates = await deps.resolver.resolveCandidates(domain, request.configured);
    const { connection, candidate, failures } = await connectFirst(domain, candidates, request, { ...deps, lookup });

    const endpoint = toEndpoint(candidate);
    request.onStage?.({ stage: 'verifying', endpoint });
    try {
      const verdict = await judge(domain, endpoint, connection, pendingPosh.verify.bind(pendingPosh), stopPosh, request, deps);
      return { connection, verdict, failures };
    } catch (error) {
      connection.socket.destroy();
      throw error;
    }
  } catch (error) {
    stopPosh();
    throw error;
  } finally {
    request.signal?.removeEventListener('abort', stopPosh);
  }
}

async function connectFirst(
  domain: string,
  candidates: readonly Candidate[],
  request: ConnectVerifiedRequest,
  deps: ConnectVerifiedDeps,
): Promise<{ connection: SecuredConnection; candidate: Candidate; failures: CandidateFailure[] }> {
  const failures: CandidateFailure[] = [];
  for (const candidate of candidates) {
    request.onStage?.({ stage: 'connecting', endpoint: toEndpoint(candidate) });
    try {
      const connection = await secureConnect({
        domain,
        endpoint: candidate,
        lookup: deps.lookup,
        ca: deps.ca,
        ...(deps.secureContexts ? { secureContexts: deps.secureContexts } : {}),
        connectTo: deps.connectTo,
        timeoutMs: deps.timeoutMs,
        signal: request.signal,
      });
      return { connection, candidate, failures };
    } catch (error) {
      // Only "could not reach or set up this server" moves on; anything else (a server refusing TLS, a
      // cancelled attempt) is the answer for this domain.
      if (!(error instanceof StreamNegotiationError) || request.signal?.aborted) throw error;
      failures.push({ endpoint: endpointLabel(candidate), directTls: candidate.directTls, reason: error.message });
    }
  }
  throw new ConnectError(domain, failures);
}

async function judge(
  domain: string,
  endpoint: ConnectedEndpoint,
  connection: SecuredConnection,
  verifyPosh: (leafDer: Uint8Array) => Promise<TrustVerdict['posh']>,
  stopPosh: () => void,
  request: ConnectVerifiedRequest,
  deps: ConnectVerifiedDeps,
): Promise<TrustVerdict> {
  const [leafDer, ...rest] = connection.chain;
  if (!leafDer) throw new StreamNegotiationError(endpointLabel(endpoint), 'it presented no certificate');
  const certificate = summarizeCertificate(leafDer);
  const chain = [certificate, ...rest.flatMap((der) => safeSummary(der))];
  const pkix = evaluatePkix({
    chainAuthorized: connection.chainAuthorized,
    chainError: connection.chainError,
    names: certificate.names,
    domain,
  });
  let posh: TrustVerdict['posh'];
  if (pkix.ok && !deps.awaitPoshAfterPkix) {
    stopPosh();
    posh = { domain, status: 'skipped', format: null, steps: [], expires: null, match: null, reason: `Not needed: the certificate is valid for ${domain}.` };
  } else {
    posh = await verifyPosh(leafDer);
  }
  const pin = await deps.pins.get(domain, XMPP_CLIENT_SERVICE);
  return decideTrust({
    domain,
    endpoint,
    certificate,
    chain,
    pkix,
    posh,
    pin: pin === null ? { status: 'none' } : { status: pin.spkiSha256 === certificate.spkiSha256 ? 'match' : 'mismatch', pin },
    acceptedOnce: request.acceptedOnceSpki != null && request.acceptedOnceSpki === certificate.spkiSha256,
    now: deps.now(),
  });
}

/** An unreadable intermediate is left out of the display chain; it never affects the verdict. */
function safeSummary(der: Uint8Array) {
  try {
    return [summarizeCertificate(der)];
  } catch {
    return [];
  }
}

function toEndpoint(candidate: Candidate): ConnectedEndpoint {
  return { host: candidate.host, port: candidate.port, directTls: candidate.directTls, source: candidate.source };
}
