/**
 * `Pick` for each member of a union on its own. `Pick<TrustVerdict, 'verified' | 'method'>` would merge the
 * members into `{ verified: boolean; method: TrustMethod | null }`, which also allows "verified without a
 * method"; picking each member keeps the pairs that can really occur.
 */
export type PickEach<T, K extends keyof T> = T extends unknown ? { readonly [P in K]: T[P] } : never;
