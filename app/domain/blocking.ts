/**
 * Blocking (XEP-0191): what a blocked address is and when an address counts as blocked. One home for the
 * rule, used by the main process (which filters), the IPC contract (which checks what the window asks) and the
 * window (which shows it).
 *
 * The rules are made from an address parser rather than importing the one built with the IDNA library: the
 * window's first screen shows who is blocked and takes its parser from context, so the library (about 200 KB)
 * stays out of its first bundle (renderer/src/common/addresses.tsx). blocking-rules.ts has them made with the
 * complete parser, for main and the IPC schemas.
 */
import type { AccountId } from './account.js';
import type { JidParser } from './address/jid-parser.js';

/**
 * At most this many blocked addresses are kept per account: the list comes from the server, and a hostile
 * or broken one must not grow our memory without end.
 */
export const MAX_BLOCKED = 10_000;

/** What the window knows about one account's blocking. */
export interface BlockingView {
  readonly accountId: AccountId;
  /** Whether the server supports XEP-0191; null while not known (the account has not been online in this run). */
  readonly supported: boolean | null;
  /** Blocked addresses (bare JIDs or whole domains), canonical, sorted. */
  readonly blocked: readonly string[];
}

export interface BlockingRules {
  blockAddressOrNull(input: string): string | null;
  blockItemOrNull(input: string): string | null;
  blockingEntry(blocked: ReadonlySet<string>, address: string): string | null;
  isBlockedBy(blocked: ReadonlySet<string>, address: string): boolean;
}

/** The blocking rules over `jids`' reading of addresses. */
export function createBlockingRules(jids: Pick<JidParser, 'jidOrNull'>): BlockingRules {
  const { jidOrNull } = jids;

  /**
   * The canonical form of an address to block: `name@domain` or a whole `domain`, or null when the input is
   * neither (a resource is refused: the window blocks people and domains, not one device).
   */
  function blockAddressOrNull(input: string): string | null {
    const jid = jidOrNull(input.trim());
    if (jid === null || jid.resource !== null) return null;
    return jid.bare;
  }

  /**
   * The canonical form of an item the server lists. XEP-0191 items may also be full JIDs; those are kept as the
   * server wrote them (canonical), so that unblocking them works, though the client filters by bare JID and domain.
   */
  function blockItemOrNull(input: string): string | null {
    const jid = jidOrNull(input);
    return jid === null ? null : jid.full;
  }

  /** The whole-domain part of a bare JID (`example.org` for `alice@example.org`). */
  function domainOf(bare: string): string {
    const at = bare.lastIndexOf('@');
    return at < 0 ? bare : bare.slice(at + 1);
  }

  /**
   * The entry of the list that blocks `address` (any JID, as received): its bare JID, its whole domain, or (for a
   * full JID) that very resource; null when nothing blocks it.
   */
  function blockingEntry(blocked: ReadonlySet<string>, address: string): string | null {
    if (blocked.size === 0) return null;
    const jid = jidOrNull(address);
    if (jid === null) return null;
    for (const entry of [jid.bare, domainOf(jid.bare), jid.full]) if (blocked.has(entry)) return entry;
    return null;
  }

  /** Whether `address` (any JID, as received) is blocked by its bare JID or its whole domain. */
  function isBlockedBy(blocked: ReadonlySet<string>, address: string): boolean {
    return blockingEntry(blocked, address) !== null;
  }

  return { blockAddressOrNull, blockItemOrNull, blockingEntry, isBlockedBy };
}
