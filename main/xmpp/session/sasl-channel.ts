/** The SASL side of one stream: every element in the SASL namespace, in order, for one login. */
import type { Element } from '@xmpp/xml';
import { NS_SASL, type SaslChannel } from './sasl-negotiation.js';
import type { SessionClient } from './session-client.js';

export function saslChannel(entity: SessionClient): SaslChannel & { close(): void } {
  const queue: Element[] = [];
  let waiting: ((element: Element) => void) | null = null;
  const onNonza = (element: Element) => {
    if (element.getNS() !== NS_SASL) return;
    if (waiting) {
      const deliver = waiting;
      waiting = null;
      deliver(element);
    } else {
      queue.push(element);
    }
  };
  entity.on('nonza', onNonza);
  return {
    send: (element) => entity.send(element),
    receive: () => {
      const next = queue.shift();
      return next ? Promise.resolve(next) : new Promise<Element>((resolve) => (waiting = resolve));
    },
    close: () => entity.off('nonza', onNonza),
  };
}
