/**
 * The `--json` shape of `hostproof-posh check`. Field names are a published interface (README): change them
 * only with a note there.
 */
import type { TrustVerdict } from '../../app/domain/trust.js';

export function checkReportJson(verdict: TrustVerdict) {
  const c = verdict.certificate;
  return {
    domain: verdict.domain,
    connected: { host: verdict.endpoint.host, port: verdict.endpoint.port, directTls: verdict.endpoint.directTls, source: verdict.endpoint.source },
    certificate: {
      subject: c.subject,
      issuer: c.issuer,
      names: { dns: c.names.dns, srv: c.names.srv, xmppAddr: c.names.xmppAddr, commonNames: c.names.commonNames },
      notBefore: c.notBefore,
      notAfter: c.notAfter,
      sha256: c.sha256,
      spkiSha256: c.spkiSha256,
      selfIssued: c.selfIssued,
    },
    chain: verdict.chain.map((x) => ({ subject: x.subject, issuer: x.issuer, sha256: x.sha256 })),
    pkix: { ok: verdict.pkix.ok, chainOk: verdict.pkix.chainOk, nameOk: verdict.pkix.nameOk, matchedName: verdict.pkix.matchedName, error: verdict.pkix.error },
    posh: {
      status: verdict.posh.status,
      format: verdict.posh.format,
      steps: verdict.posh.steps.map((s) => ({ url: s.url, status: s.status, kind: s.kind, detail: s.detail })),
      expires: verdict.posh.expires,
      match: verdict.posh.match,
      reason: verdict.posh.reason,
    },
    pin: {
      status: verdict.pin.status,
      spkiSha256: verdict.pin.status === 'none' ? null : verdict.pin.pin.spkiSha256,
      approvedAt: verdict.pin.status === 'none' ? null : verdict.pin.pin.approvedAt,
    },
    verdict: {
      verified: verdict.verified,
      method: verdict.method,
      undecided: verdict.undecided,
      warnings: verdict.warnings,
      summary: verdict.summary,
    },
    delegation: verdict.delegation,
    checkedAt: verdict.checkedAt,
  };
}
