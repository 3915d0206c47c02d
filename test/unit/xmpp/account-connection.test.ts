/**
 * The account controller after the trust decision: what it does with the login-method memory (the SCRAM to
 * PLAIN downgrade protection). A failure to save it must reach the user; the connection itself stays up,
 * since this login was safe. The verdict comes from the real decideTrust; the network, the session and the
 * memory are the fakes the controller is given.
 */
import type { TLSSocket } from 'node:tls';
import { describe, expect, it } from 'vitest';
import type { ConnectionState, TrustDecisionRequest } from '../../../app/domain/account.js';
import type { TrustChange } from '../../../app/domain/trust-change.js';
import { decideTrust } from '../../../main/trust/verdict.js';
import type { TrustLogEntryV2 } from '../../../app/domain/trust-records.js';
import { createAccountConnection } from '../../../main/xmpp/account-connection.js';
import type { MechanismName } from '../../../main/xmpp/sasl/mechanism.js';
import type { OnlineSession } from '../../../main/xmpp/session/online-session.js';
import { ConnectionLostError, MechanismDowngradeError } from '../../../main/xmpp/errors.js';
import type { OpenSessionArgs } from '../../../main/xmpp/session/online-session.js';
import { DOMAIN, NOW, PKIX_NONE, SELF_SIGNED_HOSTING_CERT, input } from '../trust/verdict-fixtures.js';
import { waitUntil } from '../../harness/wait-until.js';
import { FakeLink } from './features/fake-link.js';

function onlineSession(mechanism: MechanismName): OnlineSession {
  return {
    link: new FakeLink(`alice@${DOMAIN}/desk`),
    fullJid: `alice@${DOMAIN}/desk`,
    mechanism,
    login: { mechanism, channelBinding: mechanism.endsWith('-PLUS') ? 'tls-exporter' : null },
    resumable: false,
    acknowledged: true,
    preApproval: false,
    onAcked: () => undefined,
    takeUnacknowledged: () => [],
    reopen: async () => 'bound',
    close: async () => undefined,
    onClosed: () => undefined,
  };
}

/** Connects once to a PKIX-verified server and logs in with `mechanism`; resolves when online. */
/** A connection to a PKIX-verified server that nothing is read from: the sessions are played by the tests. */
async function pkixVerifiedConnect() {
  const verdict = decideTrust(input());
  const socket = { destroyed: false, readyState: 'open', destroy: () => undefined } as unknown as TLSSocket;
  return {
    connection: { socket, endpoint: verdict.endpoint, address: { address: '127.0.0.1', family: 4 as const }, chain: [], chainAuthorized: true, chainError: null },
    verdict,
    failures: [],
  };
}

async function signIn(mechanism: MechanismName, save: (mechanism: MechanismName) => Promise<void>) {
  const notices: string[] = [];
  const states: ConnectionState[] = [];
  const saved: MechanismName[] = [];
  const logged: TrustLogEntryV2[] = [];
  let online: () => void = () => undefined;
  const isOnline = new Promise<void>((resolve) => (online = resolve));
  const connection = createAccountConnection({
    accountId: '6c1f3f5e-3a56-4f0e-9d5f-4d0c2b7e8a11',
    domain: DOMAIN,
    localpart: 'alice',
    resource: 'desk',
    server: null,
    connectVerified: pkixVerifiedConnect,
    openSession: async () => onlineSession(mechanism),
    pins: { put: async () => undefined, touch: async () => true, markMismatch: async () => true },
    forgetPosh: async () => undefined,
    log: async (entry) => {
      logged.push(entry);
    },
    onState: (state) => states.push(state),
    onDecisionNeeded: () => undefined,
    confirm: async () => true,
    onOnline: () => online(),
    now: () => NOW,
    reconnectDelay: () => 1_000,
    mechanisms: {
      get: async () => null,
      set: async (m) => {
        saved.push(m);
        await save(m);
      },
    },
    onNotice: (text) => notices.push(text),
  });
  connection.connect('correct horse');
  await isOnline;
  return { notices, states, saved, logged, connection };
}

