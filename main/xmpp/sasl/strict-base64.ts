/**
 * Base64 as RFC 5802's ABNF allows it (RFC 4648 alphabet, padded, no whitespace). Node's decoder accepts
 * almost anything (skips junk, tolerates missing padding), which would let a malformed server message pass
 * unnoticed; this one returns null unless the text is the one canonical encoding of its bytes.
 */
const SHAPE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function decodeStrictBase64(text: string): Uint8Array | null {
  if (!SHAPE.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  // Non-zero bits in the last character's unused padding bits decode fine but do not round-trip.
  if (bytes.toString('base64') !== text) return null;
  return new Uint8Array(bytes);
}
