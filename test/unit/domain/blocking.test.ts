import { describe, expect, it } from 'vitest';
import { blockAddressOrNull, blockingEntry, isBlockedBy } from '../../../app/domain/blocking-rules.js';

describe('what a blocked address is', () => {
  it('takes a chat address or a whole domain, canonical, and nothing with a resource', () => {
    expect(blockAddressOrNull(' Romeo@Example.NET ')).toBe('romeo@example.net');
    expect(blockAddressOrNull('Spam.Example')).toBe('spam.example');
    expect(blockAddressOrNull('romeo@example.net/balcony')).toBeNull();
    expect(blockAddressOrNull('')).toBeNull();
    expect(blockAddressOrNull('a@b@c')).toBeNull();
  });

  it('blocks by bare JID, by whole domain, or by the very resource the list names', () => {
    const list = new Set(['romeo@example.net', 'spam.example', 'nurse@verona.example/kitchen']);
    expect(blockingEntry(list, 'romeo@example.net/balcony')).toBe('romeo@example.net');
    expect(blockingEntry(list, 'juliet@spam.example')).toBe('spam.example');
    expect(blockingEntry(list, 'spam.example')).toBe('spam.example');
    expect(blockingEntry(list, 'nurse@verona.example/kitchen')).toBe('nurse@verona.example/kitchen');
    expect(isBlockedBy(list, 'nurse@verona.example/garden')).toBe(false);
    expect(isBlockedBy(list, 'x@mail.spam.example')).toBe(false);
    expect(isBlockedBy(list, 'not a jid@@')).toBe(false);
    expect(isBlockedBy(new Set(), 'romeo@example.net')).toBe(false);
  });
});
