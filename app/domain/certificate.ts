/** A certificate as the UI, the trust log and the command-line checker show it. All strings are data. */
export interface CertificateNames {
  /** subjectAltName dNSName entries, lower-cased A-labels as found. */
  readonly dns: readonly string[];
  /** SRV-ID otherName (1.3.6.1.5.5.7.8.7) values, e.g. `_xmpp-client.example.com`. */
  readonly srv: readonly string[];
  /** XmppAddr otherName (1.3.6.1.5.5.7.8.5) values. */
  readonly xmppAddr: readonly string[];
  /** Subject common names: shown, but used for matching only when there is no subjectAltName at all. */
  readonly commonNames: readonly string[];
}

export interface CertificateSummary {
  readonly subject: string;
  readonly issuer: string;
  readonly serialNumber: string;
  readonly names: CertificateNames;
  /** ISO 8601 timestamps. */
  readonly notBefore: string;
  readonly notAfter: string;
  /** Standard base64 of SHA-256 over the whole certificate DER (what RFC 7711 fingerprints name). */
  readonly sha256: string;
  /** Standard base64 of SHA-256 over the SubjectPublicKeyInfo DER (what a pin names). */
  readonly spkiSha256: string;
  /** Issuer equals subject: a self-signed (or self-issued) certificate. */
  readonly selfIssued: boolean;
}
