/**
 * The words of the main process's own confirmation dialog for a step that changes whom the app trusts
 * (app/domain/trust-change.ts). The dialog is the last word on the change, so it repeats everything the
 * person needs to check: the domain (with its A-label for an IDN), the key's and the certificate's
 * fingerprints, and for a replacement both keys.
 */
import { domainWithALabel } from '../../app/domain/address/domain-name.js';
import { printable } from '../../app/domain/address/address-problem.js';
import { certificateNames, listNames } from '../../app/domain/certificate-names.js';
import { groupFingerprint } from '../../app/domain/fingerprint-groups.js';
import type { CaFacts } from '../../app/domain/extra-ca.js';
import type { KeyFacts, ServerSetting, TrustChange } from '../../app/domain/trust-change.js';

export interface ConfirmationText {
  readonly title: string;
  readonly message: string;
  readonly detail: string;
  /** The label of the button that carries the change out; the other button is always "Cancel". */
  readonly confirm: string;
}

function keyLines(label: string, key: KeyFacts): string {
  if (key.certificate === null) {
    return [`${label}`, '  Certificate: none seen yet (pinned from a published fingerprint)', `  Key (SHA-256): ${groupFingerprint(key.spkiSha256)}`].join('\n');
  }
  return [
    `${label}`,
    `  Certificate for: ${printable(listNames(certificateNames(key.certificate), 5))}`,
    `  Key (SHA-256): ${groupFingerprint(key.spkiSha256)}`,
    `  Certificate (SHA-256): ${groupFingerprint(key.certificate.sha256)}`,
  ].join('\n');
}

/** Hex in groups of four, upper case, as certificate viewers show a SHA-256 fingerprint. */
export function groupedHex(hex: string): string {
  return groupFingerprint(hex.toUpperCase());
}

function authorityLines(ca: CaFacts): string {
  return [
    `  Name: ${printable(ca.subject)}`,
    `  Issued by: ${printable(ca.issuer)}`,
    `  Valid: ${ca.notBefore.slice(0, 10)} to ${ca.notAfter.slice(0, 10)}`,
    `  Certificate (SHA-256): ${groupedHex(ca.sha256)}`,
  ].join('\n');
}

function serverText(server: ServerSetting | null): string {
  if (server === null) return 'found through DNS (SRV records)';
  return `${printable(server.host)}:${server.port}${server.directTls ? ' (direct TLS)' : ' (STARTTLS)'}`;
}