describe('remembering the login method (downgrade protection)', () => {
  it('tells the user, in plain words and with the reason, when it cannot be saved, and stays online', async () => {
    const { notices, saved, connection } = await signIn('SCRAM-SHA-1', () => Promise.reject(new Error('the disk is full')));
    expect(saved).toEqual(['SCRAM-SHA-1']);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain(`The downgrade protection for alice@${DOMAIN} could not be saved`);
    expect(notices[0]).toContain('SCRAM-SHA-1');
    expect(notices[0]).toContain('the disk is full');
    expect(notices[0]).not.toContain('bind');
    expect(connection.state.stage).toBe('online');
    await connection.disconnect();
  });

  it('for a bound login, says that losing the binding would not be noticed either', async () => {
    const { notices, connection } = await signIn('SCRAM-SHA-256-PLUS', () => Promise.reject(new Error('the disk is full')));
    expect(notices[0]).toContain('SCRAM-SHA-256-PLUS');
    expect(notices[0]).toContain('can no longer bind the login to this connection is asked about');
    await connection.disconnect();
  });

  it('says nothing when it was saved', async () => {
    const { notices, saved, connection } = await signIn('SCRAM-SHA-256', async () => undefined);
    expect(saved).toEqual(['SCRAM-SHA-256']);
    expect(notices).toEqual([]);
    await connection.disconnect();
  });

  it('puts how the login was protected in the online state and in the trust history', async () => {
    const { states, logged, connection } = await signIn('SCRAM-SHA-256-PLUS', async () => undefined);
    expect(states.at(-1)).toMatchObject({ stage: 'online', login: { mechanism: 'SCRAM-SHA-256-PLUS', channelBinding: 'tls-exporter' } });
    await waitUntil(() => logged.some((entry) => entry.kind === 'login'), 'the login line');
    expect(logged.find((entry) => entry.kind === 'login')).toMatchObject({ login: { mechanism: 'SCRAM-SHA-256-PLUS', channelBinding: 'tls-exporter' }, verified: true });
    await connection.disconnect();
  });

  it('does not remember PLAIN (there is nothing to protect), so nothing can fail', async () => {
    const { notices, saved, connection } = await signIn('PLAIN', () => Promise.reject(new Error('not called')));
    expect(saved).toEqual([]);
    expect(notices).toEqual([]);
    await connection.disconnect();
  });
});

describe('each connection hands its own verdict method to the session', () => {
  it('reopens a resumable session on a reconnect with the new verdict\'s method, not the first one\'s', async () => {
    const verdicts = [
      decideTrust(input()),
      decideTrust(input({ certificate: SELF_SIGNED_HOSTING_CERT, pkix: PKIX_NONE, acceptedOnce: true })),
    ];
    expect(verdicts.map((v) => v.method)).toEqual(['pkix', 'accepted-once']);
    const opened: string[] = [];
    const reopened: string[] = [];
    let closed: (error: Error | null) => void = () => undefined;
    const session: OnlineSession = {
      ...onlineSession('SCRAM-SHA-1'),
      resumable: true,
      reopen: async (_connection, serverProof) => {
        reopened.push(serverProof);
        return 'resumed';
      },
      onClosed: (listener) => (closed = listener),
    };
    let onlineCount = 0;
    let calls = 0;
    const connection = createAccountConnection({
      accountId: '6c1f3f5e-3a56-4f0e-9d5f-4d0c2b7e8a11',
      domain: DOMAIN,
      localpart: 'alice',
      resource: 'desk',
      server: null,
      connectVerified: async () => {
        const verdict = verdicts[Math.min(calls++, 1)]!;
        const socket = { destroyed: false, readyState: 'open', destroy: () => undefined } as unknown as TLSSocket;
        return {
          connection: { socket, endpoint: verdict.endpoint, address: { address: '127.0.0.1', family: 4 }, chain: [], chainAuthorized: true, chainError: null },
          verdict,
          failures: [],
        };
      },
      openSession: async (args) => {
        opened.push(args.serverProof);
        return session;
      },
      pins: { put: async () => undefined, touch: async () => true, markMismatch: async () => true },
      forgetPosh: async () => undefined,
      log: async () => undefined,
      onState: () => undefined,
      onDecisionNeeded: () => undefined,
      confirm: async () => true,
      onOnline: () => (onlineCount += 1),
      now: () => NOW,
      reconnectDelay: () => 0,
      mechanisms: { get: async () => null, set: async () => undefined },
      onNotice: () => undefined,
    });
    connection.connect('correct horse');
    await waitUntil(() => onlineCount === 1, 'the first login');
    closed(new ConnectionLostError('the connection dropped'));
    await waitUntil(() => onlineCount === 2, 'the resumption on the new connection');
    expect(opened).toEqual(['pkix']);
    expect(reopened).toEqual(['accepted-once']);
    await connection.disconnect();
  });
});

