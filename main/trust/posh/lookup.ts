/**
 * The whole POSH walk for one JID domain: RFC 7711 URL first, the seed draft's URL only after a 404,
 * redirects followed by hand, at most one reference hop, every hop recorded. It needs no certificate, so
 * it can start before the TLS handshake and run alongside DNS resolution.
 */
import type { PoshFormat, PoshStep } from '../../../app/domain/trust.js';
import { parsePoshDocument, type PoshDocument } from './document.js';
import { fetchOne, type FetchOutcome, type PoshFetchOptions, type PoshHop } from './fetch-one.js';
import { materialFromDocument, type PoshMaterial } from './material.js';
import { poshWellKnownUrl } from './well-known.js';
import { domainForPeople, parseDomain } from '../../../app/domain/address/domain-name.js';

const DEFAULT_LOOKUP_DEADLINE_MS = 10_000;
/** Policy: redirects allowed in one lookup, counting both documents of a reference. */
const MAX_POSH_REDIRECTS = 10;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface PoshLookupOptions extends PoshFetchOptions {
  /** Whole-lookup limit. Default 10 s. */
  readonly deadlineMs?: number;
  readonly signal?: AbortSignal;
}

export type PoshFailureKind = 'absent' | 'invalid' | 'error';

export type PoshLookupOutcome =
  | { readonly kind: 'material'; readonly material: PoshMaterial; readonly steps: readonly PoshStep[] }
  | {
      readonly kind: PoshFailureKind;
      /** The grammar of the document that failed, when one was reached. */
      readonly format: PoshFormat | null;
      readonly steps: readonly PoshStep[];
      readonly reason: string;
    };

type Usable = Extract<PoshDocument, { kind: 'fingerprints' | 'jwk-set' | 'reference' }>;

type DocumentFetch =
  | { readonly kind: 'document'; readonly url: string; readonly document: Usable }
  | { readonly kind: 'not-found'; readonly url: string }
  | { readonly kind: 'failed'; readonly status: 'invalid' | 'error'; readonly reason: string };

interface Walk {
  readonly options: PoshFetchOptions;
  readonly signal: AbortSignal;
  readonly deadlineHit: () => boolean;
  readonly deadlineMs: number;
  readonly steps: PoshStep[];
  redirects: number;
}

export async function lookupPosh(domainInput: string, options: PoshLookupOptions = {}): Promise<PoshLookupOutcome> {
  const parsed = parseDomain(domainInput);
  if (!parsed.ok) return { kind: 'error', format: null, steps: [], reason: parsed.problem.message };
  const domain = parsed.value.ascii;

  const deadlineMs = options.deadlineMs ?? DEFAULT_LOOKUP_DEADLINE_MS;
  const controller = new AbortController();
  let deadlineHit = false;
  const deadline = setTimeout(() => {
    deadlineHit = true;
    controller.abort();
  }, deadlineMs);
  const forwardAbort = (): void => controller.abort();
  if (options.signal?.aborted) controller.abort();
  else options.signal?.addEventListener('abort', forwardAbort, { once: true });

  const walk: Walk = {
    options,
    signal: controller.signal,
    deadlineHit: () => deadlineHit,
    deadlineMs,
    steps: [],
    redirects: 0,
  };
  try {
    return await walkDomain(domain, walk);
  } finally {
    clearTimeout(deadline);
    options.signal?.removeEventListener('abort', forwardAbort);
  }
}

async function walkDomain(domain: string, walk: Walk): Promise<PoshLookupOutcome> {
  const failure = (kind: PoshFailureKind, format: PoshFormat | null, reason: string): PoshLookupOutcome => ({
    kind,
    format,
    steps: walk.steps,
    reason,
  });

  let format: PoshFormat = 'rfc7711';
  let first = await fetchDocument(poshWellKnownUrl(domain, format), format, walk, 'first');
  // Policy: the seed draft's URL is asked only when the RFC URL says 404, never after an error.
  if (first.kind === 'not-found') {
    format = 'seed';
    first = await fetchDocument(poshWellKnownUrl(domain, format), format, walk, 'first');
    if (first.kind === 'not-found') {
      return failure('absent', null, `${domainForPeople(domain)} publishes no POSH document (404 at both well-known URLs)`);
    }
  }
  if (first.kind === 'failed') return failure(first.status, format, first.reason);

  const document = first.document;
  if (document.kind !== 'reference') {
    return { kind: 'material', material: materialFromDocument(domain, format, document, first.url, document.expires), steps: walk.steps };
  }

  const target = await fetchDocument(new URL(document.url), format, walk, 'later');
  if (target.kind === 'not-found') {
    return failure('error', format, `the document ${first.url} refers to, ${target.url}, does not exist (404)`);
  }
  if (target.kind === 'failed') return failure(target.status, format, target.reason);
  if (target.document.kind === 'reference') {
    // At most one `url` hop (RFC 7711 §3.2): a chain of references is not followed.
    walk.steps.push({
      url: target.document.url,
      status: null,
      kind: 'budget-exceeded',
      detail: 'not followed: a reference may not lead to another reference',
    });
    return failure('error', format, `the reference at ${first.url} leads to another reference at ${target.url}`);
  }
  // Through a reference the material lives only as long as the shorter of the two documents.
  const lifetime = Math.min(document.expires, target.document.expires);
  return { kind: 'material', material: materialFromDocument(domain, format, target.document, target.url, lifetime), steps: walk.steps };
}

/**
 * Fetch one document, following redirects by hand within the lookup's shared budget. Only the very first
 * URL of a `first` walk is unrestricted: every redirect target and a reference's URL is a `later` hop.
 */
