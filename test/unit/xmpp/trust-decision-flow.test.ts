/**
 * The trust decision flow (pin approval): verdicts decided by the real decideTrust from the shared fixtures;
 * fakes only for what the flow is given: the connection attempt (a scripted "server" that presents one
 * certificate per connection and may hang up while the user reads), the pin store and the trust log.
 */
import type { TrustChange } from '../../../app/domain/trust-change.js';
import type { TLSSocket } from 'node:tls';
import { describe, expect, it } from 'vitest';
import type { ConnectionState, TrustDecision, TrustDecisionRequest } from '../../../app/domain/account.js';
import type { CertificateSummary } from '../../../app/domain/certificate.js';
import type { Pin, PkixResult, PoshResult } from '../../../app/domain/trust.js';
import type { TrustLogEntry } from '../../../app/domain/trust-records.js';
import { decideTrust } from '../../../main/trust/verdict.js';
import type { ConnectVerifiedRequest, VerifiedConnection } from '../../../main/xmpp/connect-verified.js';
import { TrustCancelledError } from '../../../main/xmpp/errors.js';
import { createTrustDecisionFlow, MAX_DECISIONS_PER_ATTEMPT } from '../../../main/xmpp/trust-decision-flow.js';
import { DOMAIN, DOMAIN_CERT, NOW, PKIX_NONE, PKIX_OK, SELF_SIGNED_HOSTING_CERT, certificate, input, pinFor, posh } from '../trust/verdict-fixtures.js';

const ACCOUNT = '0f8fad5b-d9cb-469f-a165-70867728950e';

/** What the server shows on one connection. */
interface Presented {
  readonly cert: CertificateSummary;
  readonly pkix: PkixResult;
  readonly posh: PoshResult;
  /** The server gives up (closes the socket) while the user is being asked. */
  readonly hangsUpWhileAsked?: boolean;
}

const byCa: Presented = { cert: DOMAIN_CERT, pkix: PKIX_OK, posh: posh('skipped', DOMAIN_CERT) };
const selfSigned = (cert = SELF_SIGNED_HOSTING_CERT): Presented => ({ cert, pkix: PKIX_NONE, posh: posh('absent', cert) });
/** A self-signed certificate with a key of its own. */
const freshKey = (n: number) =>
  certificate({
    issuer: 'CN=hosting.example.net',
    subject: 'CN=hosting.example.net',
    selfIssued: true,
    sha256: Buffer.from(`certificate number ${n}`).toString('base64'),
    spkiSha256: Buffer.from(`key number ${n}`).toString('base64'),
  });

class FakeSocket {
  destroyed = false;
  readyState: 'open' | 'closed' = 'open';
  destroy(): void {
    this.destroyed = true;
    this.readyState = 'closed';
  }
}

/**
 * The flow wired to a scripted server. `answer` plays the user: it sees each question and returns the
 * decision to click (or null to leave the dialog open).
 */