/** What the session throws when an account that logged in bound cannot bind now (sasl-negotiation.ts). */
const bindingLost = () =>
  new MechanismDowngradeError('SCRAM-SHA-256-PLUS', ['SCRAM-SHA-256-PLUS', 'SCRAM-SHA-256'], 'could not be bound', {
    previous: 'SCRAM-SHA-256-PLUS',
    unbound: 'SCRAM-SHA-256',
    why: 'the server no longer says which channel-binding types it supports (XEP-0440)',
  });

/**
 * A PKIX-verified server and a login memory holding `remembered`; `open` plays the session for each login
 * (the first one, a fresh login after a failed resumption...). Nothing answers a question until the test does.
 */
function bindingSetup(options: { open: (args: OpenSessionArgs, n: number) => Promise<OnlineSession>; confirm?: () => boolean }) {
  const opened: OpenSessionArgs[] = [];
  const questions: TrustDecisionRequest[] = [];
  const confirmations: TrustChange[] = [];
  const states: ConnectionState[] = [];
  const logged: TrustLogEntryV2[] = [];
  let remembered: MechanismName = 'SCRAM-SHA-256-PLUS';
  let onlineCount = 0;
  const connection = createAccountConnection({
    accountId: '6c1f3f5e-3a56-4f0e-9d5f-4d0c2b7e8a11',
    domain: DOMAIN,
    localpart: 'alice',
    resource: 'desk',
    server: null,
    connectVerified: pkixVerifiedConnect,
    openSession: async (args) => {
      opened.push(args);
      return options.open(args, opened.length);
    },
    pins: { put: async () => undefined, touch: async () => true, markMismatch: async () => true },
    forgetPosh: async () => undefined,
    log: async (entry) => {
      logged.push(entry);
    },
    onState: (state) => states.push(state),
    onDecisionNeeded: (question) => questions.push(question),
    confirm: async (change) => {
      confirmations.push(change);
      return options.confirm?.() ?? true;
    },
    onOnline: () => (onlineCount += 1),
    now: () => NOW,
    reconnectDelay: () => 0,
    mechanisms: {
      get: async () => remembered,
      set: async (m) => {
        remembered = m;
      },
    },
    onNotice: () => undefined,
  });
  return { connection, opened, questions, confirmations, states, logged, remembered: () => remembered, onlineCount: () => onlineCount };
}

