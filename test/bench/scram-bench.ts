/**
 * SCRAM-SHA-1 client work at realistic iteration counts: Hostproof's exchange (crypto.pbkdf2) against the
 * pure-JavaScript mechanism @xmpp/client ships. Both compute the client proof for the same server-first.
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { createExchange } from '../../main/xmpp/sasl/create-exchange.js';
import type { BenchScale } from './bench-scale.js';
import type { Comparison } from './compare.js';

const require = createRequire(import.meta.url);
const XmppJsScramSha1 = require('sasl-scram-sha-1') as new () => {
  response(cred: { username: string; password: string }): string | Promise<string>;
  challenge(chal: string): unknown;
};

const credentials = { username: 'alice', password: 'correct horse battery staple' };
const salt = randomBytes(16).toString('base64');

export function scramComparisons(scale: BenchScale): Comparison[] {
  return [4096, 10_000].map((iterations) => ({
    title: `SCRAM-SHA-1 client proof at ${iterations} iterations`,
    benchmark: 'scram',
    label: `SCRAM-SHA-1 proof, ${iterations.toLocaleString('en-GB')} iterations`,
    alternatives: [
      {
        name: 'Hostproof (crypto.pbkdf2)',
        iterations: scale.scramSamples,
        run: async () => {
          const exchange = createExchange('SCRAM-SHA-1', credentials);
          const first = Buffer.from(exchange.initial() ?? new Uint8Array()).toString('utf8');
          const cnonce = /r=([^,]+)/.exec(first)?.[1] ?? '';
          await exchange.challenge(Buffer.from(`r=${cnonce}server,s=${salt},i=${iterations}`));
        },
      },
      {
        name: '@xmpp/client 0.14 (pure JavaScript)',
        iterations: Math.min(3, scale.scramSamples),
        run: async () => {
          const mechanism = new XmppJsScramSha1();
          const first = await mechanism.response(credentials);
          const cnonce = /r=([^,]+)/.exec(first)?.[1] ?? '';
          mechanism.challenge(`r=${cnonce}server,s=${salt},i=${iterations}`);
          await mechanism.response(credentials);
        },
      },
    ],
  }));
}
