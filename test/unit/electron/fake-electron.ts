/**
 * Minimal stand-ins for the Electron objects the glue talks to. They record what the glue passes so the
 * tests can assert on the real window options and handlers (the glue is the code under test, not these).
 */
import { vi } from 'vitest';

type Listener = (...args: unknown[]) => void;

export class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }
  emit(event: string, ...args: unknown[]): void {
    for (const l of this.listeners.get(event) ?? []) l(...args);
  }
}

export class FakeSession extends FakeEmitter {
  devicePermissionHandler: ((details: unknown) => boolean) | null = null;
  bluetoothPairingHandler: ((details: unknown, callback: (response: { confirmed: boolean }) => void) => void) | null = null;
  spellCheckerEnabled: boolean | null = null;
  dictionaryDownloadUrl: string | null = null;
  setDevicePermissionHandler(h: FakeSession['devicePermissionHandler']) {
    this.devicePermissionHandler = h;
  }
  setBluetoothPairingHandler(h: FakeSession['bluetoothPairingHandler']) {
    this.bluetoothPairingHandler = h;
  }
  setSpellCheckerEnabled(enabled: boolean) {
    this.spellCheckerEnabled = enabled;
  }
  setSpellCheckerDictionaryDownloadURL(url: string) {
    this.dictionaryDownloadUrl = url;
  }
  permissionRequestHandler: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null = null;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null;
  headersListener: ((details: { responseHeaders?: Record<string, string[]> }, callback: (r: unknown) => void) => void) | null = null;
  setPermissionRequestHandler(h: FakeSession['permissionRequestHandler']) {
    this.permissionRequestHandler = h;
  }
  setPermissionCheckHandler(h: FakeSession['permissionCheckHandler']) {
    this.permissionCheckHandler = h;
  }
  webRequest = {
    onHeadersReceived: (l: FakeSession['headersListener']) => {
      this.headersListener = l;
    },
  };
}

export class FakeWebContents extends FakeEmitter {
  readonly session = new FakeSession();
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(h: FakeWebContents['windowOpenHandler']) {
    this.windowOpenHandler = h;
  }
}

export class FakeBrowserWindow extends FakeEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loadFile = vi.fn(async (_path: string) => undefined);
  readonly loadURL = vi.fn(async (_url: string) => undefined);
  readonly show = vi.fn();
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
}

export function preventableEvent(): { preventDefault: () => void; defaultPrevented: boolean } {
  const event = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

/** Records scheme registrations and the handlers given to protocol.handle, so a test can call them. */
export class FakeProtocol {
  readonly privileged: { scheme: string; privileges?: Record<string, boolean> }[] = [];
  readonly handlers = new Map<string, (request: Request) => Response | Promise<Response>>();
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges?: Record<string, boolean> }[]): void {
    this.privileged.push(...schemes);
  }
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
    this.handlers.set(scheme, handler);
  }
}

type StorageBackend = 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';

/**
 * safeStorage as each platform shows it: `backend` set plays Linux (where `getSelectedStorageBackend`
 * exists), null plays macOS and Windows (where it does not). Sealing is reversible but not plaintext, and
 * every call is recorded so tests can tell the asynchronous API from the deprecated synchronous one.
 */
export class FakeSafeStorage {
  readonly calls: string[] = [];
  shouldReEncrypt = false;
  readonly getSelectedStorageBackend?: () => StorageBackend;
  constructor(options: { backend: StorageBackend | null; available?: boolean }) {
    if (options.backend !== null) {
      const backend = options.backend;
      this.getSelectedStorageBackend = () => {
        this.calls.push('getSelectedStorageBackend');
        return backend;
      };
    }
    this.available = options.available ?? true;
  }
  private readonly available: boolean;
  isAsyncEncryptionAvailable = async (): Promise<boolean> => {
    this.calls.push('isAsyncEncryptionAvailable');
    return this.available;
  };
  encryptStringAsync = async (plain: string): Promise<Buffer> => {
    this.calls.push('encryptStringAsync');
    return Buffer.from(`sealed:${Buffer.from(plain, 'utf8').toString('hex')}`);
  };
  // The deprecated synchronous API, present as in Electron 45, so a cipher that still used it is caught.
  isEncryptionAvailable = (): boolean => {
    this.calls.push('isEncryptionAvailable');
    return this.available;
  };
  encryptString = (plain: string): Buffer => {
    this.calls.push('encryptString');
    return Buffer.from(`sealed:${Buffer.from(plain, 'utf8').toString('hex')}`);
  };
  decryptString = (data: Buffer): string => {
    this.calls.push('decryptString');
    return Buffer.from(data.toString().slice('sealed:'.length), 'hex').toString('utf8');
  };
  decryptStringAsync = async (data: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }> => {
    this.calls.push('decryptStringAsync');
    const text = data.toString();
    if (!text.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return { result: Buffer.from(text.slice('sealed:'.length), 'hex').toString('utf8'), shouldReEncrypt: this.shouldReEncrypt };
  };
}
