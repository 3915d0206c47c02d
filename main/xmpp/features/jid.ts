/**
 * JIDs as the chat features compare them (RFC 7622). Every address here came from the network, so parsing
 * never throws: anything that is not a plausible JID is null and the stanza carrying it is ignored.
 *
 * Comparison is what matters for security (a roster push, a carbon or an archive result is accepted only
 * from our own bare JID), so local part and domain are put in one canonical form: NFC, then lower case.
 * That is the case mapping of PRECIS UsernameCaseMapped and of IDNA for the common cases; the resource is
 * an opaque string (NFC only), compared exactly.
 */
export interface Jid {
  readonly local: string | null;
  readonly domain: string;
  readonly resource: string | null;
  /** `local@domain` or `domain`, canonical. */
  readonly bare: string;
  /** The bare JID plus `/resource` when there is one. */
  readonly full: string;
}

/** RFC 7622 §3.1: each part is at most 1023 octets. */
const MAX_PART_BYTES = 1023;
/** RFC 7622 §3.3.1 forbids these in the local part; controls and spaces are never valid anywhere here. */
const FORBIDDEN_IN_LOCAL = /["&'/:<>@\s\p{Cc}]/u;
const FORBIDDEN_IN_DOMAIN = /[@/\s\p{Cc}]/u;
const FORBIDDEN_IN_RESOURCE = /\p{Cc}/u;

function fitsPart(part: string): boolean {
  return part.length > 0 && Buffer.byteLength(part, 'utf8') <= MAX_PART_BYTES;
}

export function parseJid(input: string | null | undefined): Jid | null {
  if (typeof input !== 'string' || input.length === 0 || input.length > 3 * MAX_PART_BYTES + 2) return null;
  const slash = input.indexOf('/');
  const address = slash === -1 ? input : input.slice(0, slash);
  const resourceRaw = slash === -1 ? null : input.slice(slash + 1);
  const at = address.indexOf('@');
  const localRaw = at === -1 ? null : address.slice(0, at);
  const domainRaw = (at === -1 ? address : address.slice(at + 1)).replace(/\.$/, '');

  const domain = domainRaw.normalize('NFC').toLowerCase();
  if (!fitsPart(domain) || FORBIDDEN_IN_DOMAIN.test(domain)) return null;

  let local: string | null = null;
  if (localRaw !== null) {
    local = localRaw.normalize('NFC').toLowerCase();
    if (!fitsPart(local) || FORBIDDEN_IN_LOCAL.test(local)) return null;
  }

  let resource: string | null = null;
  if (resourceRaw !== null) {
    resource = resourceRaw.normalize('NFC');
    if (!fitsPart(resource) || FORBIDDEN_IN_RESOURCE.test(resource)) return null;
  }

  const bare = local === null ? domain : `${local}@${domain}`;
  return { local, domain, resource, bare, full: resource === null ? bare : `${bare}/${resource}` };
}

/** The canonical bare JID, or null when `input` is not a JID. */
export function bareOf(input: string | null | undefined): string | null {
  return parseJid(input)?.bare ?? null;
}

/** A bare JID we were given as an argument (from our own UI or store): canonical, or a thrown error. */
export function requireBareJid(input: string): string {
  const jid = parseJid(input);
  if (jid === null || jid.resource !== null) throw new Error(`Not a bare JID: ${JSON.stringify(input)}`);
  return jid.bare;
}
