import { readFileSync } from 'node:fs';
import { POSH_VECTORS_DIR } from '../../harness/posh-vectors.js';
import type { Pin } from '../../../app/domain/trust.js';
import { summarizeCertificate } from '../../../main/trust/certificate.js';

/** A real certificate summary (the badxmpp vector), so pins hold what the app would store. */
export const SUMMARY = summarizeCertificate(new Uint8Array(readFileSync(`${POSH_VECTORS_DIR}posh.badxmpp.eu.der`)));

export function pin(domain: string, overrides: Partial<Pin> = {}): Pin {
  return {
    domain,
    service: 'xmpp-client',
    spkiSha256: SUMMARY.spkiSha256,
    certificate: SUMMARY,
    approvedAt: '2024-05-01T10:00:00.000Z',
    approvedHow: 'pinned',
    lastSeenAt: '2024-05-01T10:00:00.000Z',
    mismatchSince: null,
    ...overrides,
  };
}
