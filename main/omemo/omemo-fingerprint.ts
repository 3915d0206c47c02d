/**
 * A device's fingerprint as Conversations, Dino, Gajim and Monal show it, so people can compare them: the identity
 * key's 32 bytes without the 0x05 type byte, lower-case hex in 8 groups of 8. And the `xmpp:` URI Conversations
 * puts in its QR code to verify devices by scanning:
 *   xmpp:user@example.org?omemo-sid-<device id>=<64 hex>;omemo-sid-<device id>=<64 hex>
 */
import { parseBareJid } from '../../app/domain/address/jid.js';
import { OmemoError } from './omemo-error.js';
import { MAX_DEVICE_ID, type DeviceId } from './omemo-types.js';

const RAW_KEY_BYTES = 32;
const HEX = /^[0-9a-f]{64}$/;
const OMEMO_PARAM = 'omemo-sid-';
const DEVICE_ID = /^[1-9][0-9]{0,9}$/;

/** The fingerprint without spaces: 64 lower-case hex digits. */
export function fingerprintHex(identityKey: Uint8Array): string {
  const raw = identityKey.byteLength === RAW_KEY_BYTES + 1 && identityKey[0] === 0x05 ? identityKey.subarray(1) : null;
  if (raw === null) throw new OmemoError('invalid-input', `An identity key is 33 bytes starting with 0x05; this one is ${identityKey.byteLength} bytes.`);
  return Buffer.from(raw).toString('hex');
}

/** "05ab…" → "abcdef01 23456789 … (8 groups)". */
export function fingerprintOf(identityKey: Uint8Array): string {
  return fingerprintHex(identityKey).match(/.{8}/g)!.join(' ');
}

export interface DeviceFingerprint {
  readonly deviceId: DeviceId;
  /** 64 lower-case hex digits, no spaces (fingerprintHex). */
  readonly fingerprint: string;
}

export interface FingerprintUri {
  /** The bare JID, canonical. */
  readonly jid: string;
  readonly devices: readonly DeviceFingerprint[];
}

function deviceIdOf(text: string): DeviceId | null {
  if (!DEVICE_ID.test(text)) return null;
  const id = Number(text);
  return id <= MAX_DEVICE_ID ? id : null;
}

/** RFC 5122: the JID percent-encoded where a URI needs it (the "@" stays readable, as Conversations writes it). */
function encodeJid(jid: string): string {
  return encodeURIComponent(jid).replace(/%40/g, '@');
}

export function buildFingerprintUri(jid: string, devices: readonly DeviceFingerprint[]): string {
  const parsed = parseBareJid(jid);
  if (!parsed.ok || parsed.value.bare !== jid) throw new OmemoError('invalid-input', `Not a canonical bare JID: ${jid}.`);
  const seen = new Set<number>();
  const params = devices.map(({ deviceId, fingerprint }) => {
    if (deviceIdOf(String(deviceId)) === null) throw new OmemoError('invalid-input', `Not an OMEMO device id: ${deviceId}.`);
    if (!HEX.test(fingerprint)) throw new OmemoError('invalid-input', 'A fingerprint is 64 lower-case hex digits.');
    if (seen.has(deviceId)) throw new OmemoError('invalid-input', `Device ${deviceId} is listed twice.`);
    seen.add(deviceId);
    return `${OMEMO_PARAM}${deviceId}=${fingerprint}`;
  });
  const base = `xmpp:${encodeJid(jid)}`;
  return params.length === 0 ? base : `${base}?${params.join(';')}`;
}

const malformed = (why: string) => new OmemoError('malformed-uri', `Not an xmpp: address with OMEMO fingerprints: ${why}.`);

/**
 * The JID and device fingerprints of an `xmpp:` URI. Other query parameters (an action such as `message`, or
 * `body=…`) are left aside; a malformed `omemo-sid-` parameter, a device listed twice, a JID that is not a bare
 * JID, an authority (`xmpp://`) or a fragment refuse the whole URI.
 */
export function parseFingerprintUri(uri: string): FingerprintUri {
  const scheme = uri.slice(0, 5);
  if (scheme.toLowerCase() !== 'xmpp:') throw malformed('it does not start with xmpp:');
  const rest = uri.slice(5);
  if (rest.startsWith('//')) throw malformed('it names an authority (xmpp://), not an address');
  if (rest.includes('#')) throw malformed('it has a fragment');
  const question = rest.indexOf('?');
  const encodedJid = question === -1 ? rest : rest.slice(0, question);
  let jidText: string;
  try {
    jidText = decodeURIComponent(encodedJid);
  } catch {
    throw malformed('the address has a broken %-escape');
  }
  const jid = parseBareJid(jidText);
  if (!jid.ok || jidText.trim() !== jidText) throw malformed(`"${encodedJid}" is not a chat address (name@domain)`);

  const devices: DeviceFingerprint[] = [];
  if (question !== -1) {
    for (const item of rest.slice(question + 1).split(';')) {
      if (item === '') throw malformed('the query has an empty part');
      const equals = item.indexOf('=');
      const name = (equals === -1 ? item : item.slice(0, equals)).toLowerCase();
      if (!name.startsWith(OMEMO_PARAM)) continue;
      const deviceId = deviceIdOf(name.slice(OMEMO_PARAM.length));
      if (deviceId === null) throw malformed(`"${name}" does not name a device id in 1…${MAX_DEVICE_ID}`);
      const fingerprint = equals === -1 ? '' : item.slice(equals + 1).toLowerCase();
      if (!HEX.test(fingerprint)) throw malformed(`the fingerprint of device ${deviceId} is not 64 hex digits`);
      if (devices.some((device) => device.deviceId === deviceId)) throw malformed(`device ${deviceId} is listed twice`);
      devices.push({ deviceId, fingerprint });
    }
  }
  return { jid: jid.value.bare, devices };
}