describe('bound before, cannot bind now: ask first', () => {
  it('asks instead of failing; Cancel ends with the refusal and logs in no further', async () => {
    const t = bindingSetup({ open: () => Promise.reject(bindingLost()) });
    t.connection.connect('correct horse');
    await waitUntil(() => t.questions.length === 1, 'the question');
    expect(t.questions[0]).toMatchObject({ choices: ['cancel', 'log-in-unbound'], unboundLogin: { previous: 'SCRAM-SHA-256-PLUS', unbound: 'SCRAM-SHA-256' } });
    expect(t.connection.state.stage).toBe('awaiting-decision');
    expect(await t.connection.decide(t.questions[0]!.requestId, 'cancel')).toBe('answered');
    await waitUntil(() => t.connection.state.stage === 'failed', 'the refusal');
    expect(t.connection.state).toMatchObject({ stage: 'failed', error: { kind: 'mechanism-downgrade' } });
    expect(t.opened).toHaveLength(1);
    expect(t.confirmations).toEqual([]);
    expect(t.remembered()).toBe('SCRAM-SHA-256-PLUS');
  });

  it('logs in once with the unbound mechanism as the baseline only after main confirmed; remembered once it succeeded', async () => {
    let confirmed = false;
    const t = bindingSetup({
      open: async (args) => (args.previousMechanism === 'SCRAM-SHA-256' ? onlineSession('SCRAM-SHA-256') : Promise.reject(bindingLost())),
      confirm: () => confirmed,
    });
    t.connection.connect('correct horse');
    await waitUntil(() => t.questions.length === 1, 'the question');
    const requestId = t.questions[0]!.requestId;
    expect(await t.connection.decide(requestId, 'log-in-unbound')).toBe('not-confirmed');
    expect(t.opened).toHaveLength(1);
    expect(t.remembered()).toBe('SCRAM-SHA-256-PLUS');
    confirmed = true;
    expect(await t.connection.decide(requestId, 'log-in-unbound')).toBe('answered');
    await waitUntil(() => t.onlineCount() === 1, 'the unbound login');
    expect(t.opened.map((args) => args.previousMechanism)).toEqual(['SCRAM-SHA-256-PLUS', 'SCRAM-SHA-256']);
    expect(t.remembered()).toBe('SCRAM-SHA-256');
    expect(t.logged.some((entry) => entry.kind === 'decision' && entry.decision === 'log-in-unbound')).toBe(true);
    await t.connection.disconnect();
  });

  it('the answer counts for one attempt: a failed unbound login leaves the memory bound and the next attempt asks again', async () => {
    const t = bindingSetup({
      open: async (args) => Promise.reject(args.previousMechanism === 'SCRAM-SHA-256' ? new ConnectionLostError('dropped during the login') : bindingLost()),
    });
    t.connection.connect('correct horse');
    await waitUntil(() => t.questions.length === 1, 'the question');
    expect(await t.connection.decide(t.questions[0]!.requestId, 'log-in-unbound')).toBe('answered');
    // The unbound login drops; the reconnect logs in with the remembered -PLUS again and so asks again.
    await waitUntil(() => t.questions.length === 2, 'the question again');
    expect(t.opened.map((args) => args.previousMechanism)).toEqual(['SCRAM-SHA-256-PLUS', 'SCRAM-SHA-256', 'SCRAM-SHA-256-PLUS']);
    expect(t.remembered()).toBe('SCRAM-SHA-256-PLUS');
    await t.connection.disconnect();
  });

  it('asks too when a resumable session could not continue and its fresh login on the new connection could not be bound', async () => {
    let closed: (error: Error | null) => void = () => undefined;
    const resumable: OnlineSession = {
      ...onlineSession('SCRAM-SHA-256-PLUS'),
      resumable: true,
      reopen: () => Promise.reject(bindingLost()),
      onClosed: (listener) => (closed = listener),
    };
    const t = bindingSetup({ open: async (_args, n) => (n === 1 ? resumable : onlineSession('SCRAM-SHA-256')) });
    t.connection.connect('correct horse');
    await waitUntil(() => t.onlineCount() === 1, 'the bound login');
    closed(new ConnectionLostError('the connection dropped'));
    await waitUntil(() => t.questions.length === 1, 'the question after the failed resumption');
    expect(await t.connection.decide(t.questions[0]!.requestId, 'log-in-unbound')).toBe('answered');
    await waitUntil(() => t.onlineCount() === 2, 'the unbound login');
    expect(t.opened.map((args) => args.previousMechanism)).toEqual(['SCRAM-SHA-256-PLUS', 'SCRAM-SHA-256']);
    expect(t.remembered()).toBe('SCRAM-SHA-256');
    await t.connection.disconnect();
  });
});
