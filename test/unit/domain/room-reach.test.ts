import { describe, expect, it } from 'vitest';
import { roomReach } from '../../../app/domain/room-reach.js';

describe('how a room is reached', () => {
  it('a room on our own domain or a subdomain of it goes through our verified server', () => {
    expect(roomReach('alice@example.org', 'team@rooms.example.org')).toBe('own-server');
    expect(roomReach('alice@example.org', 'team@example.org')).toBe('own-server');
    expect(roomReach('alice@example.org', 'team@deep.rooms.example.org')).toBe('own-server');
  });

  it('compares canonical domains: case, a trailing dot and IDN spellings do not matter', () => {
    expect(roomReach('alice@Example.ORG', 'team@ROOMS.example.org')).toBe('own-server');
    expect(roomReach('alice@bücher.test', 'team@rooms.xn--bcher-kva.test')).toBe('own-server');
    expect(roomReach('alice@xn--bcher-kva.test', 'team@rooms.bücher.test')).toBe('own-server');
  });

  it('any other domain, look-alikes included, is reached by federation', () => {
    expect(roomReach('alice@example.org', 'team@rooms.example.net')).toBe('federated');
    expect(roomReach('alice@example.org', 'team@notexample.org')).toBe('federated');
    expect(roomReach('alice@example.org', 'team@example.org.evil.test')).toBe('federated');
    expect(roomReach('alice@rooms.example.org', 'team@example.org')).toBe('federated');
  });

  it('an address that does not parse is never our own server', () => {
    expect(roomReach('alice@example.org', 'not a jid@@')).toBe('federated');
    expect(roomReach('', 'team@rooms.example.org')).toBe('federated');
  });
});
