/**
 * The steps that change whom the app trusts (issue 9, trust-ux.md "main-owned confirmations"). The window may
 * ask for one, but the main process carries it out only after the person confirmed it in a dialog the main
 * process showed itself: a compromised window can explain and ask, never decide.
 */
import type { CertificateSummary } from './certificate.js';
import type { MechanismName } from './sasl-mechanism.js';
import type { CaFacts } from './extra-ca.js';

/** The key a step is about, as the person can check it against what the server's operators publish. */
export interface KeyFacts {
  readonly spkiSha256: string;
  /** Null for a key pinned from a published fingerprint that no server has presented yet. */
  readonly certificate: CertificateSummary | null;
}

export interface ServerSetting {
  readonly host: string;
  readonly port: number;
  readonly directTls: boolean;
}

export type TrustChange =
  | { readonly kind: 'pin'; readonly domain: string; readonly key: KeyFacts }
  | { readonly kind: 'replace-pin'; readonly domain: string; readonly previous: KeyFacts; readonly next: KeyFacts }
  | { readonly kind: 'connect-once'; readonly domain: string; readonly key: KeyFacts }
  /** A pin typed in from a fingerprint the provider published elsewhere, before any connection showed the key. */
  | { readonly kind: 'pin-published'; readonly domain: string; readonly spkiSha256: string; readonly replaces: KeyFacts | null }
  | { readonly kind: 'remove-pin'; readonly domain: string; readonly key: KeyFacts }
  /** `null` means "find the server through DNS". */
  | { readonly kind: 'change-server'; readonly account: string; readonly from: ServerSetting | null; readonly to: ServerSetting | null }
  /** Trust every server whose certificate one of these authorities issued (one file may hold several). */
  | { readonly kind: 'add-ca'; readonly file: string; readonly authorities: readonly CaFacts[] }
  | { readonly kind: 'remove-ca'; readonly authority: CaFacts }
  /**
   * Log in once without channel binding although this account's last login was bound (`previous`, a -PLUS
   * mechanism): the server may be a man in the middle who stripped the binding (posh.md §7.5).
   */
  | { readonly kind: 'unbound-login'; readonly domain: string; readonly previous: MechanismName; readonly unbound: MechanismName }
  /**
   * Raise the trust in an OMEMO device (issue 15): `verified` after comparing its fingerprint, `blind` to encrypt
   * to a device that was undecided or distrusted without verifying it. Lowering trust needs no confirmation.
   */
  | {
      readonly kind: 'trust-device';
      /** The account whose messages will be encrypted to the device (its bare JID). */
      readonly account: string;
      /** The device's owner (bare JID) and id, and its fingerprint as the person compares it. */
      readonly jid: string;
      readonly deviceId: number;
      readonly fingerprint: string;
      readonly trust: 'verified' | 'blind';
    }
  /**
   * Stop encrypting one conversation (issue 15): new messages to `jid` from `account` (both bare JIDs) go
   * unencrypted, readable by the servers. Encrypting again needs no confirmation.
   */
  | { readonly kind: 'send-unencrypted'; readonly account: string; readonly jid: string };

/** Shows the change to the person in the main process's own dialog; true only when they confirmed it there. */
export type ConfirmTrustChange = (change: TrustChange) => Promise<boolean>;
