/**
 * A minimal, strict reader for one DER tag-length-value. Certificates come from the network, so every length
 * is checked against the bytes actually there; indefinite lengths (BER only) are refused.
 */
export interface Tlv {
  readonly tag: number;
  /** Offset of the first content byte. */
  readonly contentStart: number;
  /** Offset just past the last content byte (and so past the whole TLV). */
  readonly end: number;
}

/** Reads the TLV starting at `offset`, or answers null when the bytes do not hold a complete one. */
export function readTlv(bytes: Uint8Array, offset = 0): Tlv | null {
  const tag = bytes[offset];
  const first = bytes[offset + 1];
  if (tag === undefined || first === undefined) return null;
  // Multi-byte tags (low bits all set) never occur in the structures read here.
  if ((tag & 0x1f) === 0x1f) return null;

  let length: number;
  let contentStart: number;
  if (first < 0x80) {
    length = first;
    contentStart = offset + 2;
  } else {
    const lengthBytes = first & 0x7f;
    // 0 would be BER's indefinite length; more than 4 bytes is far beyond anything a certificate needs.
    if (lengthBytes === 0 || lengthBytes > 4) return null;
    length = 0;
    for (let i = 0; i < lengthBytes; i += 1) {
      const b = bytes[offset + 2 + i];
      if (b === undefined) return null;
      length = length * 256 + b;
    }
    contentStart = offset + 2 + lengthBytes;
  }
  const end = contentStart + length;
  return end <= bytes.length ? { tag, contentStart, end } : null;
}

export const DER_TAG = { sequence: 0x30, utf8String: 0x0c, ia5String: 0x16 } as const;

/**
 * Decodes a value that must be exactly one string TLV of the given tag: UTF8String (strict UTF-8) or
 * IA5String (7-bit ASCII). Null when it is anything else.
 */
export function decodeDerString(bytes: Uint8Array, tag: typeof DER_TAG.utf8String | typeof DER_TAG.ia5String): string | null {
  const tlv = readTlv(bytes);
  if (tlv === null || tlv.tag !== tag || tlv.end !== bytes.length) return null;
  const content = bytes.subarray(tlv.contentStart, tlv.end);
  // ASCII is a subset of UTF-8, so one strict decoder serves both once IA5's 7-bit rule is checked.
  if (tag === DER_TAG.ia5String && content.some((b) => b > 0x7f)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(content);
  } catch {
    return null;
  }
}
