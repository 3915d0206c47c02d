import type { EncryptionChoice } from './use-encryption-choice.js';
import { ENCRYPT_SWITCH_LABEL } from './encryption-text.js';

/**
 * "Encrypt messages: On/Off" in the conversation header (issue 15): a switch (a button, so Tab and Space/Enter
 * reach it) for the person's choice in this conversation. On means encrypted whenever the contact can read it;
 * Off is confirmed in main's own dialog. A refusal is said beside it.
 */
export function EncryptionChoiceSwitch({ choice }: { readonly choice: EncryptionChoice }) {
  const on = choice.choice === 'default';
  return (
    <span className="encryption-choice">
      <button
        type="button"
        role="switch"
        aria-checked={on}
        className="button--small"
        disabled={choice.busy}
        onClick={() => void choice.choose(on ? 'plaintext' : 'default')}
        title={on ? 'New messages are encrypted whenever the contact can read them. Turning this off asks you first.' : 'Encryption is off here by your choice. Turn it on to encrypt new messages again.'}
        data-testid="encryption-choice"
      >
        {ENCRYPT_SWITCH_LABEL}: {on ? 'On' : 'Off'}
      </button>
      {choice.error ? (
        <span role="alert" className="error-text">
          {choice.error}
        </span>
      ) : null}
    </span>
  );
}
