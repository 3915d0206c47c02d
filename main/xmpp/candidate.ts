/**
 * One place to try connecting to, in the order the resolver returns them. SRV candidates carry their priority
 * and weight (for the trust log); the other sources have none. Every candidate is structurally a
 * ConnectedEndpoint (app/domain/trust.ts), so it can be handed to the verdict as is.
 */
export type Candidate =
  | {
      readonly source: 'srv';
      readonly host: string;
      readonly port: number;
      readonly directTls: boolean;
      readonly priority: number;
      readonly weight: number;
    }
  | {
      readonly source: 'domain' | 'configured';
      readonly host: string;
      readonly port: number;
      readonly directTls: boolean;
      readonly priority?: undefined;
      readonly weight?: undefined;
    };

export type SrvCandidate = Extract<Candidate, { readonly source: 'srv' }>;

/** A host and port the user set in the account, which skips SRV. */
export interface ConfiguredServer {
  readonly host: string;
  readonly port: number;
  readonly directTls: boolean;
}

/** An address of a host (the same shape every lookup in the app uses). */
export type { Address as ResolvedAddress } from '../net/name-lookup.js';
