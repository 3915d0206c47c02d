import type { ConnectionErrorKind, ConnectionState } from '../../../app/domain/account.js';

/** What to try next, for each kind of failure: the message says what happened, this says what to do. */
export const WHAT_TO_TRY: Record<ConnectionErrorKind, string> = {
  resolve: "Check the domain in your address. If your provider gave you a server name and port, set them in the account's advanced settings.",
  connect: "Check your internet connection. If your provider gave you a server name and port, set them in the account's advanced settings.",
  'tls-required': 'Hostproof never sends your password without encryption. Ask your provider to turn on TLS.',
  'trust-cancelled': "You cancelled because the server could not prove who it is. Open the security panel to see why, or connect again to decide.",
  authentication: 'Check your user name and password, then connect again.',
  'mechanism-downgrade':
    'The server offered a weaker way to sign in than before, which can mean someone is interfering. Try again from another network, or ask your provider.',
  'password-needed': 'Enter your password to connect.',
  stream: 'The server ended the connection. Try again in a moment.',
  internal: 'Something went wrong inside Hostproof. Try again; if it keeps happening, please report it.',
};

/**
 * The current stage in plain words. `now` is passed in (not read here) so the reconnect countdown is testable
 * and ticks from one clock.
 */
export function stageText(state: ConnectionState, domain: string, now: number): string {
  switch (state.stage) {
    case 'offline':
      return 'Offline';
    case 'resolving':
      return `Looking up the chat server for ${domain}…`;
    case 'connecting':
      return `Connecting to ${state.endpoint.host}:${state.endpoint.port}…`;
    case 'verifying':
      return `Verifying the identity of ${state.endpoint.host}:${state.endpoint.port}…`;
    case 'awaiting-decision':
      return state.request.unboundLogin
        ? 'Waiting for your decision: the server no longer offers to bind your login to this connection'
        : 'Waiting for your decision: the server could not prove who it is';
    case 'authenticating':
      return 'Signing in…';
    case 'online':
      return `Online as ${state.fullJid}`;
    case 'reconnecting': {
      if (state.retryAt === null) return 'Offline: waiting for the network to come back';
      const seconds = secondsUntil(state.retryAt, now);
      return seconds > 0 ? `Reconnecting in ${seconds} s (attempt ${state.attempt})` : `Reconnecting now (attempt ${state.attempt})`;
    }
    case 'failed':
      return 'Could not connect';
  }
}

/** The stage in a word or two, for the sidebar; the full sentence is on the account's page and in the tooltip. */
export function shortStageText(state: ConnectionState): string {
  switch (state.stage) {
    case 'offline':
      return 'Offline';
    case 'resolving':
    case 'connecting':
    case 'verifying':
    case 'authenticating':
      return 'Connecting…';
    case 'awaiting-decision':
      return 'Needs your decision';
    case 'online':
      return 'Online';
    case 'reconnecting':
      return 'Reconnecting…';
    case 'failed':
      return 'Could not connect';
  }
}

export function secondsUntil(iso: string, now: number): number {
  const at = Date.parse(iso);
  return Number.isNaN(at) ? 0 : Math.max(0, Math.ceil((at - now) / 1000));
}

/** Stages during which the account is busy connecting (Disconnect stops it). */
export function isConnecting(state: ConnectionState): boolean {
  return state.stage !== 'offline' && state.stage !== 'failed' && state.stage !== 'online';
}