function setup(options: {
  serve: (connection: number) => Presented;
  answer?: (q: TrustDecisionRequest) => TrustDecision | null;
  pins?: Pin[];
  logFails?: boolean;
  /** The person's click in the main process's own confirmation dialog; default: confirmed. */
  confirm?: (change: TrustChange) => boolean;
}) {
  const confirmations: TrustChange[] = [];
  const pinned = new Map<string, Pin>((options.pins ?? []).map((p) => [p.domain, p]));
  const stored: Pin[] = [];
  const touched: string[] = [];
  const touchedWith: CertificateSummary[] = [];
  const mismatches: string[] = [];
  const poshForgotten: string[] = [];
  const logged: TrustLogEntry[] = [];
  const attempts: ConnectVerifiedRequest[] = [];
  const sockets: FakeSocket[] = [];
  const questions: TrustDecisionRequest[] = [];
  const states: ConnectionState[] = [];
  let ids = 0;

  const connectVerified = async (request: ConnectVerifiedRequest): Promise<VerifiedConnection> => {
    attempts.push(request);
    const presented = options.serve(attempts.length);
    const socket = new FakeSocket();
    sockets.push(socket);
    request.onStage?.({ stage: 'resolving', domain: request.domain });
    // The pin lookup and "connect once" as connectVerified does them, around the real decideTrust.
    const pin = pinned.get(request.domain) ?? null;
    const verdict = decideTrust(
      input({
        certificate: presented.cert,
        chain: [presented.cert],
        pkix: presented.pkix,
        posh: presented.posh,
        pin: pin === null ? { status: 'none' } : { status: pin.spkiSha256 === presented.cert.spkiSha256 ? 'match' : 'mismatch', pin },
        acceptedOnce: request.acceptedOnceSpki === presented.cert.spkiSha256,
      }),
    );
    request.onStage?.({ stage: 'verifying', endpoint: verdict.endpoint });
    const connection = {
      socket: socket as unknown as TLSSocket,
      endpoint: verdict.endpoint,
      address: { address: '127.0.0.1', family: 4 as const },
      chain: [],
      chainAuthorized: presented.pkix.chainOk,
      chainError: null,
    };
    return { connection, verdict, failures: [] };
  };

  const flow = createTrustDecisionFlow({
    accountId: ACCOUNT,
    domain: DOMAIN,
    server: null,
    connectVerified,
    pins: {
      put: async (pin) => {
        pinned.set(pin.domain, pin);
        stored.push(pin);
      },
      touch: async (domain, _service, seenAt, certificate) => {
        touched.push(seenAt);
        touchedWith.push(certificate);
        return pinned.has(domain);
      },
      markMismatch: async (domain, _service, at) => {
        mismatches.push(at);
        return pinned.has(domain);
      },
    },
    forgetPosh: async (domain) => {
      poshForgotten.push(domain);
    },
    log: async (entry) => {
      if (options.logFails) throw new Error('disk full');
      logged.push(entry);
    },
    now: () => NOW,
    onProgress: (state) => states.push(state),
    onDecisionNeeded: (question) => {
      questions.push(question);
      if (options.serve(attempts.length).hangsUpWhileAsked) sockets.at(-1)?.destroy();
      const decision = options.answer?.(question) ?? null;
      if (decision !== null) void flow.decide(question.requestId, decision);
    },
    confirm: async (change) => {
      confirmations.push(change);
      return options.confirm?.(change) ?? true;
    },
    requestIds: () => `question-${++ids}`,
  });
  return { flow, stored, touched, touchedWith, mismatches, poshForgotten, logged, attempts, sockets, questions, states, pinned, confirmations };
}

const establish = (flow: ReturnType<typeof setup>['flow'], signal = new AbortController().signal) => flow.establish(signal);

describe('a verified server', () => {
  it('connects without asking, logs the verdict once, and touches no pin', async () => {
    const t = setup({ serve: () => byCa });
    const { verdict, connection } = await establish(t.flow);
    expect(verdict).toMatchObject({ verified: true, method: 'pkix' });
    expect(t.flow.lastVerdict).toBe(verdict);
    expect(connection.socket.destroyed).toBe(false);
    expect(t.questions).toEqual([]);
    expect(t.logged).toMatchObject([{ kind: 'verification', verified: true, method: 'pkix', account: ACCOUNT }]);
    expect(t.touched).toEqual([]);
    expect(t.states.map((s) => s.stage)).toEqual(['resolving', 'verifying']);
  });

  it('records that a pinned key was seen again', async () => {
    const t = setup({ serve: () => selfSigned(), pins: [pinFor(SELF_SIGNED_HOSTING_CERT)] });
    const { verdict } = await establish(t.flow);
    expect(verdict).toMatchObject({ verified: true, method: 'pin' });
    expect(t.touched).toEqual([NOW.toISOString()]);
    expect(t.mismatches).toEqual([]);
    expect(t.questions).toEqual([]);
  });

  it('passes silently by a pin made from a published fingerprint, and hands the store the certificate that carries the key', async () => {
    const published = pinFor(SELF_SIGNED_HOSTING_CERT, { certificate: null, approvedHow: 'published-fingerprint', lastSeenAt: null });
    const t = setup({ serve: () => selfSigned(), pins: [published] });
    const { verdict } = await establish(t.flow);
    expect(verdict).toMatchObject({ verified: true, method: 'pin' });
    expect(t.questions).toEqual([]);
    expect(t.touchedWith).toEqual([SELF_SIGNED_HOSTING_CERT]);
  });

  it('records since when the server presents another key than the pinned one', async () => {
    const t = setup({ serve: () => byCa, pins: [pinFor(SELF_SIGNED_HOSTING_CERT)] });
    const { verdict } = await establish(t.flow);
    // A trusted authority vouches for the new key, so nobody is asked; the pin still no longer matches.
    expect(verdict).toMatchObject({ verified: true, method: 'pkix' });
    expect(t.mismatches).toEqual([NOW.toISOString()]);
    expect(t.touched).toEqual([]);
  });
});

