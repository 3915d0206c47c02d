import { useState } from 'react';
import { ConfirmDialog } from '../common/ConfirmDialog.js';

interface BlockDialogProps {
  /** The address (or domain) to block, as main will block it. */
  readonly address: string;
  /** The contact's name when it differs from the address, so the person sees whom they block. */
  readonly name?: string;
  readonly block: (address: string) => Promise<string | null>;
  readonly onClose: () => void;
}

/** "Block …?": names who (by name and address) and what it does; Cancel is the default. */
export function BlockDialog({ address, name, block, onClose }: BlockDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const isDomain = !address.includes('@');
  const who = name !== undefined && name !== address ? `${name} (${address})` : address;
  const confirm = async () => {
    setBusy(true);
    const why = await block(address);
    setBusy(false);
    if (why === null) onClose();
    else setError(why);
  };
  return (
    <ConfirmDialog
      title={isDomain ? `Block everyone at ${address}?` : `Block ${who}?`}
      description={
        <p>
          {isDomain ? 'Nobody with an address at this domain' : 'They'} will no longer be able to send you messages, see when you are online, or ask to
          see it. Your server blocks them on all your devices. You can unblock them later in Settings, Blocked.
        </p>
      }
      confirmLabel="Block"
      busy={busy}
      error={error}
      onConfirm={() => void confirm()}
      onCancel={onClose}
      testId="block-confirm"
    />
  );
}
