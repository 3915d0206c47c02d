import { memo, useMemo } from 'react';
import { useAddresses } from './addresses.js';
import { avatarColour } from './avatar-colour.js';
import { avatarInitials } from './avatar-initials.js';
import './avatar.css';

export type AvatarPresence = 'online' | 'away' | 'busy' | 'offline';

export interface AvatarProps {
  /** The name shown next to the avatar; its initials go on the circle. */
  readonly name: string;
  /** The contact's bare address: the colour comes from it, so it stays when the name changes. */
  readonly address: string;
  readonly size?: 'small' | 'medium' | 'large';
  /** A dot at the corner with its meaning as text for screen readers; none when null or left out. */
  readonly presence?: AvatarPresence | null;
  // issue 14: avatars
  /** The contact's picture as main checked it (a data: URL); the initials show when null or left out. */
  readonly picture?: string | null;
}

const PRESENCE_TEXT: Record<AvatarPresence, string> = {
  online: 'Online',
  away: 'Away',
  busy: 'Busy',
  offline: 'Offline',
};

/**
 * A placeholder picture: initials on a circle of the contact's own colour. The circle is decoration (the
 * name is always written next to it), so screen readers skip it; the presence dot is not, and says itself.
 * Memoised, as lists show hundreds of these and the colour costs a SHA-1.
 */
export const Avatar = memo(function Avatar({ name, address, size = 'medium', presence = null, picture = null }: AvatarProps) {
  const addresses = useAddresses();
  const colour = useMemo(() => avatarColour(address, addresses), [address, addresses]);
  const initials = useMemo(() => avatarInitials(name, addresses), [name, addresses]);
  return (
    <span className={`avatar avatar--${size}`} data-testid="avatar">
      <span className="avatar__circle" aria-hidden="true" style={{ backgroundColor: colour }}>
        {picture === null ? initials : <img className="avatar__picture" src={picture} alt="" draggable={false} data-testid="avatar-picture" />}
      </span>
      {presence === null ? null : (
        <span className={`avatar__presence avatar__presence--${presence}`} title={PRESENCE_TEXT[presence]}>
          <span className="sr-only">{PRESENCE_TEXT[presence]}</span>
        </span>
      )}
    </span>
  );
});
