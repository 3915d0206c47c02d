import { useRef, useState } from 'react';
import type { AccountId, AccountView } from '../../../app/domain/account.js';
import type { ChatMessage } from '../../../app/domain/chat.js';
import type { SearchHit } from '../../../app/domain/history-search.js';
import { useApi } from '../ApiContext.js';
import type { ConversationRef } from '../chat/conversation-key.js';
import { Dialog } from '../common/Dialog.js';
import { useListbox } from '../common/use-listbox.js';
import type { NameOf } from '../contacts/contact-names.js';
import { DATE_RANGES, rangeStart, type DateRange } from './date-ranges.js';
import { SearchResult } from './SearchResult.js';
import { useMessageSearch, type MessageSearch } from './use-message-search.js';
import './search-panel.css';

export interface SearchPanelProps {
  readonly accounts: readonly AccountView[];
  /** Ctrl+F: the open conversation, shown as a removable "In: …" chip; null (Ctrl+Shift+F) for all of them. */
  readonly scope: ConversationRef | null;
  readonly nameOf: NameOf;
  /** The account's label when there are several accounts, else null. */
  readonly accountLabel: ((accountId: AccountId) => string) | null;
  /** Enter or a click on a result; the panel does not close itself, the caller unmounts it. */
  readonly onOpen: (message: ChatMessage) => void;
  /** Escape. */
  readonly onClose: () => void;
}

/**
 * Search the messages kept on this computer: type words, narrow by conversation, account and time, arrows to
 * choose a result and Enter to open the conversation at it (WAI-ARIA combobox: focus stays in the field and
 * aria-activedescendant names the chosen result). Newest first; "More results" adds the next page.
 */
export function SearchPanel({ accounts, scope: initialScope, nameOf, accountLabel, onOpen, onClose }: SearchPanelProps) {
  const api = useApi();
  const [text, setText] = useState('');
  const [scope, setScope] = useState(initialScope);
  const [accountId, setAccountId] = useState<AccountId | null>(null);
  const [range, setRange] = useState<DateRange>('any');
  // Fixed when the range is chosen: a start moving with every render would start a new search each time.
  const [from, setFrom] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const search = useMessageSearch(api, {
    text,
    accountId: scope?.accountId ?? accountId,
    peer: scope?.peer ?? null,
    from,
  });
  const open = (hit: SearchHit) => onOpen(hit.message);
  const { listId, activeIndex, setActive, listRef, optionId, onKeyDown } = useListbox(search.hits, open);
  const count = search.hits.length;
  // A filter changed: the first result is the one Enter opens again, and typing goes on in the field.
  const refilter = () => {
    setActive(0);
    inputRef.current?.focus();
  };

  return (
    <Dialog title="Search messages" onCancel={onClose} testId="search-panel">
      <div className="search-panel">
        <input
          ref={inputRef}
          className="search-panel__input"
          type="search"
          role="combobox"
          aria-label="Words to find"
          aria-autocomplete="list"
          aria-expanded={count > 0}
          aria-controls={listId}
          aria-activedescendant={activeIndex === -1 ? undefined : optionId(activeIndex)}
          placeholder={scope === null ? 'Search all your chats' : `Search your chat with ${nameOf(scope.accountId, scope.peer)}`}
          autoComplete="off"
          spellCheck={false}
          maxLength={200}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          data-autofocus
        />
        <div className="search-panel__filters">
          {scope === null ? null : (
            <span className="search-panel__chip" data-testid="search-scope">
              In: <bdi>{nameOf(scope.accountId, scope.peer)}</bdi>
              <button
                type="button"
                className="search-panel__chip-remove"
                aria-label="Search all chats instead"
                title="Search all chats instead"
                onClick={() => {
                  setScope(null);
                  refilter();
                }}
              >
                ×
              </button>
            </span>
          )}
          {scope === null && accounts.length > 1 ? (
            <select
              aria-label="Account"
              value={accountId ?? ''}
              onChange={(event) => {
                setAccountId(event.target.value === '' ? null : event.target.value);
                refilter();
              }}
            >
              <option value="">All accounts</option>
              {accounts.map((a) => (
                <option key={a.settings.id} value={a.settings.id}>
                  {accountLabel?.(a.settings.id) ?? a.settings.jid}
                </option>
              ))}
            </select>
          ) : null}
          <select
            aria-label="When"
            value={range}
            onChange={(event) => {
              const chosen = event.target.value as DateRange;
              setRange(chosen);
              setFrom(rangeStart(chosen, new Date()) ?? null);
              refilter();
            }}
          >
            {DATE_RANGES.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </div>
        <ul id={listId} ref={listRef} className="search-panel__list" role="listbox" aria-label="Results">
          {search.hits.map((hit, i) => (
            <SearchResult
              key={hit.message.id}
              id={optionId(i)}
              hit={hit}
              index={i}
              active={i === activeIndex}
              name={nameOf(hit.message.accountId, hit.message.peer)}
              accountLabel={accountLabel?.(hit.message.accountId) ?? null}
              onOpen={open}
              onHover={setActive}
            />
          ))}
        </ul>
        {search.more ? (
          <button type="button" className="search-panel__more" onClick={search.loadMore} disabled={search.status === 'searching'}>
            More results
          </button>
        ) : null}
        <p className={count === 0 ? 'note search-panel__status' : 'sr-only'} role="status">
          {statusText(search)}
        </p>
        {search.error === null ? null : (
          <p className="error-text" role="alert">
            The search did not work: {search.error}
          </p>
        )}
      </div>
    </Dialog>
  );
}

function statusText({ status, hits, more }: MessageSearch): string {
  if (status === 'idle') return 'Type a word or two to find the messages that hold them.';
  if (status === 'error') return '';
  if (status === 'searching' && hits.length === 0) return 'Searching…';
  if (hits.length === 0) return 'No messages found. Try other words, or a longer time.';
  if (more) return `Showing the newest ${hits.length} messages found.`;
  return hits.length === 1 ? '1 message found.' : `${hits.length} messages found.`;
}
