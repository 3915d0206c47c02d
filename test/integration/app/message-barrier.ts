/**
 * A barrier instead of a sleep, for showing that something did NOT happen. `from` sends a marker message and
 * the call resolves once every client in `at` has received it. The server delivers one sender's stanzas in
 * order, so anything `from`'s earlier stanzas caused at those clients (a duplicate, say) has arrived by then;
 * what has not arrived is not coming.
 */
import { randomUUID } from 'node:crypto';
import type { ChatClient } from './chat-client.js';

export async function messageBarrier(from: Pick<ChatClient, 'call' | 'accountId'>, to: string, at: ReadonlyArray<Pick<ChatClient, 'mark' | 'next'>>): Promise<void> {
  const marker = `barrier ${randomUUID()}`;
  const marks = at.map((client) => client.mark());
  await from.call('sendMessage', { accountId: from.accountId, to, body: marker });
  await Promise.all(at.map((client, i) => client.next('messageReceived', (m) => m.body === marker, { after: marks[i] })));
}
