import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { createAddresses, type Addresses } from '../../../app/domain/address/addresses.js';
import type { IdnaEngine } from '../../../app/domain/address/idna.js';
import { whenIdle } from './when-idle.js';

/*
 * The address model for what the window's first screen shows (names, avatars, the trust decision dialog). The
 * IDNA library behind it is about 200 KB of script that plain ASCII names never use, so it is not part of the
 * window's first bundle: the screen starts with a model that reads plain ASCII names only, the library is loaded
 * at the first idle moment after the first frame, and every component that asked for the model renders again
 * with the complete one. Until then a name with a non-ASCII domain shows as it came (the main process sends
 * addresses canonical, so that is its Unicode form; a domain from a certificate shows its A-labels).
 *
 * Screens loaded later (the settings, the account form) import the complete model from app/domain/address/
 * directly: the library comes with their own chunk.
 */

/** The model without the library: what the window starts with, and what components get outside a provider. */
const PLAIN_ASCII_ONLY = createAddresses(null);

const AddressesContext = createContext<Addresses>(PLAIN_ASCII_ONLY);

export interface AddressesProviderProps {
  /** Loads the IDNA library (a dynamic import in the window; the library itself in tests). */
  readonly loadEngine: () => Promise<IdnaEngine>;
  readonly children: ReactNode;
}

export function AddressesProvider({ loadEngine, children }: AddressesProviderProps) {
  const [addresses, setAddresses] = useState<Addresses>(PLAIN_ASCII_ONLY);
  useEffect(() => {
    let current = true;
    const cancel = whenIdle(() => {
      loadEngine().then(
        (engine) => {
          if (current) setAddresses(createAddresses(engine));
        },
        // A chunk that fails to load (a damaged install) leaves the plain-ASCII model: non-ASCII names keep the
        // form they came in, which is still the right address, only not prettified.
        (error: unknown) => console.warn('The address library did not load; names with non-ASCII domains show as they came.', error),
      );
    });
    return () => {
      current = false;
      cancel();
    };
  }, [loadEngine]);
  return <AddressesContext.Provider value={addresses}>{children}</AddressesContext.Provider>;
}

/** The address model: plain ASCII names only until the IDNA library has loaded, then every name. */
export function useAddresses(): Addresses {
  return useContext(AddressesContext);
}
