import { useEffect, useState } from 'react';
import type { PasswordStorage } from '../../../app/domain/app-info.js';
import { useApi } from '../ApiContext.js';

/**
 * Whether "Remember password" can really store the password (encrypted by the OS key store) or only keep it
 * until the app quits, as the main process's password vault decides. Null until known, or when asking failed:
 * the form then words the option so it promises nothing either way.
 */
export function usePasswordStorage(): PasswordStorage | null {
  const api = useApi();
  const [storage, setStorage] = useState<PasswordStorage | null>(null);
  useEffect(() => {
    let live = true;
    api.getInfo().then(
      (result) => {
        if (live && result.ok) setStorage(result.value.passwordStorage);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api]);
  return storage;
}
