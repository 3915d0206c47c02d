import { memo, useCallback } from 'react';
import type { SearchHit } from '../../../app/domain/history-search.js';
import { Time } from '../common/Time.js';

interface SearchResultProps {
  readonly id: string;
  readonly hit: SearchHit;
  readonly index: number;
  readonly active: boolean;
  /** The conversation's name, and the account's when there are several. */
  readonly name: string;
  readonly accountLabel: string | null;
  readonly onOpen: (hit: SearchHit) => void;
  readonly onHover: (index: number) => void;
}

/**
 * One result: where and when, and the words around the matches with the matches marked. The context came from
 * the network: each part is React text, the marks are <mark> elements the window makes, never markup received.
 */
export const SearchResult = memo(function SearchResult({ id, hit, index, active, name, accountLabel, onOpen, onHover }: SearchResultProps) {
  const open = useCallback(() => onOpen(hit), [onOpen, hit]);
  return (
    <li
      id={id}
      role="option"
      aria-selected={active}
      className={`search-result${active ? ' is-active' : ''}`}
      // Keep focus in the field, so the keyboard goes on working after a click.
      onMouseDown={(event) => event.preventDefault()}
      onMouseMove={active ? undefined : () => onHover(index)}
      onClick={open}
      data-testid="search-result"
    >
      <span className="search-result__head">
        <bdi className="search-result__name">{name}</bdi>
        {accountLabel === null ? null : <bdi className="search-result__account">{accountLabel}</bdi>}
        <span className="search-result__time">
          <Time iso={hit.message.at} />
        </span>
      </span>
      <span className="search-result__context" data-testid="search-context">
        {hit.message.direction === 'out' ? <span className="search-result__you">You: </span> : null}
        {hit.context.map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
      </span>
    </li>
  );
});
