/**
 * One account's OMEMO key records from the app's key file: its sealed rows (sealed-keys.ts), or the file's problem
 * when it did not open, which keeps the account's OMEMO off (account-omemo.ts).
 */
import type { AccountId } from '../../../app/domain/account.js';
import type { KeyRecords } from '../../omemo/omemo-key-store.js';
import type { OmemoKeyFileProblem, OpenedOmemoKeyFile } from '../../store/omemo/omemo-key-file.js';
import { createSealedKeyRecords } from '../../store/omemo/sealed-keys.js';
import type { SecretCipher } from '../../store/password-vault.js';

export type AccountKeys = { readonly ok: true; readonly records: KeyRecords } | { readonly ok: false; readonly problem: OmemoKeyFileProblem };

export function accountKeysIn(file: OpenedOmemoKeyFile, account: AccountId, cipher: SecretCipher): AccountKeys {
  return file.ok ? { ok: true, records: createSealedKeyRecords({ db: file.db, account, cipher }) } : file;
}
