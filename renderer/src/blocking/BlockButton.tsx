import { useState } from 'react';
import { BlockDialog } from './BlockDialog.js';

interface BlockButtonProps {
  readonly address: string;
  readonly name: string;
  readonly block: (address: string) => Promise<string | null>;
}

/** "Block…" for one contact (conversation header, contact list), confirmed in a dialog that names them. */
export function BlockButton({ address, name, block }: BlockButtonProps) {
  const [asking, setAsking] = useState(false);
  return (
    <>
      <button type="button" className="button--small button--danger" onClick={() => setAsking(true)} data-testid="block-contact" aria-label={`Block ${name}`}>
        Block…
      </button>
      {asking ? <BlockDialog address={address} name={name} block={block} onClose={() => setAsking(false)} /> : null}
    </>
  );
}
