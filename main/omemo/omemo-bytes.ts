/**
 * The conversions between the shapes the Signal library speaks (ArrayBuffer, "binary" strings with one byte per
 * char code) and the Uint8Array the rest of OMEMO uses. Each one copies, so no caller shares memory with the library.
 */

export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return copy;
}

export function fromArrayBuffer(buffer: ArrayBuffer): Uint8Array {
  return new Uint8Array(buffer.slice(0));
}

/** The library's "binary" string (each char code one byte, as its `uint8ArrayToString` makes) to bytes. */
export function fromBinaryString(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'latin1'));
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.byteLength + b.byteLength);
  joined.set(a);
  joined.set(b, a.byteLength);
  return joined;
}
