import { useId, useState } from 'react';
import type { Occupant, Role } from '../../../app/domain/rooms.js';
import { Nick } from './Nick.js';
import { occupantActions } from './occupant-actions.js';

/** What can be done from the panel to an occupant (or, for 'nick', to ourselves). */
export type OccupantActionKind = 'private' | 'kick' | 'ban' | 'nick';

const GROUPS: readonly { readonly role: Role; readonly title: string }[] = [
  { role: 'moderator', title: 'Moderators' },
  { role: 'participant', title: 'Participants' },
  { role: 'visitor', title: 'Visitors (cannot write)' },
];

const AFFILIATION: Record<Occupant['affiliation'], string | null> = {
  owner: 'owner',
  admin: 'admin',
  member: 'member',
  outcast: 'banned',
  none: null,
};

interface OccupantPanelProps {
  readonly occupants: readonly Occupant[];
  readonly ownNick: string;
  /** Offers the actions our role and affiliation allow on each occupant (occupant-actions.ts); none when absent. */
  readonly onAction?: (kind: OccupantActionKind, occupant: Occupant) => void;
  /** Nicknames whose private messages are not read yet. */
  readonly unread?: ReadonlySet<string>;
}

/**
 * Who is in the room, grouped by what they may do; the real address only when the room shows it. Each
 * occupant's actions (private message, remove, ban; our own nickname) open from a button on their row.
 */
export function OccupantPanel({ occupants, ownNick, onAction, unread }: OccupantPanelProps) {
  const [menuFor, setMenuFor] = useState<string | null>(null);
  const me = occupants.find((o) => o.nick === ownNick);
  return (
    <aside className="occupant-panel" aria-label="People in this room" data-testid="occupant-panel">
      {GROUPS.map(({ role, title }) => {
        const group = occupants.filter((o) => o.role === role).sort((a, b) => a.nick.localeCompare(b.nick));
        if (group.length === 0) return null;
        return (
          <section key={role} aria-label={title}>
            <h3 className="occupant-panel__title">
              {title} ({group.length})
            </h3>
            <ul className="occupant-panel__list">
              {group.map((o) => {
                const affiliation = AFFILIATION[o.affiliation];
                return (
                  <li key={o.nick} data-testid="occupant">
                    <Nick nick={o.nick} />
                    {o.nick === ownNick ? <span className="note"> (you)</span> : null}
                    {affiliation ? <span className="occupant-panel__affiliation"> {affiliation}</span> : null}
                    {unread?.has(o.nick) ? <span className="occupant-panel__unread">new private message</span> : null}
                    {onAction ? (
                      <button
                        type="button"
                        className="button--small occupant-panel__more"
                        aria-label={`Actions for ${o.nick}`}
                        aria-expanded={menuFor === o.nick}
                        onClick={() => setMenuFor((m) => (m === o.nick ? null : o.nick))}
                        data-testid="occupant-actions-toggle"
                      >
                        …
                      </button>
                    ) : null}
                    {o.realJid ? <bdi className="occupant-panel__jid note">{o.realJid}</bdi> : null}
                    {onAction && menuFor === o.nick ? <ActionMenu me={me} occupant={o} onAction={(kind) => onAction(kind, o)} /> : null}
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </aside>
  );
}

/** The actions on one occupant that our role and affiliation allow; a ban the room's anonymity prevents says why. */
function ActionMenu({ me, occupant, onAction }: { readonly me: Occupant | undefined; readonly occupant: Occupant; readonly onAction: (kind: OccupantActionKind) => void }) {
  const allowed = occupantActions(me, occupant);
  const whyId = useId();
  return (
    <div className="occupant-panel__menu" role="group" aria-label={`Actions for ${occupant.nick}`} data-testid="occupant-actions">
      {allowed.changeNick ? (
        <button type="button" className="button--small" onClick={() => onAction('nick')}>
          Change my nickname
        </button>
      ) : null}
      {allowed.privateMessage ? (
        <button type="button" className="button--small" onClick={() => onAction('private')}>
          Private message
        </button>
      ) : null}
      {allowed.kick ? (
        <button type="button" className="button--small button--danger" onClick={() => onAction('kick')}>
          Remove from room…
        </button>
      ) : null}
      {allowed.ban === true ? (
        <button type="button" className="button--small button--danger" onClick={() => onAction('ban')}>
          Ban…
        </button>
      ) : null}
      {allowed.ban === 'hidden' ? (
        <>
          <button type="button" className="button--small button--danger" disabled aria-describedby={whyId}>
            Ban…
          </button>
          <span className="note occupant-panel__why" id={whyId}>
            The room does not show you their address, which a ban needs.
          </span>
        </>
      ) : null}
    </div>
  );
}
