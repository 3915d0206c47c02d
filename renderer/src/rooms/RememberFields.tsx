import { CheckboxField } from '../common/TextField.js';

export interface RememberChoice {
  readonly remember: boolean;
  readonly autojoin: boolean;
}

export const NOT_REMEMBERED: RememberChoice = { remember: false, autojoin: false };

/** "Remember this room" (a bookmark, shared with the account's other apps) and "Join at start" (its autojoin). */
export function RememberFields({ value, onChange }: { readonly value: RememberChoice; readonly onChange: (value: RememberChoice) => void }) {
  return (
    <>
      <CheckboxField label="Remember this room" checked={value.remember} onChange={(remember) => onChange({ remember, autojoin: remember && value.autojoin })} />
      {value.remember ? (
        <CheckboxField label="Join at start" checked={value.autojoin} onChange={(autojoin) => onChange({ ...value, autojoin })} hint="Joined each time Hostproof starts, here and in your other chat apps that read bookmarks." />
      ) : null}
    </>
  );
}
