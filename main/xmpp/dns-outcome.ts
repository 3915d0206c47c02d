/**
 * One DNS query's outcome. Only NXDOMAIN (ENOTFOUND) and NODATA (ENODATA) mean "there is no such record";
 * anything else (SERVFAIL, timeout, refused, malformed answer) means "we do not know".
 */
export type DnsOutcome<T> =
  | { readonly kind: 'answer'; readonly value: T }
  | { readonly kind: 'no-record' }
  | { readonly kind: 'failed'; readonly code: string };

export async function queryOutcome<T>(query: () => Promise<T>): Promise<DnsOutcome<T>> {
  try {
    return { kind: 'answer', value: await query() };
  } catch (error) {
    const code = errorCode(error);
    return code === 'ENOTFOUND' || code === 'ENODATA' ? { kind: 'no-record' } : { kind: 'failed', code };
  }
}

function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return 'EUNKNOWN';
}
