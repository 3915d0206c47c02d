/**
 * One account's blocking (XEP-0191) across sessions: whether its server supports it and the block list as
 * the server last told it, learnt at each login before presence is sent (so nothing from a blocked address
 * slips through while the list is not known yet) and kept up to date by the server's pushes, which also
 * carry what the account's other clients block or unblock.
 *
 * The server drops what blocked addresses send when it supports XEP-0191, but the client filters too
 * (isBlocked, withoutBlocked): a server may not, and archive copies from before the block still carry them.
 */
import type { AccountId } from '../../app/domain/account.js';
import { MAX_BLOCKED, type BlockingView } from '../../app/domain/blocking.js';
import { isBlockedBy } from '../../app/domain/blocking-rules.js';
import type { ChatMessage } from '../../app/domain/chat.js';
import { UserFacingError } from '../ipc/handlers.js';
import type { Archive } from '../xmpp/features/archive.js';
import type { Blocking, BlockChange } from '../xmpp/features/blocking.js';
import type { FeatureLog } from '../xmpp/features/feature-deps.js';
import { StanzaError } from '../xmpp/link.js';
import type { EmitEvent } from './event-sink.js';

/** The contract's blocking requests, for one account. */
export interface BlockingRequests {
  /** What is known; works offline too (the list as last seen in this run). */
  list(): BlockingView;
  /** Blocks a bare JID or a whole domain (canonical, checked by the contract). */
  block(address: string): Promise<BlockingView>;
  unblock(address: string): Promise<BlockingView>;
}

export interface AccountBlocking extends BlockingRequests {
  /** A fresh session: learn support and the list (awaited before presence), then follow its pushes. */
  attach(blocking: Blocking): Promise<Array<() => void>>;
  /** Whether anything from `address` (any JID as received) must be kept from the window and the store. */
  isBlocked(address: string): boolean;
  /** The archive, less the incoming messages of blocked addresses (their copies from before the block). */
  withoutBlocked<A extends Pick<Archive, 'loadPage' | 'catchUp'>>(archive: A): Pick<Archive, 'loadPage' | 'catchUp'>;
}

export interface AccountBlockingDeps {
  readonly accountId: AccountId;
  readonly emit: EmitEvent;
  readonly log: FeatureLog;
  /** The online session's blocking feature; throws a UserFacingError when offline. */
  readonly online: () => Blocking;
  /** Told after the list grew, with the addresses now blocked (e.g. to forget their presence). */
  readonly blockedNow?: (isBlocked: (address: string) => boolean) => void;
}

const UNSUPPORTED = 'Your server does not support blocking, so Hostproof cannot block anyone on this account.';

export function createAccountBlocking(deps: AccountBlockingDeps): AccountBlocking {
  const { accountId, emit } = deps;
  let supported: boolean | null = null;
  let blocked = new Set<string>();

  const view = (): BlockingView => ({ accountId, supported, blocked: [...blocked].sort() });
  const isBlocked = (address: string): boolean => isBlockedBy(blocked, address);
  const announce = (): void => emit('blockedChanged', view());

  function apply(change: BlockChange): void {
    const before = blocked.size;
    if (change.kind === 'unblocked') {
      if (change.jids.length === 0) blocked.clear();
      for (const jid of change.jids) blocked.delete(jid);
      if (blocked.size !== before) announce();
      return;
    }
    for (const jid of change.jids) {
      if (blocked.size >= MAX_BLOCKED) {
        deps.log({ feature: 'blocking', reason: 'block list longer than we keep', from: null });
        break;
      }
      blocked.add(jid);
    }
    if (blocked.size === before) return;
    deps.blockedNow?.(isBlocked);
    announce();
  }

  function requireSupported(): Blocking {
    const feature = deps.online();
    if (supported !== true) throw new UserFacingError(UNSUPPORTED);
    return feature;
  }

  async function change(kind: 'blocked' | 'unblocked', address: string): Promise<BlockingView> {
    const feature = requireSupported();
    try {
      if (kind === 'blocked') await feature.block([address]);
      else await feature.unblock([address]);
    } catch (error) {
      if (error instanceof StanzaError) throw new UserFacingError(`The server refused to ${kind === 'blocked' ? 'block' : 'unblock'} ${address} ("${error.condition}").`);
      throw error;
    }
    // The server's push says the same (and is what other clients go by); applying the answer too keeps this
    // request's result right even if the push is late. Applying twice changes nothing.
    apply({ kind, jids: [address] });
    return view();
  }

  const filterMessages = (messages: readonly ChatMessage[]): ChatMessage[] => messages.filter((m) => m.direction === 'out' || !isBlocked(m.peer));
  /** The page without a blocked sender's messages, nor their corrections, retractions and reactions. */
  const filterPage = <P extends { readonly messages: readonly ChatMessage[]; readonly changes?: readonly { readonly message: ChatMessage }[] }>(page: P): P => ({
    ...page,
    messages: filterMessages(page.messages),
    ...(page.changes === undefined ? {} : { changes: page.changes.filter((c) => filterMessages([c.message]).length === 1) }),
  });

  return {
    list: view,
    block: (address) => change('blocked', address),
    unblock: (address) => change('unblocked', address),
    isBlocked,
    async attach(blocking) {
      // Pushes that arrive while the list is being fetched are applied after it, on top of it.
      const held: BlockChange[] = [];
      let fetched = false;
      const stop = blocking.on('changed', (c) => (fetched ? apply(c) : held.push(c)));
      // Both questions at once, ahead of the roster's: a server that answers in order has answered both by the
      // time the roster comes (account-chat.ts holds contacts' messages until then). A server without blocking
      // refuses the list; its answer is used only when the server says it supports blocking.
      const asked = blocking.fetch().then(
        (jids) => jids,
        (error: unknown) => {
          deps.log({ feature: 'blocking', reason: `block list not fetched: ${error instanceof Error ? error.message : String(error)}`, from: null });
          return [];
        },
      );
      const [known, answered] = await Promise.all([blocking.supported(), asked]);
      const list = known === true ? answered : [];
      // An unanswered question keeps what was learnt before (the list too: it is the best we have).
      if (known !== null) {
        supported = known;
        blocked = new Set(list.slice(0, MAX_BLOCKED));
        deps.blockedNow?.(isBlocked);
      }
      fetched = true;
      for (const c of held.splice(0)) apply(c);
      announce();
      return [stop];
    },
    withoutBlocked: (archive) => ({
      loadPage: async (query) => {
        return filterPage(await archive.loadPage(query));
      },
      catchUp: async (query) => {
        return filterPage(await archive.catchUp(query));
      },
    }),
  };
}