describe('a POSH mismatch', () => {
  const liar: Presented = { cert: DOMAIN_CERT, pkix: PKIX_NONE, posh: posh('mismatch', DOMAIN_CERT) };

  it('offers no override: only cancel and check again; a forged "pin" counts as cancel and pins nothing', async () => {
    const t = setup({ serve: () => liar, answer: () => 'pin' });
    await expect(establish(t.flow)).rejects.toBeInstanceOf(TrustCancelledError);
    expect(t.questions[0]?.choices).toEqual(['cancel', 'check-again']);
    expect(t.stored).toEqual([]);
    expect(t.confirmations).toEqual([]);
  });

  it('"check again" forgets the remembered POSH answer and verifies a new connection from the start', async () => {
    let checked = 0;
    const t = setup({ serve: (n) => (n === 1 ? liar : byCa), answer: () => (checked++ === 0 ? 'check-again' : 'cancel') });
    const { verdict } = await establish(t.flow);
    expect(verdict).toMatchObject({ verified: true, method: 'pkix' });
    expect(t.poshForgotten).toEqual([DOMAIN]);
    expect(t.attempts).toHaveLength(2);
    expect(t.sockets[0]?.destroyed).toBe(true);
    expect(t.confirmations).toEqual([]);
    expect(t.logged.map((l) => (l.kind === 'decision' ? l.decision : l.kind))).toEqual(['verification', 'check-again', 'verification']);
  });
});

describe("the main process's own confirmation", () => {
  it('pins nothing on the window\'s word alone: a declined confirmation leaves the question open and the store untouched', async () => {
    let confirmed = false;
    const t = setup({ serve: () => selfSigned(), confirm: () => confirmed });
    const attempt = establish(t.flow);
    await until(() => t.questions.length === 1);
    expect(await t.flow.decide('question-1', 'pin')).toBe('not-confirmed');
    expect(t.stored).toEqual([]);
    expect(t.sockets[0]?.destroyed).toBe(false);
    // The person confirms the second time: now, and only now, the key is pinned.
    confirmed = true;
    expect(await t.flow.decide('question-1', 'pin')).toBe('answered');
    await expect(attempt).resolves.toMatchObject({ verdict: { method: 'pin' } });
    expect(t.stored).toHaveLength(1);
    expect(t.confirmations).toMatchObject([
      { kind: 'pin', domain: DOMAIN, key: { spkiSha256: SELF_SIGNED_HOSTING_CERT.spkiSha256 } },
      { kind: 'pin', domain: DOMAIN },
    ]);
  });

  it('shows both keys for a replacement, and accepts once only after confirmation', async () => {
    const oldPin = pinFor(DOMAIN_CERT);
    const replace = setup({ serve: () => selfSigned(), answer: () => 'replace-pin', pins: [oldPin] });
    await establish(replace.flow);
    expect(replace.confirmations).toMatchObject([
      { kind: 'replace-pin', domain: DOMAIN, previous: { spkiSha256: oldPin.spkiSha256 }, next: { spkiSha256: SELF_SIGNED_HOSTING_CERT.spkiSha256 } },
    ]);

    const once = setup({ serve: () => selfSigned(), confirm: () => false });
    const attempt = establish(once.flow);
    await until(() => once.questions.length === 1);
    expect(await once.flow.decide('question-1', 'connect-once')).toBe('not-confirmed');
    expect(await once.flow.decide('question-1', 'cancel')).toBe('answered');
    await expect(attempt).rejects.toBeInstanceOf(TrustCancelledError);
    // Cancel changes nothing, so it needs no confirmation.
    expect(once.confirmations.map((c) => c.kind)).toEqual(['connect-once']);
  });
});

