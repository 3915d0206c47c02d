/**
 * Message carbons (XEP-0280): copies of our conversations held on our other devices.
 *
 * Security (XEP-0280 §11): a carbon is accepted only when the wrapping message comes from our own bare JID.
 * Anyone can send us a message containing a `<received>`/`<sent>` wrapper; without this check a stranger
 * could put words in any contact's mouth, or make us believe we said something.
 */
import { xml } from '@xmpp/xml';
import { guarded, ownJidOf, type FeatureDeps } from './feature-deps.js';
import { jidOrNull } from '../../../app/domain/address/jid.js';
import type { Messages } from './messages.js';
import { NS } from './namespaces.js';
import { forwardedMessage } from './parse-message.js';
import { attr, isStanza } from './stanza-read.js';

export interface CarbonsDeps extends Pick<FeatureDeps, 'link' | 'log'> {
  readonly messages: Pick<Messages, 'acceptCarbon'>;
}

export interface Carbons {
  /** Asks the server to send us carbons (rejects with StanzaError when it refuses). */
  enable(): Promise<void>;
  dispose(): void;
}

export function createCarbons({ link, log, messages }: CarbonsDeps): Carbons {
  const own = ownJidOf(link);

  const stopListening = link.onStanza(
    guarded('carbons', log, (stanza) => {
      if (!isStanza(stanza, 'message')) return;
      const received = stanza.getChildren('received', NS.carbons);
      const sent = stanza.getChildren('sent', NS.carbons);
      if (received.length + sent.length === 0) return;
      const fromText = attr(stanza, 'from');
      const ignore = (reason: string): void => log({ feature: 'carbons', reason, from: fromText });

      const from = jidOrNull(fromText);
      if (from === null || from.resource !== null || from.bare !== own.bare) return ignore('carbon not from our own bare JID');
      const [wrapper] = [...received, ...sent];
      if (received.length + sent.length !== 1 || wrapper === undefined) return ignore('carbon with several wrappers');
      const direction = received.length === 1 ? 'received' : 'sent';
      const forwarded = forwardedMessage(wrapper);
      if (forwarded === null) return ignore('carbon without exactly one forwarded message');

      // The copy must be about our account: sent by one of our devices, or addressed to us.
      const inner = forwarded.message;
      const party = jidOrNull(attr(inner, direction === 'sent' ? 'from' : 'to'));
      if (party !== null && party.bare !== own.bare) return ignore(`${direction} carbon of a message that is not ours`);
      if (party === null && direction === 'sent') return ignore('sent carbon without a sender');
      messages.acceptCarbon(inner, direction);
    }),
  );

  return {
    async enable() {
      await link.request(xml('iq', { type: 'set' }, xml('enable', { xmlns: NS.carbons })));
    },
    dispose: stopListening,
  };
}
