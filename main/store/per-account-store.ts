/**
 * What removing an account means for storage. Every store that keeps something per account implements
 * `PerAccountStore`, and the removal path calls one `forget` built from all of them (app-stores.ts), so a
 * store added later is forgotten by joining that list, not by new wiring in the services.
 */
import type { AccountId } from '../../app/domain/account.js';
import type { VersionedJsonFile } from './versioned-json-file.js';

export interface PerAccountStore {
  /** Drops everything the store keeps about the account; an account it knows nothing of is not an error. */
  forget(accountId: AccountId): Promise<void>;
}

/**
 * One store that forgets in each of `stores`. Every store is asked even when one fails, so a damaged file
 * does not leave the others holding the account's data; then the first failure is thrown, so the caller keeps
 * the account listed and the user can try the removal again.
 */
export function forgetInEvery(stores: readonly PerAccountStore[]): PerAccountStore {
  return {
    async forget(accountId) {
      const results = await Promise.allSettled(stores.map((store) => store.forget(accountId)));
      const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
      if (failed) throw failed.reason;
    },
  };
}

/** `forget` of a store that keeps one value per account in a versioned JSON object keyed by account id. */
export function forgetKeyIn<T>(file: VersionedJsonFile<Record<string, T>>): PerAccountStore['forget'] {
  return async (accountId) => {
    await file.update((all) => {
      // The very same object tells the file there is nothing to write.
      if (!Object.hasOwn(all, accountId)) return all;
      const rest = { ...all };
      delete rest[accountId];
      return rest;
    });
  };
}
