/**
 * The crash test's writer for the message database: stores archive pages of 20 messages, one transaction each,
 * as fast as it can, and prints "c <n>" after each committed page (n pages in all). It is killed at a random
 * moment; the test then opens the file with the app's own opener.
 */
import { openMessageDb } from '../../../main/store/messages/message-db.js';

const [file, startText] = process.argv.slice(2);
if (!file || !startText) throw new Error('usage: message-db-writer <file> <first page number>');
const db = openMessageDb({ file, now: () => new Date(), report: (p) => process.stderr.write(`problem ${p.kind}\n`) });
const PAGE = 20;
for (let page = Number(startText); ; page += 1) {
  const inputs = Array.from({ length: PAGE }, (_, i) => {
    const n = page * PAGE + i;
    return {
      message: {
        id: `m-${n}`,
        accountId: 'acc',
        peer: `peer${n % 7}@example.org`,
        direction: 'in' as const,
        body: `page ${page} line ${i} ${'text '.repeat(20)}`,
        at: new Date(1_700_000_000_000 + n * 1000).toISOString(),
        state: 'received' as const,
        stanzaId: null,
        originId: `o-${n}`,
        archiveId: `a-${n}`,
        carbon: false,
        error: null,
      },
      keys: [`origin-${n}`, `archive-${n}`],
    };
  });
  db.storeArchivePage('acc', inputs, `a-${page * PAGE + PAGE - 1}`);
  process.stdout.write(`c ${page}\n`);
}
