/** What one account's OMEMO uses of the session's PEP client (omemo-pep.ts): everything but its disposal, which the session's owner does. */
import type { OmemoPep } from '../../xmpp/features/omemo/omemo-pep.js';

export type OmemoPepClient = Omit<OmemoPep, 'dispose'>;
