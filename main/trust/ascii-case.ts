/**
 * Case folding for names in certificates. dNSName and SRVName are IA5Strings (ASCII A-labels): only A-Z are
 * folded, because `String#toLowerCase` turns some non-ASCII letters into ASCII ones (U+212A KELVIN SIGN → "k"),
 * which would let a malformed name match a real one.
 */
export function asciiLowerCase(value: string): string {
  return value.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}
