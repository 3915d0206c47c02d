import { describe, expect, it } from 'vitest';
import { createExchange } from '../../../../main/xmpp/sasl/create-exchange.js';
import { SaslError, type MechanismName } from '../../../../main/xmpp/sasl/mechanism.js';

const credentials = { username: 'user', password: 'pencil' };
const text = (data: Uint8Array | null): string => (data === null ? '<null>' : new TextDecoder().decode(data));

describe('createExchange', () => {
  it.each(['SCRAM-SHA-256', 'SCRAM-SHA-1', 'PLAIN'] as const)('builds an exchange for %s', (mechanism: MechanismName) => {
    expect(createExchange(mechanism, credentials).mechanism).toBe(mechanism);
  });

  it('starts SCRAM with a gs2 header without channel binding and the user name', () => {
    for (const mechanism of ['SCRAM-SHA-256', 'SCRAM-SHA-1'] as const) {
      expect(text(createExchange(mechanism, credentials).initial())).toMatch(/^n,,n=user,r=[\x21-\x2b\x2d-\x7e]+$/);
    }
  });

  it('starts PLAIN with the credentials', () => {
    expect(text(createExchange('PLAIN', credentials).initial())).toBe('\0user\0pencil');
  });

  it('passes on the SASLprep refusal of unusable credentials', () => {
    expect(() => createExchange('SCRAM-SHA-256', { username: 'user', password: 'a\u0000b' })).toThrow(SaslError);
  });
});