describe('asking the user', () => {
  it("offers 'pin' for a first key, and the answer pins exactly that key for the domain", async () => {
    const t = setup({ serve: () => selfSigned(), answer: () => 'pin' });
    const { verdict } = await establish(t.flow);

    const [question] = t.questions;
    expect(question).toMatchObject({ requestId: 'question-1', accountId: ACCOUNT, previousPin: null, choices: ['cancel', 'connect-once', 'pin'] });
    expect(question?.verdict).toMatchObject({ verified: false, undecided: 'untrusted-certificate' });
    expect(t.states).toContainEqual({ stage: 'awaiting-decision', endpoint: question?.verdict.endpoint, request: question });

    expect(t.stored).toEqual([
      {
        domain: DOMAIN,
        service: 'xmpp-client',
        spkiSha256: SELF_SIGNED_HOSTING_CERT.spkiSha256,
        certificate: SELF_SIGNED_HOSTING_CERT,
        approvedAt: NOW.toISOString(),
        approvedHow: 'pinned',
        lastSeenAt: NOW.toISOString(),
        mismatchSince: null,
      },
    ]);
    // The same connection, reconsidered: it now says "pinned by you", not the question's text.
    expect(verdict).toMatchObject({ verified: true, method: 'pin' });
    expect(verdict.summary).toBe(decideTrust(input({ ...selfSignedInput(), pin: { status: 'match', pin: t.stored[0]! } })).summary);
    expect(t.flow.lastVerdict).toBe(verdict);
    expect(t.attempts).toHaveLength(1);
    expect(t.logged).toMatchObject([{ kind: 'verification', verified: false }, { kind: 'decision', decision: 'pin', verified: false }]);
  });

  it("offers 'replace-pin' (never 'pin') when another key is pinned, and says which pin it replaces", async () => {
    const oldPin = pinFor(DOMAIN_CERT);
    const t = setup({ serve: () => selfSigned(), answer: () => 'replace-pin', pins: [oldPin] });
    const { verdict } = await establish(t.flow);
    expect(t.questions[0]).toMatchObject({ previousPin: oldPin, choices: ['cancel', 'connect-once', 'replace-pin'] });
    expect(t.questions[0]?.verdict.undecided).toBe('key-changed');
    expect(t.stored).toMatchObject([{ spkiSha256: SELF_SIGNED_HOSTING_CERT.spkiSha256, approvedHow: 'replaced' }]);
    expect(verdict).toMatchObject({ verified: true, method: 'pin' });
  });

  it("counts an answer that was not offered as cancel: 'pin' cannot overwrite a pin without the replace question", async () => {
    const oldPin = pinFor(DOMAIN_CERT);
    const t = setup({ serve: () => selfSigned(), answer: () => 'pin', pins: [oldPin] });
    const error = await establish(t.flow).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrustCancelledError);
    expect(t.stored).toEqual([]);
    expect(t.pinned.get(DOMAIN)).toBe(oldPin);
    expect(t.sockets[0]?.destroyed).toBe(true);
    expect(t.logged.at(-1)).toMatchObject({ kind: 'decision', decision: 'cancel' });
  });

  it('on cancel closes the connection, stores nothing and says nothing was sent', async () => {
    const t = setup({ serve: () => selfSigned(), answer: () => 'cancel' });
    const error = await establish(t.flow).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrustCancelledError);
    expect((error as Error).message).toBe('You chose not to connect to chat.example.com. Nothing was sent to it.');
    expect(t.sockets[0]?.destroyed).toBe(true);
    expect(t.stored).toEqual([]);
    expect(t.attempts).toHaveLength(1);
  });

  it('answers cancel for the user when the attempt is aborted, and takes no late answer', async () => {
    const t = setup({ serve: () => selfSigned() });
    const controller = new AbortController();
    const attempt = establish(t.flow, controller.signal);
    await until(() => t.questions.length === 1);
    controller.abort();
    await expect(attempt).rejects.toBeInstanceOf(TrustCancelledError);
    expect(await t.flow.decide('question-1', 'pin')).toBe('unknown-question');
    expect(t.stored).toEqual([]);
  });

  it('answers cancel when the user disconnects while asked', async () => {
    const t = setup({ serve: () => selfSigned() });
    const attempt = establish(t.flow);
    await until(() => t.questions.length === 1);
    t.flow.forget();
    await expect(attempt).rejects.toBeInstanceOf(TrustCancelledError);
    expect(t.sockets[0]?.destroyed).toBe(true);
  });

  it('takes an answer only for the question that is pending', async () => {
    const t = setup({ serve: () => selfSigned() });
    const attempt = establish(t.flow);
    await until(() => t.questions.length === 1);
    expect(await t.flow.decide('question-0', 'connect-once')).toBe('unknown-question');
    expect(await t.flow.decide('question-1', 'connect-once')).toBe('answered');
    await expect(attempt).resolves.toMatchObject({ verdict: { method: 'accepted-once' } });
  });

  it('keeps going when the trust log cannot be written', async () => {
    const t = setup({ serve: () => selfSigned(), answer: () => 'pin', logFails: true });
    await expect(establish(t.flow)).resolves.toMatchObject({ verdict: { method: 'pin' } });
    expect(t.stored).toHaveLength(1);
  });
});

