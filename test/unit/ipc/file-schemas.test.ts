import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '../../../app/domain/files.js';
import { fileRequestSchemas } from '../../../app/ipc/file-contract.js';

const ACCOUNT = '5b0c8b4e-5b43-4c36-9b5b-2b6f0e7b1c11';
const dropped = (name: string, bytes: Uint8Array = new Uint8Array([1])) =>
  fileRequestSchemas.sendDroppedFile.safeParse({ accountId: ACCOUNT, to: 'bob@example.org', transferId: 't-1', name, bytes }).success;

describe('a dropped file, as the window may send it (issue 14)', () => {
  it('takes a file name with spaces and accents', () => {
    expect(dropped('Notes for Zoë (final).txt')).toBe(true);
  });

  it('refuses anything that names a folder, a path or hides control characters', () => {
    for (const name of ['../escape.txt', 'a/b.txt', 'C:\\Windows\\x.dll', '.', '..', '', 'bell\u0007.txt', 'line\nbreak.txt', 'del\u007f.txt', 'x'.repeat(256)]) {
      expect(dropped(name), JSON.stringify(name)).toBe(false);
    }
  });

  it('refuses no bytes, too many bytes, and bytes that are not bytes', () => {
    expect(dropped('empty.txt', new Uint8Array())).toBe(false);
    expect(dropped('huge.bin', new Uint8Array(MAX_FILE_BYTES + 1))).toBe(false);
    expect(fileRequestSchemas.sendDroppedFile.safeParse({ accountId: ACCOUNT, to: 'bob@example.org', transferId: 't-1', name: 'a.txt', bytes: [1, 2, 3] }).success).toBe(false);
  });
});
