/**
 * What the join dialog makes of what was typed: a room name alone goes on the discovered room service
 * ("team" → team@rooms.example.org); a full address is kept as it is. Checked again by the request's schema.
 */
export function roomAddress(typed: string, service: string | null): string {
  const room = typed.trim();
  if (room.includes('@') || service === null || room === '') return room;
  return `${room}@${service}`;
}

/** The account's local part, the nickname offered first (alice@example.org → alice). */
export function defaultNick(accountJid: string): string {
  const at = accountJid.indexOf('@');
  return at > 0 ? accountJid.slice(0, at) : accountJid;
}
