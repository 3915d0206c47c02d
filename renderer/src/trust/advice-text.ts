import { domainForPeople } from '../../../app/domain/address/domain-name.js';
import type { TrustVerdict } from '../../../app/domain/trust.js';

/** "What can I do?", the third question every trust screen answers (trust-ux.md). */
export function adviceFor(verdict: TrustVerdict): string {
  if (verdict.verified) {
    switch (verdict.method) {
      case 'pkix':
        return 'Nothing: a trusted authority vouches for this server.';
      case 'posh':
        return `Nothing: ${domainForPeople(verdict.domain)} vouches for this server on its own web site.`;
      case 'pin':
        return 'Nothing while the key stays the same. If it changes, Hostproof stops and asks you. You can remove the pin in the trust center.';
      case 'accepted-once':
        return 'Hostproof will ask again next time. If you are sure this is the right server, pin its key then.';
    }
  }
  switch (verdict.undecided) {
    case 'key-changed':
    case 'posh-mismatch':
      return `Do not connect until the people who run ${domainForPeople(verdict.domain)} confirm the change. Compare the fingerprints below with the ones they give you.`;
    case 'delegated-host':
    case 'untrusted-certificate':
      return `Connect again to decide. Before pinning, compare the fingerprints below with the ones the people who run ${domainForPeople(verdict.domain)} publish.`;
  }
}