export function confirmationText(change: TrustChange): ConfirmationText {
  switch (change.kind) {
    case 'pin': {
      const domain = domainWithALabel(change.domain);
      return {
        title: 'Pin this key?',
        message: `Trust this key for ${domain} from now on?`,
        detail:
          `Hostproof will connect to ${domain} without asking as long as the server presents this key. ` +
          `Compare the fingerprints with the ones the people who run ${domain} publish.\n\n${keyLines('The key:', change.key)}`,
        confirm: 'Pin this key',
      };
    }
    case 'replace-pin': {
      const domain = domainWithALabel(change.domain);
      return {
        title: 'Replace the pinned key?',
        message: `Replace the key you pinned for ${domain}?`,
        detail:
          `The server presents a different key than the one you pinned. If nobody who runs ${domain} told you the key ` +
          `changed, someone may be intercepting the connection.\n\n${keyLines('The pinned key (to be removed):', change.previous)}\n\n` +
          keyLines('The new key (to be pinned):', change.next),
        confirm: 'Replace the pin',
      };
    }
    case 'pin-published': {
      const domain = domainWithALabel(change.domain);
      const replaced = change.replaces === null ? '' : `\n\n${keyLines('The pinned key (to be removed):', change.replaces)}`;
      return {
        title: 'Pin a published key?',
        message: `Trust the key with this fingerprint for ${domain} from now on?`,
        detail:
          `Hostproof will connect to ${domain} without asking whenever its server presents a key with this SHA-256 ` +
          `fingerprint, even before any connection has shown it. Pin it only if it comes from the people who run ` +
          `${domain}, through a channel you trust.\n\nThe key (SHA-256): ${groupFingerprint(change.spkiSha256)}${replaced}`,
        confirm: 'Pin this key',
      };
    }
    case 'connect-once': {
      const domain = domainWithALabel(change.domain);
      return {
        title: 'Connect once?',
        message: `Connect to ${domain} this once without proof of who runs its server?`,
        detail:
          `Nothing is remembered: Hostproof asks again when you next connect or edit the account. Your password is ` +
          `sent only with a login method that does not reveal it (SCRAM), never in clear.\n\n${keyLines('The key:', change.key)}`,
        confirm: 'Connect once',
      };
    }
    case 'remove-pin': {
      const domain = domainWithALabel(change.domain);
      return {
        title: 'Remove the pin?',
        message: `Stop trusting the key you pinned for ${domain}?`,
        detail: `The next time you connect, Hostproof asks you again unless a trusted authority or POSH vouches for the server.\n\n${keyLines('The pinned key:', change.key)}`,
        confirm: 'Remove the pin',
      };
    }
    case 'change-server':
      return {
        title: 'Change the server?',
        message: `Connect ${printable(change.account)} to a different server?`,
        detail:
          `From: ${serverText(change.from)}\nTo: ${serverText(change.to)}\n\nThe new server must still prove it is the ` +
          'server for your domain (or you decide again); your password goes only to a server that did.',
        confirm: 'Change the server',
      };
    case 'add-ca': {
      const count = change.authorities.length;
      const several = count > 1;
      return {
        title: several ? `Trust ${count} certificate authorities?` : 'Trust this certificate authority?',
        message: several
          ? `Trust the ${count} certificate authorities in ${printable(change.file)}?`
          : `Trust the certificate authority in ${printable(change.file)}?`,
        detail:
          'Servers with certificates from this authority will be trusted as if it were a public one, for every ' +
          'account and for POSH. Add only an authority you know, such as your organisation\'s own: whoever holds its ' +
          `key can then pose as any server.\n\n${change.authorities.map(authorityLines).join('\n\n')}`,
        confirm: several ? 'Trust these authorities' : 'Trust this authority',
      };
    }
    case 'remove-ca':
      return {
        title: 'Remove the certificate authority?',
        message: `Stop trusting ${printable(change.authority.subject)}?`,
        detail:
          'Servers whose certificates only this authority vouches for will no longer be trusted: Hostproof asks you ' +
          `again unless POSH or a pin vouches for them.\n\n${authorityLines(change.authority)}`,
        confirm: 'Remove the authority',
      };
    case 'unbound-login': {
      const domain = domainWithALabel(change.domain);
      return {
        title: 'Log in without channel binding?',
        message: `Log in to ${domain} without binding your login to this connection?`,
        detail:
          `This account logged in with ${change.previous} last time, bound to its encrypted connection; this time the ` +
          `server offers no way to bind it, and Hostproof would log in with ${change.unbound}. Someone on the network ` +
          'path who got past the certificate check could be stripping the binding (a downgrade attack), or the ' +
          "server's settings changed. Your password still does not go out in clear. If this login succeeds, Hostproof " +
          'remembers the unbound method and stops asking until the account logs in bound again.',
        confirm: 'Log in without channel binding',
      };
    }
    case 'trust-device': {
      const owner = printable(change.jid);
      const lines = `  Account: ${owner}\n  Device: ${change.deviceId}\n  Fingerprint: ${change.fingerprint}`;
      return change.trust === 'verified'
        ? {
            title: 'Mark this device as verified?',
            message: `Mark this device of ${owner} as verified?`,
            detail:
              `Only if the fingerprint below is exactly the one ${owner} showed you on that device (in person, or by a ` +
              'channel you already trust). Messages from your account ' +
              `${printable(change.account)} will be encrypted to it, and a new device of ${owner} will then wait for your ` +
              `decision instead of being trusted on sight.\n\n${lines}`,
            confirm: 'Mark as verified',
          }
        : {
            title: 'Encrypt to this device?',
            message: `Encrypt your messages to this device of ${owner} without verifying it?`,
            detail:
              'Whoever holds this device will be able to read what you send. If you did not expect a new device of ' +
              `${owner}, ask them before you trust it.\n\n${lines}`,
            confirm: 'Trust without verifying',
          };
    }
    case 'send-unencrypted': {
      const contact = printable(change.jid);
      return {
        title: 'Stop encrypting this conversation?',
        message: `Send your messages to ${contact} without end-to-end encryption?`,
        detail:
          `New messages, files and replies from ${printable(change.account)} to ${contact} will not be end-to-end ` +
          'encrypted (OMEMO): your server, their server and anyone who can read those servers can read them. Messages ' +
          'already sent stay as they were, and a correction of an encrypted message stays encrypted. You can turn ' +
          'encryption back on in the conversation at any time.',
        confirm: 'Send unencrypted',
      };
    }
  }
}
