import { memo, useMemo } from 'react';
import { colourForHue, xep0392Hue } from '../common/avatar-colour.js';

/** XEP-0392 §5.1 over the nickname itself (a nickname is no address): the same hue the avatar code computes. */
export function nickColour(nick: string): string {
  return colourForHue(xep0392Hue(nick));
}

/**
 * An occupant's nickname on a chip of its own stable colour. The colour is the avatars' (white text on it
 * keeps 4.5:1), so it reads the same in the light and the dark theme. Text only: the nickname came from the network.
 */
export const Nick = memo(function Nick({ nick, label }: { readonly nick: string; readonly label?: string }) {
  const colour = useMemo(() => nickColour(nick), [nick]);
  return (
    <bdi className="room-nick" data-testid="room-nick" style={{ backgroundColor: colour }} data-colour={colour}>
      {label ?? nick}
    </bdi>
  );
});
