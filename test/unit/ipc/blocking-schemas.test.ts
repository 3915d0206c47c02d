import { describe, expect, it } from 'vitest';
import { requestSchemas } from '../../../app/ipc/contract.js';

const accountId = '5b0c8b4e-5b43-4c36-9b5b-2b6f0e7b1c11';

describe('the blocking requests’ schemas', () => {
  it('take a chat address or a whole domain, in canonical form', () => {
    expect(requestSchemas.block.parse({ accountId, address: 'Bob@Example.ORG' })).toEqual({ accountId, address: 'bob@example.org' });
    expect(requestSchemas.unblock.parse({ accountId, address: 'Spam.Example' })).toEqual({ accountId, address: 'spam.example' });
  });

  it('refuse a resource, garbage, an over-long address and extra fields', () => {
    for (const address of ['bob@example.org/phone', '', 'a@b@c', `${'a'.repeat(3100)}@example.org`]) {
      expect(requestSchemas.block.safeParse({ accountId, address }).success).toBe(false);
    }
    expect(requestSchemas.block.safeParse({ accountId, address: 'bob@example.org', everyone: true }).success).toBe(false);
    expect(requestSchemas.listBlocked.safeParse({ accountId: 'not-a-uuid' }).success).toBe(false);
  });
});