async function fetchDocument(start: URL, format: PoshFormat, walk: Walk, startHop: PoshHop): Promise<DocumentFetch> {
  let current = start;
  const visited = new Set<string>([current.href]);
  for (;;) {
    const url = current.href;
    const outcome: FetchOutcome = walk.signal.aborted
      ? { kind: 'aborted', detail: 'cancelled' }
      : await fetchOne(current, walk.options, current === start ? startHop : 'later', walk.signal);

    if (outcome.kind !== 'response') return transportFailure(url, outcome, walk);

    const { status } = outcome;
    if (REDIRECT_STATUSES.has(status)) {
      const next = outcome.location === null ? null : resolveLocation(outcome.location, current);
      if (next === null) {
        walk.steps.push({ url, status, kind: 'http-error', detail: `redirect ${status} without a usable Location` });
        return { kind: 'failed', status: 'error', reason: `${url} answered ${status} without a usable Location` };
      }
      if (next.protocol !== 'https:') {
        walk.steps.push({ url, status, kind: 'redirect', detail: `to ${next.href}: refused, POSH follows only https` });
        return { kind: 'failed', status: 'error', reason: `${url} redirected to ${next.href}, which is not https` };
      }
      walk.steps.push({ url, status, kind: 'redirect', detail: `to ${next.href}` });
      walk.redirects += 1;
      if (visited.has(next.href)) {
        walk.steps.push({ url: next.href, status: null, kind: 'budget-exceeded', detail: 'redirect loop: already visited' });
        return { kind: 'failed', status: 'error', reason: `the redirects from ${start.href} loop back to ${next.href}` };
      }
      if (walk.redirects > MAX_POSH_REDIRECTS) {
        walk.steps.push({
          url: next.href,
          status: null,
          kind: 'budget-exceeded',
          detail: `not followed: more than ${MAX_POSH_REDIRECTS} redirects in one POSH lookup`,
        });
        return { kind: 'failed', status: 'error', reason: `more than ${MAX_POSH_REDIRECTS} redirects` };
      }
      visited.add(next.href);
      current = next;
      continue;
    }
    if (status === 404) {
      walk.steps.push({ url, status, kind: 'not-found', detail: 'no POSH document here' });
      return { kind: 'not-found', url };
    }
    if (status < 200 || status > 299) {
      walk.steps.push({ url, status, kind: 'http-error', detail: `HTTP ${status}: POSH unavailable` });
      return { kind: 'failed', status: 'error', reason: `POSH unavailable: ${url} answered HTTP ${status}` };
    }

    const document = parsePoshDocument(outcome.body, format);
    if (document.kind === 'invalid') {
      walk.steps.push({ url, status, kind: 'invalid-document', detail: document.reason });
      return { kind: 'failed', status: 'invalid', reason: `the POSH document at ${url} is invalid: ${document.reason}` };
    }
    walk.steps.push({ url, status, kind: document.kind, detail: describe(document) });
    return { kind: 'document', url, document };
  }
}

function resolveLocation(location: string, base: URL): URL | null {
  try {
    return new URL(location, base);
  } catch {
    return null;
  }
}

function transportFailure(url: string, outcome: Exclude<FetchOutcome, { kind: 'response' }>, walk: Walk): DocumentFetch {
  const host = new URL(url).host;
  switch (outcome.kind) {
    case 'tls-error':
      walk.steps.push({ url, status: null, kind: 'tls-error', detail: outcome.detail });
      return { kind: 'failed', status: 'error', reason: `the TLS connection to ${host} could not be verified (${outcome.detail}), so POSH gives nothing` };
    case 'network-error':
      walk.steps.push({ url, status: null, kind: 'network-error', detail: outcome.detail });
      return { kind: 'failed', status: 'error', reason: `could not reach ${host} for POSH: ${outcome.detail}` };
    case 'timeout':
      walk.steps.push({ url, status: null, kind: 'timeout', detail: outcome.detail });
      return { kind: 'failed', status: 'error', reason: `${host} did not answer the POSH request in time` };
    case 'too-large':
      walk.steps.push({ url, status: null, kind: 'too-large', detail: outcome.detail });
      return { kind: 'failed', status: 'error', reason: `the POSH answer from ${host} was too large` };
    case 'refused':
      walk.steps.push({ url, status: null, kind: 'refused-address', detail: `not requested: ${outcome.detail}` });
      return { kind: 'failed', status: 'error', reason: `POSH refused to follow ${url}: ${outcome.detail}` };
    case 'aborted':
      if (walk.deadlineHit()) {
        const detail = `the POSH lookup did not finish within ${walk.deadlineMs} ms`;
        walk.steps.push({ url, status: null, kind: 'timeout', detail });
        return { kind: 'failed', status: 'error', reason: detail };
      }
      walk.steps.push({ url, status: null, kind: 'network-error', detail: 'cancelled' });
      return { kind: 'failed', status: 'error', reason: 'the POSH lookup was cancelled' };
  }
}

function describe(document: Usable): string {
  switch (document.kind) {
    case 'fingerprints': {
      const hashes = [...new Set(document.fingerprints.flatMap((descriptor) => [...descriptor.keys()]))].join(', ');
      const ignored = document.ignoredHashes.length > 0 ? `; ignored ${document.ignoredHashes.join(', ')}` : '';
      return `${document.fingerprints.length} certificate fingerprint(s) (${hashes})${ignored}; expires in ${document.expires} s`;
    }
    case 'jwk-set': {
      const chains = document.x5c.filter((chain) => chain !== null).length;
      const shown = chains > 0 ? `; ${chains} x5c chain(s), shown only and never trusted` : '';
      return `${document.x5t.length} key(s) identified by x5t (SHA-1, seed format)${shown}; expires in ${document.expires} s`;
    }
    case 'reference':
      return `refers to ${document.url}; expires in ${document.expires} s`;
  }
}
