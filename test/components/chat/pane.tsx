import { ConversationPane } from '../../../renderer/src/chat/ConversationPane.js';
import { accountView } from '../fixtures/accounts.js';
import { PEER } from '../fixtures/messages.js';

/** The open conversation with bob on the fixture account, as the shell shows it. */
export function BobPane() {
  return <ConversationPane account={accountView({ stage: 'offline' })} peer={PEER} name="Bob" presence={undefined} showAccount={false} onOpenSecurity={() => undefined} />;
}