describe('connect once', () => {
  it('is remembered in memory only: no pin is stored, reconnects to the same key pass, forget() ends it', async () => {
    const t = setup({ serve: () => selfSigned(), answer: () => 'connect-once' });
    const first = await establish(t.flow);
    expect(first.verdict).toMatchObject({ verified: true, method: 'accepted-once' });
    expect(t.stored).toEqual([]);
    expect(t.pinned.size).toBe(0);

    // A reconnect: connectVerified is told the accepted key, and the same key passes without a question.
    const second = await establish(t.flow);
    expect(t.attempts[1]?.acceptedOnceSpki).toBe(SELF_SIGNED_HOSTING_CERT.spkiSha256);
    expect(second.verdict).toMatchObject({ verified: true, method: 'accepted-once' });
    expect(t.questions).toHaveLength(1);

    // Disconnecting forgets it: the next connection asks again.
    t.flow.forget();
    await establish(t.flow);
    expect(t.attempts[2]?.acceptedOnceSpki).toBeNull();
    expect(t.questions).toHaveLength(2);
  });

  it('does not carry over to another key', async () => {
    const t = setup({ serve: (n) => selfSigned(freshKey(n)), answer: () => 'connect-once' });
    await establish(t.flow);
    await establish(t.flow);
    expect(t.questions.map((q) => q.verdict.certificate.spkiSha256)).toEqual([freshKey(1).spkiSha256, freshKey(2).spkiSha256]);
  });
});

describe('a server that hangs up while the user reads the dialog', () => {
  it('is dialled again, and the new connection passes only with the key the user approved', async () => {
    const t = setup({ serve: (n) => ({ ...selfSigned(), hangsUpWhileAsked: n === 1 }), answer: () => 'pin' });
    const { verdict, connection } = await establish(t.flow);
    expect(t.attempts).toHaveLength(2);
    expect(t.sockets[0]?.destroyed).toBe(true);
    expect(connection.socket).toBe(t.sockets[1]);
    expect(verdict).toMatchObject({ verified: true, method: 'pin' });
    expect(t.questions).toHaveLength(1);
  });

  it(`stops asking after ${MAX_DECISIONS_PER_ATTEMPT} questions in one attempt when every connection shows a new key`, async () => {
    const t = setup({ serve: (n) => ({ ...selfSigned(freshKey(n)), hangsUpWhileAsked: true }), answer: () => 'connect-once' });
    const error = await establish(t.flow).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrustCancelledError);
    expect((error as Error).message).toBe('The server kept presenting keys you had not approved; Hostproof stopped asking.');
    expect(t.questions).toHaveLength(MAX_DECISIONS_PER_ATTEMPT);
    // One more connection was made and judged, then closed without a question.
    expect(t.attempts).toHaveLength(MAX_DECISIONS_PER_ATTEMPT + 1);
    expect(t.sockets.every((s) => s.destroyed)).toBe(true);
    expect(t.logged.filter((e) => e.kind === 'verification')).toHaveLength(MAX_DECISIONS_PER_ATTEMPT + 1);
  });

  it('counts the questions per attempt: a new attempt may ask again', async () => {
    let hangUp = true;
    const t = setup({ serve: (n) => ({ ...selfSigned(freshKey(n)), hangsUpWhileAsked: hangUp }), answer: () => 'connect-once' });
    await expect(establish(t.flow)).rejects.toBeInstanceOf(TrustCancelledError);
    hangUp = false;
    await expect(establish(t.flow)).resolves.toMatchObject({ verdict: { method: 'accepted-once' } });
    expect(t.questions).toHaveLength(MAX_DECISIONS_PER_ATTEMPT + 1);
  });
});

