/**
 * SASL over the XMPP stream (RFC 6120 §6), driving our own SaslExchange so that the SCRAM server signature
 * is checked (xmpp.js's SCRAM never checks it). Only the mechanism chooser decides what may be used; this
 * file moves the bytes and turns every way it can end into a typed error:
 *   - the server's <failure/>                       → AuthenticationError { kind: 'rejected' }
 *   - a server that cannot prove the password       → AuthenticationError { kind: 'server-not-proven' }
 *   - nothing usable offered                        → AuthenticationError { kind: 'no-usable-mechanism' }
 *   - only PLAIN, on a server not proven (e.g. accepted once) → AuthenticationError { kind: 'plain-refused' }
 *   - SCRAM used before but only PLAIN offered now  → MechanismDowngradeError (nothing is sent)
 *   - bound (-PLUS) before but cannot bind now      → MechanismDowngradeError with `bindingLost` (nothing is
 *                                                     sent; the controller asks the user)
 *   - XEP-0474 `h=` does not match the offer        → MechanismDowngradeError (aborted before the proof)
 *
 * Channel binding: the chooser picks the type from what this TLS connection can give (channel-binding.ts)
 * and what the server declared (XEP-0440, read here from the features); this file fetches the data.
 */
import xml, { type Element } from '@xmpp/xml';
import { AuthenticationError, MechanismDowngradeError, SessionProtocolError } from '../errors.js';
import { availableBindings, type ChannelBindingType, type TlsChannel } from '../sasl/channel-binding.js';
import { createExchange, type ExchangeContext } from '../sasl/create-exchange.js';
import { SaslDowngradeError } from '../sasl/downgrade-hash.js';
import type { Gs2Binding } from '../sasl/gs2-header.js';
import { SaslError, type MechanismName, type SaslCredentials, type SaslExchange } from '../sasl/mechanism.js';
import { ScramServerError } from '../sasl/scram-server-messages.js';
import type { TrustMethod } from '../../../app/domain/trust.js';
import { chooseMechanism, type MechanismChoice, type MechanismOffer, type MechanismWarning, type RememberedMechanism } from '../sasl/select.js';
import { decodePaddedBase64 } from '../../encoding/base64.js';

export const NS_SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';
export const NS_SASL_CB = 'urn:xmpp:sasl-cb:0';

/** The part of the stream SASL needs: send one element, and wait for the next SASL-namespace element. */
export interface SaslChannel {
  send(element: Element): Promise<void>;
  receive(): Promise<Element>;
}

export interface SaslRequest {
  /** The `<mechanisms>` feature as the server sent it. */
  readonly mechanisms: Element;
  readonly credentials: SaslCredentials;
  /** The verdict's method for this connection: PLAIN needs 'pkix', 'posh' or 'pin'. */
  readonly serverProof: TrustMethod;
  readonly previousMechanism: RememberedMechanism | null;
  /** The server's XEP-0440 channel-binding types (declaredChannelBindings()), or null when it sent none. */
  readonly channelBindings: readonly string[] | null;
  /** The TLS connection this login runs on, for its channel-binding data; null: this login cannot bind. */
  readonly tls: TlsChannel | null;
}

export interface SaslOutcome {
  readonly mechanism: MechanismName;
  /** The channel-binding type when the mechanism is a `-PLUS` one, else null. */
  readonly channelBinding: ChannelBindingType | null;
  /** Set when a weaker SCRAM than before was used (allowed, but the user is told). */
  readonly warning: MechanismWarning | null;
}

/** The two decisions this file does not make itself; injectable so tests can pin a SCRAM nonce. */
export interface SaslPolicy {
  readonly choose: (offer: MechanismOffer) => MechanismChoice;
  readonly create: (mechanism: MechanismName, credentials: SaslCredentials, context: ExchangeContext) => SaslExchange;
}

const DEFAULT_POLICY: SaslPolicy = { choose: chooseMechanism, create: createExchange };

export function offeredMechanisms(mechanisms: Element): string[] {
  return mechanisms.getChildren('mechanism', NS_SASL).map((m) => m.getText().trim());
}

/**
 * XEP-0440's list: a <sasl-channel-binding/> feature beside <mechanisms> (XEP-0440 0.4 and later), or inside
 * it (earlier versions, still deployed). Null when the server sent neither.
 */
export function declaredChannelBindings(features: Element, mechanisms: Element): string[] | null {
  const list = features.getChild('sasl-channel-binding', NS_SASL_CB) ?? mechanisms.getChild('sasl-channel-binding', NS_SASL_CB);
  if (!list) return null;
  return list.getChildren('channel-binding', NS_SASL_CB).flatMap((item) => (typeof item.attrs.type === 'string' ? [item.attrs.type.trim()] : []));
}

/** The gs2 answer with its data; a `p` type was chosen from the available ones, so its data is there. */
function gs2For(choice: Extract<MechanismChoice, { ok: true }>, tls: TlsChannel | null): Gs2Binding {
  const binding = choice.binding;
  if (binding === null || binding.flag !== 'p') return { flag: binding?.flag ?? 'n' };
  const data = tls?.bindingData(binding.type) ?? null;
  if (data === null) throw new Error(`no ${binding.type} data on a connection that offered it`);
  return { flag: 'p', type: binding.type, data };
}

