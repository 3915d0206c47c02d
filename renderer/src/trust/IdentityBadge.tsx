import type { TrustVerdict } from '../../../app/domain/trust.js';
import { badgeState, type BadgeTone } from './badge-state.js';

const ICON: Record<BadgeTone, string> = { neutral: '○', green: '✓', blue: '◆', amber: '!', red: '✕' };

interface IdentityBadgeProps {
  readonly verdict: TrustVerdict | null;
  /** When given, the badge is a button that opens the verdict's story (the security panel). */
  readonly onOpen?: () => void;
}

/**
 * The account's identity at a glance. Hovering shows the verdict's one-sentence story; the icon is decoration,
 * the words carry the meaning (colour is never the only signal).
 */
export function IdentityBadge({ verdict, onOpen }: IdentityBadgeProps) {
  const state = badgeState(verdict);
  const text = state.notes.length > 0 ? `${state.label} (${state.notes.join(', ')})` : state.label;
  const story = verdict?.summary ?? 'This server has not been checked yet: connect to check it.';
  const content = (
    <>
      <span className="sr-only">Identity: </span>
      <span className="badge__icon" aria-hidden="true">
        {ICON[state.tone]}
      </span>
      <bdi className="badge__label">{text}</bdi>
    </>
  );
  const common = {
    className: `badge badge--${state.tone}`,
    'data-testid': 'identity-badge',
    'data-state': state.kind,
    title: story,
  };
  if (onOpen) {
    return (
      <button type="button" {...common} onClick={onOpen} aria-label={`Identity: ${text}. Show details`}>
        {content}
      </button>
    );
  }
  return (
    <span {...common}>
      {content}
    </span>
  );
}