function selfSignedInput() {
  return { certificate: SELF_SIGNED_HOSTING_CERT, chain: [SELF_SIGNED_HOSTING_CERT], pkix: PKIX_NONE, posh: posh('absent', SELF_SIGNED_HOSTING_CERT) };
}

/** Lets the flow run until `condition` holds (its steps are promise callbacks, no timers). */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !condition(); i += 1) await Promise.resolve();
  if (!condition()) throw new Error('the flow did not get there');
}

describe('the channel-binding question (bound before, cannot bind now)', () => {
  const QUESTION = { previous: 'SCRAM-SHA-256-PLUS', unbound: 'SCRAM-SHA-256', reason: 'the server no longer offers a channel-bound login method' } as const;

  it('asks through the same question, counts "log in unbound" only after main confirmed it, and logs the answer', async () => {
    let confirmed = false;
    const t = setup({ serve: () => byCa, confirm: () => confirmed });
    const { verdict } = await establish(t.flow);
    const asked = t.flow.askUnboundLogin(verdict, QUESTION, new AbortController().signal);
    await until(() => t.questions.length === 1);
    expect(t.questions[0]).toEqual({
      requestId: 'question-1',
      accountId: ACCOUNT,
      verdict,
      previousPin: null,
      choices: ['cancel', 'log-in-unbound'],
      unboundLogin: QUESTION,
    });
    expect(t.states.at(-1)).toMatchObject({ stage: 'awaiting-decision', request: { requestId: 'question-1' } });

    // The window's word alone changes nothing: the question stays open.
    expect(await t.flow.decide('question-1', 'log-in-unbound')).toBe('not-confirmed');
    confirmed = true;
    expect(await t.flow.decide('question-1', 'log-in-unbound')).toBe('answered');
    await expect(asked).resolves.toBe('log-in-unbound');
    expect(t.confirmations).toEqual([
      { kind: 'unbound-login', domain: DOMAIN, previous: 'SCRAM-SHA-256-PLUS', unbound: 'SCRAM-SHA-256' },
      { kind: 'unbound-login', domain: DOMAIN, previous: 'SCRAM-SHA-256-PLUS', unbound: 'SCRAM-SHA-256' },
    ]);
    expect(t.logged.at(-1)).toMatchObject({ kind: 'decision', decision: 'log-in-unbound', verified: true });
  });

  it('counts an answer that was not offered (a forged "pin") as cancel, with no confirmation', async () => {
    const t = setup({ serve: () => byCa, answer: () => 'pin' });
    const { verdict } = await establish(t.flow);
    await expect(t.flow.askUnboundLogin(verdict, QUESTION, new AbortController().signal)).resolves.toBe('cancel');
    expect(t.confirmations).toEqual([]);
    expect(t.stored).toEqual([]);
  });

  it('answers cancel for an attempt that is over, and when the user disconnects while asked', async () => {
    const t = setup({ serve: () => byCa });
    const { verdict } = await establish(t.flow);
    const aborted = new AbortController();
    aborted.abort();
    await expect(t.flow.askUnboundLogin(verdict, QUESTION, aborted.signal)).resolves.toBe('cancel');
    expect(t.questions).toEqual([]);
    const asked = t.flow.askUnboundLogin(verdict, QUESTION, new AbortController().signal);
    await until(() => t.questions.length === 1);
    t.flow.forget();
    await expect(asked).resolves.toBe('cancel');
  });
});
