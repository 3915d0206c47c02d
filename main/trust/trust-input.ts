import type { CertificateSummary } from '../../app/domain/certificate.js';
import type { ConnectedEndpoint, PinCheck, PkixResult, PoshResult } from '../../app/domain/trust.js';

/** Everything the verdict is decided from: the results of each check, already computed. */
export interface TrustInput {
  /** The JID domain the user typed (the reference identity), ideally as an A-label. */
  readonly domain: string;
  readonly endpoint: ConnectedEndpoint;
  /** The leaf certificate the server presented. */
  readonly certificate: CertificateSummary;
  /** Leaf first, as the server sent it. */
  readonly chain: readonly CertificateSummary[];
  readonly pkix: PkixResult;
  readonly posh: PoshResult;
  readonly pin: PinCheck;
  /** The user chose "connect once" for exactly this key in this connection attempt. */
  readonly acceptedOnce: boolean;
  readonly now: Date;
}
