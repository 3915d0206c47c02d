import { EXIT_NOT_VERIFIED, EXIT_OK, EXIT_USAGE_OR_INTERNAL } from './exit-codes.js';

export const USAGE = `hostproof-posh: check who really runs an XMPP server (PKIX, POSH, pins)

Usage:
  hostproof-posh check <domain-or-jid> [options]   connect, verify the server, close before any login
  hostproof-posh lookup <domain> [options]          fetch and explain the domain's POSH material only
  hostproof-posh generate --cert file.pem [--cert file.pem]... [--expires N]
                                                    print an RFC 7711 fingerprints document
  hostproof-posh generate --url https://... --expires N
                                                    print an RFC 7711 reference document

Options for check and lookup:
  --json                       print one JSON object instead of the explanation
  --dns host:port              use this DNS server for SRV and address lookups
  --resolve name:address       answer this name with this address (repeatable; HTTPS and XMPP)
  --connect-to h:p:h2:p2       dial h2:p2 for connections meant for h:p; TLS still checks h (repeatable)
  --ca file.pem                trust these roots in addition to the system's (repeatable; HTTPS and XMPP)
  --now ISO-time               the clock for Hostproof's own validity checks (POSH and pin matches)
  --timeout ms                 give up on the whole check after this long (default 20000)
Options for check only:
  --host h --port n            connect here instead of using SRV records
  --direct-tls                 with --host: TLS from the first byte (XEP-0368) instead of STARTTLS
  --pins file                  the pin store to consult (a damaged file is moved aside, as the app does)

Exit status: ${EXIT_OK} verified (lookup: material found), ${EXIT_NOT_VERIFIED} not verified (lookup: none usable),
${EXIT_USAGE_OR_INTERNAL} usage or internal error.`;