export async function authenticate(channel: SaslChannel, request: SaslRequest, policy: SaslPolicy = DEFAULT_POLICY): Promise<SaslOutcome> {
  const offered = offeredMechanisms(request.mechanisms);
  const choice = policy.choose({
    offered,
    serverProof: request.serverProof,
    previouslySucceeded: request.previousMechanism,
    channelBindings: request.channelBindings,
    availableBindings: request.tls === null ? [] : availableBindings(request.tls),
  });
  if (!choice.ok) {
    if (choice.reason === 'binding-lost') {
      const { previous, unbound, why } = choice;
      throw new MechanismDowngradeError(previous, offered, choice.message, { previous, unbound, why });
    }
    if (choice.reason === 'downgrade' && request.previousMechanism !== null) {
      throw new MechanismDowngradeError(request.previousMechanism, offered, choice.message);
    }
    if (choice.reason === 'plain-not-allowed') throw new AuthenticationError({ kind: 'plain-refused', offered, detail: choice.message });
    throw new AuthenticationError({ kind: 'no-usable-mechanism', offered, detail: choice.message });
  }

  let exchange: SaslExchange;
  let initial: Uint8Array | null;
  try {
    const context: ExchangeContext = { binding: gs2For(choice, request.tls), advertised: { mechanisms: offered, channelBindings: request.channelBindings } };
    exchange = policy.create(choice.mechanism, request.credentials, context);
    initial = exchange.initial();
  } catch (error) {
    // Preparing the credentials failed (e.g. SASLprep): nothing has been sent yet.
    if (error instanceof SaslError) throw new AuthenticationError({ kind: 'credentials-unusable', detail: error.message });
    throw error;
  }

  // RFC 6120 §6.4.2: a zero-length initial response is sent as "=", an absent one as no text at all.
  const auth = xml('auth', { xmlns: NS_SASL, mechanism: choice.mechanism });
  if (initial !== null) auth.t(initial.length === 0 ? '=' : encode(initial));
  await channel.send(auth);

  for (;;) {
    const element = await channel.receive();
    if (element.is('challenge', NS_SASL)) {
      const data = decodePayload(element.getText());
      if (data === null) return abort(channel, notProven('sent a login challenge that is not valid base64'));
      let answer: Uint8Array;
      try {
        answer = await exchange.challenge(data);
      } catch (error) {
        if (error instanceof SaslDowngradeError) return abort(channel, new MechanismDowngradeError(choice.mechanism, offered, error.message));
        return abort(channel, fromSaslError(error));
      }
      const response = xml('response', { xmlns: NS_SASL });
      if (answer.length > 0) response.t(encode(answer));
      await channel.send(response);
    } else if (element.is('success', NS_SASL)) {
      const text = element.getText().trim();
      // No text: no additional data; "=": additional data of zero length (RFC 6120 §6.4.6).
      const data = text === '' ? null : decodePayload(text);
      if (text !== '' && data === null) throw notProven('sent a login success that is not valid base64');
      try {
        exchange.success(data);
      } catch (error) {
        throw fromSaslError(error);
      }
      const channelBinding = choice.binding?.flag === 'p' ? choice.binding.type : null;
      return { mechanism: choice.mechanism, channelBinding, warning: choice.warning };
    } else if (element.is('failure', NS_SASL)) {
      throw rejected(element);
    } else {
      throw new SessionProtocolError(`unexpected <${element.name}/> during login`);
    }
  }
}

function encode(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

/** Strict base64 (a lenient decoder would let a malformed server message through); "=" is zero bytes. */
function decodePayload(text: string): Uint8Array | null {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === '=') return new Uint8Array(0);
  return decodePaddedBase64(trimmed);
}

function notProven(detail: string): AuthenticationError {
  return new AuthenticationError({ kind: 'server-not-proven', detail: `the server ${detail}` });
}

function fromSaslError(error: unknown): Error {
  if (error instanceof ScramServerError) {
    const wrongCredentials = error.code === 'invalid-proof' || error.code === 'unknown-user';
    return new AuthenticationError({
      kind: 'rejected',
      condition: wrongCredentials ? 'not-authorized' : error.code,
      serverText: `SCRAM error ${error.code}`,
    });
  }
  if (error instanceof SaslError) return new AuthenticationError({ kind: 'server-not-proven', detail: error.message });
  return error instanceof Error ? error : new Error(String(error));
}

function rejected(failure: Element): AuthenticationError {
  const condition = failure.getChildElements().find((child) => child.name !== 'text')?.name ?? 'not-authorized';
  const text = failure.getChildText('text')?.trim() || null;
  return new AuthenticationError({ kind: 'rejected', condition, serverText: text });
}

/** We end the exchange ourselves (RFC 6120 §6.4.4): say so, then fail with the reason. */
async function abort(channel: SaslChannel, error: Error): Promise<never> {
  await channel.send(xml('abort', { xmlns: NS_SASL })).catch(() => undefined);
  throw error;
}
