/**
 * The account's own picture in settings (issue 14: avatars): shown as contacts see it, "Change picture" to
 * pick a file and "Remove picture". The window only reads the chosen file's bytes and hands them over; main checks
 * that they are a picture, makes them at most 192x192 and publishes them (XEP-0084, and the vCard for older
 * clients). Needs the account online, as publishing goes to the server.
 */
import { useId, useRef, useState } from 'react';
import type { AccountView } from '../../../app/domain/account.js';
import { MAX_OWN_AVATAR_INPUT_BYTES } from '../../../app/domain/avatars.js';
import { useApi } from '../ApiContext.js';
import { Avatar } from '../common/Avatar.js';
import { useAvatarPicture } from '../common/avatar-pictures.js';
import { ErrorText } from '../common/ErrorText.js';
import { request } from '../common/ipc.js';

const PICTURE_TYPES = 'image/png,image/jpeg,image/gif,image/webp';

/** base64 of the bytes, in slices so a large file does not overflow the argument list. */
function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

export function OwnAvatar({ account }: { readonly account: AccountView }) {
  const api = useApi();
  const id = useId();
  const { settings } = account;
  const picture = useAvatarPicture(settings.id, settings.jid);
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const online = account.connection.stage === 'online';

  const run = async (work: () => Promise<{ ok: boolean; message?: string }>) => {
    setBusy(true);
    setError(null);
    const result = await work();
    setBusy(false);
    if (!result.ok) setError(result.message ?? 'That did not work.');
  };

  const chosen = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_OWN_AVATAR_INPUT_BYTES) {
      setError('That picture is too big. Choose one under 8 MB.');
      return;
    }
    const image = toBase64(new Uint8Array(await file.arrayBuffer()));
    await run(() => request(() => api.setOwnAvatar({ accountId: settings.id, image })));
  };

  return (
    <section className="own-avatar" aria-labelledby={`${id}-title`} data-testid="own-avatar">
      <h3 id={`${id}-title`} className="section-title">
        Your picture
      </h3>
      <div className="own-avatar__row">
        <Avatar name={settings.jid} address={settings.jid} size="large" picture={picture} />
        <div className="toolbar">
          <button type="button" disabled={!online || busy} onClick={() => input.current?.click()}>
            Change picture…
          </button>
          <button type="button" disabled={!online || busy || picture === null} onClick={() => void run(() => request(() => api.removeOwnAvatar({ accountId: settings.id })))}>
            Remove picture
          </button>
          <input
            ref={input}
            type="file"
            accept={PICTURE_TYPES}
            hidden
            aria-label="Picture file"
            data-testid="own-avatar-file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              void chosen(file);
            }}
          />
        </div>
      </div>
      <p className="note">{online ? 'Your contacts see this picture next to your name.' : 'Connect this account to change its picture.'}</p>
      <ErrorText message={error} />
    </section>
  );
}
