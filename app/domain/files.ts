/**
 * Shared files and pictures (issue 14: XEP-0363 uploads, XEP-0066 links): what the window and main say about
 * them. Main downloads and decides; the window gets a picture only as a data: URL main made after checking the
 * bytes are a picture, and never a remote address to load.
 */
import type { ChatMessage } from './chat.js';

/** Whose pictures load by themselves: contacts in the roster (the default), anyone's, or nobody's. */
export const AUTO_LOAD_CHOICES = ['contacts', 'always', 'never'] as const;
export type AutoLoadPictures = (typeof AUTO_LOAD_CHOICES)[number];

export interface FilePreferences {
  readonly autoLoadPictures: AutoLoadPictures;
}

export const DEFAULT_FILE_PREFERENCES: FilePreferences = { autoLoadPictures: 'contacts' };

/** The largest picture shown in a conversation (downloaded by main, sent to the window as a data: URL). */
export const MAX_PICTURE_BYTES = 8 * 1024 * 1024;
/** The largest file saved to disk or sent, whatever the server would accept. */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

/** What loading a shared file gave. */
export type SharedFileView =
  /** A PNG, JPEG, GIF or WebP by its content: `dataUrl` is `data:image/...;base64,...`. */
  | { readonly kind: 'picture'; readonly dataUrl: string; readonly bytes: number }
  /** Not a picture by its content (whatever its name says): it can be saved, never opened. */
  | { readonly kind: 'file'; readonly name: string; readonly bytes: number }
  /** Larger than a picture may be: not downloaded past the limit; it can still be saved. */
  | { readonly kind: 'too-large'; readonly name: string; readonly limit: number }
  /** Asked to load by itself, and the setting says not for this sender: a "Load" button instead. */
  | { readonly kind: 'not-loaded'; readonly name: string };

export type SendFileOutcome =
  /** The message with the link, as sent (or queued): shown like a message the person wrote. */
  | { readonly kind: 'sent'; readonly message: ChatMessage }
  /** The person closed the file dialog. */
  | { readonly kind: 'not-chosen' }
  | { readonly kind: 'cancelled' };

export interface FileTransferProgress {
  readonly transferId: string;
  readonly sent: number;
  readonly total: number;
}

/** The last part of the link's path, decoded, as a name to show and to suggest when saving. */
export function fileNameOf(url: string): string {
  // app/ has no URL class (neither DOM nor Node): the path is what follows the host, before ? or #.
  const withoutScheme = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
  const path = withoutScheme.split(/[?#]/)[0] ?? '';
  const last = path.split('/').filter((part) => part !== '').pop() ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(last);
  } catch {
    decoded = last;
  }
  // Never a path: separators and control characters become '_'.
  const clean = [...decoded]
    .map((c) => (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f || '\\/:*?"<>|'.includes(c) ? '_' : c))
    .join('')
    .slice(0, 120);
  return clean === '' || /^\.+$/.test(clean) ? 'file' : clean;
}
