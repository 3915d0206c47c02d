/**
 * Typed connection errors. Each message is written for the person using the app; `code` is for code.
 */
export class TlsRequiredError extends Error {
  override name = 'TlsRequiredError';
  constructor(readonly endpoint: string) {
    super(`${endpoint} does not offer an encrypted connection (no STARTTLS), so Hostproof did not continue.`);
  }
}

export class StreamNegotiationError extends Error {
  override name = 'StreamNegotiationError';
  constructor(
    readonly endpoint: string,
    detail: string,
  ) {
    super(`${endpoint} did not set up the encrypted connection correctly: ${detail}`);
  }
}

export interface CandidateFailure {
  readonly endpoint: string;
  readonly directTls: boolean;
  readonly reason: string;
}

export class ConnectError extends Error {
  override name = 'ConnectError';
  constructor(
    readonly domain: string,
    readonly failures: readonly CandidateFailure[],
  ) {
    super(
      failures.length === 0
        ? `No server for ${domain} could be found.`
        : `Could not connect to any server for ${domain}: ${failures.map((f) => `${f.endpoint} (${f.reason})`).join('; ')}.`,
    );
  }
}
