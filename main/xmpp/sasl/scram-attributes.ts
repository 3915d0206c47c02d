/**
 * The attribute syntax shared by every SCRAM message (RFC 5802 §5 and §7): `a=value` pairs separated by
 * commas, the name one ASCII letter. This only splits; which attributes may appear where is checked by the
 * message parsers.
 */
export interface ScramAttribute {
  readonly name: string;
  readonly value: string;
}

/** The attribute names RFC 5802 defines. Any other letter is an extension. */
export const DEFINED_ATTRIBUTE_NAMES: ReadonlySet<string> = new Set(['a', 'n', 'm', 'r', 'c', 's', 'i', 'p', 'v', 'e']);

const ATTRIBUTE = /^([A-Za-z])=(.*)$/s;

/** Splits `message` into attributes, or returns null when any part is not `letter=value`. */
export function splitAttributes(message: string): ScramAttribute[] | null {
  const attributes: ScramAttribute[] = [];
  for (const part of message.split(',')) {
    const match = ATTRIBUTE.exec(part);
    if (!match) return null;
    attributes.push({ name: match[1] ?? '', value: match[2] ?? '' });
  }
  return attributes;
}

/**
 * RFC 5802 `value`: one or more UTF-8 characters other than NUL and ",". Extensions we do not know must at
 * least have this shape.
 */
export const isValidExtensionValue = (value: string): boolean => value.length > 0 && !value.includes('\0');

/** RFC 5802 `printable`: %x21-2B / %x2D-7E, i.e. visible ASCII without ",". The shape of every nonce. */
export const isPrintableNonce = (value: string): boolean => /^[\x21-\x2b\x2d-\x7e]+$/.test(value);
