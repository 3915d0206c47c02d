import type { Occupant, Role } from '../../../app/domain/rooms.js';
import { Nick } from './Nick.js';

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

/** Who is in the room, grouped by what they may do; the real address only when the room shows it. */
export function OccupantPanel({ occupants, ownNick }: { readonly occupants: readonly Occupant[]; readonly ownNick: string }) {
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
                    {o.realJid ? <bdi className="occupant-panel__jid note">{o.realJid}</bdi> : null}
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
