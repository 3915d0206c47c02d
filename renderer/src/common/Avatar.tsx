/** Placeholder until the avatar work lands (replaced on merge). */
export function Avatar({ name }: { readonly name: string; readonly address: string; readonly size?: 'small' | 'medium' | 'large'; readonly presence?: 'online' | 'away' | 'busy' | 'offline' | null }) {
  return (
    <span className="avatar" aria-hidden="true">
      {name.slice(0, 1).toUpperCase()}
    </span>
  );
}
