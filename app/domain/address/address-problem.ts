/**
 * Why a string is not a usable address, as a typed kind (for code) and plain words (for people). The words
 * are written for the account form; the command line and the main process show the same ones.
 */
export type AddressProblemKind =
  | 'empty'
  | 'has-space'
  | 'has-resource'
  | 'missing-local'
  | 'missing-domain'
  | 'invalid-local'
  | 'invalid-domain'
  | 'invalid-resource'
  | 'ip-literal'
  | 'too-long';

export interface AddressProblem {
  readonly kind: AddressProblemKind;
  readonly message: string;
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: AddressProblem };

export function problem(kind: AddressProblemKind, message: string): { readonly ok: false; readonly problem: AddressProblem } {
  return { ok: false, problem: { kind, message } };
}

/**
 * Makes a string from a certificate, a server or a user safe to quote in a message: control characters and
 * bidi overrides (which can make "moc.elpmaxe" display as "example.com") are shown as \u escapes.
 */
export function printable(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (ch) =>
    `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
