import { useCallback, useEffect, useRef, useState } from 'react';
import type { AccountId } from '../../../app/domain/account.js';
import type { SearchHit } from '../../../app/domain/history-search.js';
import type { HostproofApi } from '../../../app/ipc/api.js';
import { request } from '../common/ipc.js';

/** What is searched for: the words and the filters. */
export interface SearchInput {
  readonly text: string;
  readonly accountId: AccountId | null;
  readonly peer: string | null;
  /** ISO time the results start at, or null for any time. */
  readonly from: string | null;
}

export type SearchStatus = 'idle' | 'searching' | 'done' | 'error';

export interface MessageSearch {
  /** idle: nothing typed yet; searching: a page is on its way (the previous results stay until it lands). */
  readonly status: SearchStatus;
  readonly hits: readonly SearchHit[];
  readonly more: boolean;
  readonly error: string | null;
  readonly loadMore: () => void;
}

/** Typing waits this long for the next key before it searches: one request per pause, not per letter. */
export const SEARCH_DEBOUNCE_MS = 150;
export const SEARCH_PAGE = 20;
/** The request's own bound on the words (app/ipc/contract.ts). */
const MAX_TEXT = 200;

/**
 * The search as the user types: debounced, each answer kept only while it still answers what is typed now (a
 * slow answer to "ca" must not replace the one to "cafe"), "More results" adding the next page.
 */
export function useMessageSearch(api: HostproofApi, input: SearchInput): MessageSearch {
  const [state, setState] = useState<{ status: SearchStatus; hits: readonly SearchHit[]; more: boolean; error: string | null }>({
    status: 'idle',
    hits: [],
    more: false,
    error: null,
  });
  // Counts the searches started: an answer to an earlier one is dropped.
  const generation = useRef(0);
  const text = input.text.trim().slice(0, MAX_TEXT);
  const { accountId, peer, from } = input;

  const run = useCallback(
    (offset: number) => {
      const mine = ++generation.current;
      setState((s) => ({ ...s, status: 'searching' }));
      void request(() =>
        api.searchMessages({
          text,
          limit: SEARCH_PAGE,
          ...(offset > 0 ? { offset } : {}),
          ...(accountId === null ? {} : { accountId }),
          ...(peer === null ? {} : { peer }),
          ...(from === null ? {} : { from }),
        }),
      ).then((result) => {
        if (mine !== generation.current) return;
        if (!result.ok) setState({ status: 'error', hits: [], more: false, error: result.message });
        else setState((s) => ({ status: 'done', hits: offset > 0 ? [...s.hits, ...result.value.hits] : result.value.hits, more: result.value.more, error: null }));
      });
    },
    [api, text, accountId, peer, from],
  );

  useEffect(() => {
    if (text === '') {
      // Nothing to search: an answer still on its way is for words no longer there.
      generation.current += 1;
      return;
    }
    const timer = setTimeout(() => run(0), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, run]);

  const shown = state.hits.length;
  const loadMore = useCallback(() => run(shown), [run, shown]);
  if (text === '') return { status: 'idle', hits: [], more: false, error: null, loadMore };
  return { ...state, loadMore };
}
