/**
 * The trust center's "Extra certificate authorities" (posh.md §3, issue 9 item 6). Adding one is a trust
 * change the main process owns from end to end: the window only asks "add a CA"; main opens the native file
 * dialog itself, reads and checks the file (main/trust/ca-file.ts), shows its own confirmation with each
 * authority's subject, issuer, validity and fingerprint, and stores the certificates only after "yes".
 * Removing one is confirmed in main too; listing changes nothing.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ExtraCaView } from '../../app/domain/extra-ca.js';
import type { ConfirmTrustChange } from '../../app/domain/trust-change.js';
import { UserFacingError } from '../ipc/handlers.js';
import type { ExtraCaStore } from '../store/extra-ca-store.js';
import { CaFileError, MAX_CA_FILE_BYTES, parseCaFile } from '../trust/ca-file.js';
import { NOT_CONFIRMED } from './accounts-service.js';

/** The native open-file dialog, shown by main: the chosen file's path, or null when the person cancelled. */
export type PickCaFile = () => Promise<string | null>;

export interface ExtraCaService {
  list(): Promise<readonly ExtraCaView[]>;
  /** The authorities added; empty when the person closed the file dialog without choosing a file. */
  add(): Promise<readonly ExtraCaView[]>;
  remove(sha256: string): Promise<void>;
}

export interface ExtraCaDeps {
  readonly store: ExtraCaStore;
  readonly confirm: ConfirmTrustChange;
  readonly pickFile: PickCaFile;
  readonly now: () => Date;
}

export function createExtraCaService(deps: ExtraCaDeps): ExtraCaService {
  return {
    list: () => deps.store.list(),

    async add() {
      const path = await deps.pickFile();
      if (path === null) return [];
      const now = deps.now();
      let authorities;
      try {
        authorities = parseCaFile(await readBounded(path), now);
      } catch (error) {
        if (error instanceof CaFileError) throw new UserFacingError(`${basename(path)} cannot be added. ${error.message}`);
        throw error;
      }
      const known = new Set((await deps.store.list()).map((ca) => ca.sha256));
      const fresh = authorities.filter((ca) => !known.has(ca.sha256));
      if (fresh.length === 0) throw new UserFacingError(`${basename(path)}: ${authorities.length > 1 ? 'these authorities are' : 'this authority is'} already trusted.`);
      const facts = fresh.map(({ subject, issuer, notBefore, notAfter, sha256 }) => ({ subject, issuer, notBefore, notAfter, sha256 }));
      if (!(await deps.confirm({ kind: 'add-ca', file: basename(path), authorities: facts }))) throw new UserFacingError(NOT_CONFIRMED);
      return deps.store.add(fresh, now.toISOString());
    },

    async remove(sha256) {
      const authority = (await deps.store.list()).find((ca) => ca.sha256 === sha256);
      if (authority === undefined) throw new UserFacingError('That certificate authority is not in the list.');
      const { subject, issuer, notBefore, notAfter } = authority;
      if (!(await deps.confirm({ kind: 'remove-ca', authority: { subject, issuer, notBefore, notAfter, sha256 } }))) throw new UserFacingError(NOT_CONFIRMED);
      await deps.store.remove(sha256);
    },
  };
}

/**
 * Reads at most one byte more than a CA file may have, so a huge (or endless: a FIFO, /dev/zero) file is
 * refused by size without being read into memory. Only regular files are read.
 */
async function readBounded(path: string): Promise<Uint8Array> {
  let handle;
  try {
    // Non-blocking, so choosing a FIFO cannot hang the open; a regular file reads the same either way.
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new UserFacingError(`${basename(path)} could not be opened (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  try {
    if (!(await handle.stat()).isFile()) throw new UserFacingError(`${basename(path)} is not a file.`);
    const buffer = Buffer.alloc(MAX_CA_FILE_BYTES + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return new Uint8Array(buffer.subarray(0, filled));
  } finally {
    await handle.close();
  }
}
