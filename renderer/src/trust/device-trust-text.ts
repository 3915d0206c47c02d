/** How the trust center names the trust in an OMEMO device, and what it means for the person's messages. */
import type { DeviceTrust } from '../../../app/domain/device-trust.js';

export const DEVICE_TRUST_TEXT: Record<DeviceTrust, { readonly label: string; readonly meaning: string; readonly colour: 'green' | 'neutral' | 'amber' | 'red' }> = {
  blind: { label: 'Trusted, not verified', meaning: 'Your messages are encrypted to it. Compare its fingerprint to verify it.', colour: 'neutral' },
  verified: { label: 'Verified', meaning: 'You compared its fingerprint. Your messages are encrypted to it.', colour: 'green' },
  undecided: { label: 'New: waiting for you', meaning: 'A new device of a contact you verified. Your messages are not encrypted to it until you decide.', colour: 'amber' },
  distrusted: { label: 'Not trusted', meaning: 'Your messages are not encrypted to it.', colour: 'red' },
};

/** The hex digits of a pasted fingerprint (spaces, colons and case ignored), or of the device's own in an xmpp: link. */
export function pastedFingerprint(text: string, deviceId: number): string | null {
  const trimmed = text.trim();
  if (trimmed.toLowerCase().startsWith('xmpp:')) {
    const match = new RegExp(`[?;&]omemo-sid-${deviceId}=([0-9a-fA-F]{64})(?:[;&#]|$)`).exec(trimmed);
    return match?.[1]?.toLowerCase() ?? null;
  }
  const hex = trimmed.replace(/[\s:]/g, '').toLowerCase();
  return /^(05)?[0-9a-f]{64}$/.test(hex) ? hex.slice(hex.length - 64) : null;
}
