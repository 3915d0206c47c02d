/**
 * Sending and receiving files (issue 14): XEP-0363 upload with progress and cancel, then the link sent with
 * XEP-0066; a received link loaded by main (never the window), shown as a picture only when its bytes are one
 * (image-kind.ts), otherwise saved where the person chooses, never opened. Main shows the file dialogs (injected
 * here, Electron's in main/electron/), so the window never names a path; a shared file is named by its message,
 * so the window never names a web address either.
 *
 * issue 15: OMEMO. In a conversation whose new message would be written encrypted, the file is sealed first
 * (aesgcm-file.ts, XEP-0454): the ciphertext is uploaded as application/octet-stream and its aesgcm link goes
 * only inside the encrypted message. A received aesgcm link (only ever read from an encrypted message) is
 * downloaded from its https address and opened here; a file whose tag does not match is refused, nothing kept.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AccountId } from '../../app/domain/account.js';
import type { ChatMessage } from '../../app/domain/chat.js';
import {
  MAX_FILE_BYTES,
  MAX_PICTURE_BYTES,
  fileNameOf,
  type FilePreferences,
  type SendFileOutcome,
  type SharedFileView,
} from '../../app/domain/files.js';
import { UserFacingError } from '../ipc/handlers.js';
import { imageKindOf, imageMimeType } from '../media/image-kind.js';
import { TransferError, type HttpsTransfer } from '../files/https-transfer.js';
import type { FilePreferencesStore } from '../store/file-preferences-store.js';
import type { MessageDb } from '../store/messages/message-db.js';
import { UploadSlotError, type UploadService } from '../xmpp/features/http-upload.js';
import { createLoadedFiles } from '../files/loaded-files.js';
import { isHttpsLink } from '../xmpp/features/oob.js';
import { AESGCM_SCHEME, AesgcmFileError, decryptFile, encryptFile, formatAesgcmLink, parseAesgcmLink, TAG_BYTES, type AesgcmLink } from '../files/aesgcm-file.js';
import type { AccountFiles } from './chat-features.js';
import type { EmitEvent } from './event-sink.js';

/** Main's own open-file dialog (one file); null when the person closed it. */
export type PickFileToSend = () => Promise<string | null>;
/** Main's own save dialog, suggesting `name`; null when the person closed it. */
export type ChooseSavePath = (name: string) => Promise<string | null>;

export interface FileSharingLimits {
  readonly maxFileBytes: number;
  readonly maxPictureBytes: number;
  readonly pictureTimeoutMs: number;
  readonly fileTimeoutMs: number;
  readonly uploadTimeoutMs: number;
}

export const DEFAULT_FILE_LIMITS: FileSharingLimits = {
  maxFileBytes: MAX_FILE_BYTES,
  maxPictureBytes: MAX_PICTURE_BYTES,
  pictureTimeoutMs: 30_000,
  fileTimeoutMs: 5 * 60_000,
  uploadTimeoutMs: 10 * 60_000,
};

export interface FileSharingDeps {
  /** The account's files part (throws in words when the account is not connected). */
  readonly files: (accountId: AccountId) => AccountFiles;
  readonly history: Pick<MessageDb, 'around'>;
  readonly transfer: HttpsTransfer;
  readonly preferences: FilePreferencesStore;
  readonly pickFile: PickFileToSend;
  readonly chooseSavePath: ChooseSavePath;
  readonly emit: EmitEvent;
  readonly limits?: Partial<FileSharingLimits>;
}

export interface FileSharing {
  sendFile(accountId: AccountId, to: string, transferId: string): Promise<SendFileOutcome>;
  /** A file the person dropped on the conversation: its name and bytes come from the window (bounded there too). */
  sendDropped(accountId: AccountId, to: string, transferId: string, name: string, body: Uint8Array): Promise<SendFileOutcome>;
  cancel(transferId: string): void;
  load(accountId: AccountId, peer: string, id: string, auto: boolean): Promise<SharedFileView>;
  save(accountId: AccountId, peer: string, id: string): Promise<{ readonly saved: boolean }>;
  preferences(): Promise<FilePreferences>;
  setPreferences(preferences: FilePreferences): Promise<FilePreferences>;
}

const megabytes = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(bytes < 1024 * 1024 ? 2 : 1)} MB`;
/** Progress is told in steps of this many bytes (and at the end), not for every piece written. */
const PROGRESS_STEP = 256 * 1024;

export function createFileSharing(deps: FileSharingDeps): FileSharing {
  const limits = { ...DEFAULT_FILE_LIMITS, ...deps.limits };
  const transfers = new Map<string, AbortController>();
  // Pictures shown again are not downloaded again (64 MB of data: URLs at most, in memory).
  const loaded = createLoadedFiles(64 * 1024 * 1024);

  /** The message's file: where to download it and, for an encrypted file, how to open it. */
  const linkOf = (accountId: AccountId, peer: string, id: string): { message: ChatMessage; url: string; sealed: AesgcmLink | null } => {
    const message = deps.history.around(accountId, peer, id, 0, 0)?.messages[0];
    const url = message?.oobUrl;
    if (message === undefined || url === undefined || url === null) throw new UserFacingError('This message has no file.');
    if (isHttpsLink(url)) return { message, url, sealed: null };
    // issue 15: an aesgcm link counts only in a message that travelled encrypted (parse-message.ts reads no other).
    if (message.encryption?.kind !== 'omemo' || !url.toLowerCase().startsWith(AESGCM_SCHEME)) throw new UserFacingError('This message has no file.');
    const sealed = opening(() => parseAesgcmLink(url));
    return { message, url, sealed };
  };

  /** Downloads the file, and opens it when it was sealed (its limit then counts the 16-byte tag too). */
  const fetchFile = async (url: string, sealed: AesgcmLink | null, options: { maxBytes: number; timeoutMs: number }): Promise<Uint8Array> => {
    if (sealed === null) return deps.transfer.download(url, options);
    const ciphertext = await deps.transfer.download(sealed.httpsUrl, { ...options, maxBytes: options.maxBytes + TAG_BYTES });
    return opening(() => decryptFile(ciphertext, sealed));
  };

  /** Loading by itself: our own files always; others' as the setting says. */
  const mayLoadByItself = async (accountId: AccountId, message: ChatMessage): Promise<boolean> => {
    if (message.direction === 'out') return true;
    const { autoLoadPictures } = await deps.preferences.load();
    if (autoLoadPictures === 'always') return true;
    if (autoLoadPictures === 'never') return false;
    try {
      return deps.files(accountId).isContact(message.peer);
    } catch {
      // Not connected: the roster is not known here, so not a known contact.
      return false;
    }
  };

  /** issue 15: a link that does not open, or bytes whose tag does not match, in the codec's own words. */
  const opening = <T>(open: () => T): T => {
    try {
      return open();
    } catch (error) {
      if (error instanceof AesgcmFileError) throw new UserFacingError(error.message);
      throw error;
    }
  };

  const failure = (what: string, error: unknown): never => {
    if (error instanceof TransferError || error instanceof UploadSlotError) throw new UserFacingError(`${what}: ${error.message}`);
    throw error;
  };

  /** The account's upload service and the size limit for it; refuses a transfer id already running. */
  async function uploadTo(accountId: AccountId, transferId: string) {
    if (transfers.has(transferId)) throw new UserFacingError('That transfer is already running.');
    const files = deps.files(accountId);
    const service = await files.uploadService();
    if (service === null) throw new UserFacingError('Your server does not offer file sharing (HTTP upload), so files cannot be sent from this account.');
    return { files, service, limit: Math.min(service.maxFileSize ?? limits.maxFileBytes, limits.maxFileBytes) };
  }

  const tooLarge = (name: string, size: number, limit: number) =>
    new UserFacingError(`"${name}" is ${megabytes(size)}; files up to ${megabytes(limit)} can be sent from this account. Nothing was sent.`);

  /**
   * Asks a slot, PUTs the bytes over HTTPS (progress, cancel) and sends the link (XEP-0066). issue 15: in an
   * encrypted conversation the bytes are sealed first and the aesgcm link is sent encrypted.
   */
  async function upload(files: AccountFiles, service: UploadService, to: string, transferId: string, name: string, plain: Uint8Array, limit: number): Promise<SendFileOutcome> {
    const controller = new AbortController();
    transfers.set(transferId, controller);
    try {
      const encryption = await files.encryptionFor(to);
      const sealed = encryption?.kind === 'omemo' ? encryptFile(plain) : null;
      const body = sealed === null ? plain : sealed.ciphertext;
      if (body.byteLength > limit) throw tooLarge(name, body.byteLength, limit);
      // A sealed file's type is not told: the server sees only how large it is.
      const kind = sealed === null ? imageKindOf(plain) : null;
      const contentType = kind === null ? 'application/octet-stream' : imageMimeType(kind);
      const slot = await files.requestSlot(service.jid, { filename: name, size: body.byteLength, contentType }).catch((error: unknown) => failure('The upload was refused', error));
      if (controller.signal.aborted) return { kind: 'cancelled' };
      if (!isHttpsLink(slot.putUrl) || !isHttpsLink(slot.getUrl)) {
        throw new UserFacingError('Your server gave an upload address that is not https. The file was not sent: it would travel unencrypted.');
      }
      let told = 0;
      await deps.transfer
        .upload(slot.putUrl, {
          body,
          headers: slot.headers,
          contentType,
          timeoutMs: limits.uploadTimeoutMs,
          signal: controller.signal,
          onProgress: (sent, total) => {
            if (sent !== total && sent - told < PROGRESS_STEP) return;
            told = sent;
            deps.emit('fileTransferProgress', { transferId, sent, total });
          },
        })
        .catch((error: unknown) => {
          if (error instanceof TransferError && error.kind === 'cancelled') throw error;
          return failure('The upload failed', error);
        });
      if (sealed === null) return { kind: 'sent', message: await files.sendSharedFile(to, slot.getUrl) };
      if (slot.getUrl.includes('#')) throw new UserFacingError('Your server gave a download address that cannot carry an encrypted file\'s key. The file was not sent.');
      return { kind: 'sent', message: await files.sendSharedFile(to, formatAesgcmLink(slot.getUrl, sealed), encryption) };
    } catch (error) {
      if (error instanceof TransferError && error.kind === 'cancelled') return { kind: 'cancelled' };
      throw error;
    } finally {
      transfers.delete(transferId);
    }
  }

  return {
    sendFile: async (accountId, to, transferId) => {
      const { files, service, limit } = await uploadTo(accountId, transferId);
      const chosen = await deps.pickFile();
      if (chosen === null) return { kind: 'not-chosen' };
      const name = path.basename(chosen);
      const info = await stat(chosen);
      if (!info.isFile()) throw new UserFacingError(`"${name}" is not a file.`);
      // Refused before anything is read or sent.
      if (info.size > limit) throw tooLarge(name, info.size, limit);
      const body = new Uint8Array(await readFile(chosen));
      if (body.byteLength > limit) throw new UserFacingError(`"${name}" grew past ${megabytes(limit)} while it was read. Nothing was sent.`);
      return upload(files, service, to, transferId, name, body, limit);
    },

    sendDropped: async (accountId, to, transferId, name, body) => {
      const { files, service, limit } = await uploadTo(accountId, transferId);
      if (body.byteLength > limit) throw tooLarge(name, body.byteLength, limit);
      return upload(files, service, to, transferId, name, body, limit);
    },
    cancel: (transferId) => transfers.get(transferId)?.abort(),

    load: async (accountId, peer, id, auto) => {
      const { message, url, sealed } = linkOf(accountId, peer, id);
      const name = fileNameOf(url);
      if (auto && !(await mayLoadByItself(accountId, message))) return { kind: 'not-loaded', name };
      return loaded.get(url, async () => {
        let bytes: Uint8Array;
        try {
          bytes = await fetchFile(url, sealed, { maxBytes: limits.maxPictureBytes, timeoutMs: limits.pictureTimeoutMs });
        } catch (error) {
          if (error instanceof TransferError && error.kind === 'too-large') return { kind: 'too-large', name, limit: limits.maxPictureBytes };
          return failure('The file could not be loaded', error);
        }
        const kind = imageKindOf(bytes);
        // The content decides, never the name or the server's type: an HTML page named .png is a file.
        if (kind === null) return { kind: 'file', name, bytes: bytes.byteLength };
        return { kind: 'picture', dataUrl: `data:${imageMimeType(kind)};base64,${Buffer.from(bytes).toString('base64')}`, bytes: bytes.byteLength };
      });
    },

    save: async (accountId, peer, id) => {
      const { url, sealed } = linkOf(accountId, peer, id);
      const target = await deps.chooseSavePath(fileNameOf(url));
      if (target === null) return { saved: false };
      // Opened (tag checked) before anything is written: a file that does not decrypt saves nothing.
      const bytes = await fetchFile(url, sealed, { maxBytes: limits.maxFileBytes, timeoutMs: limits.fileTimeoutMs }).catch((error: unknown) =>
        failure('The file could not be saved', error),
      );
      // Written as plain data (no execute permission); never opened or run.
      await writeFile(target, bytes, { mode: 0o644 });
      return { saved: true };
    },

    preferences: () => deps.preferences.load(),
    setPreferences: (preferences) => deps.preferences.save(preferences),
  };
}
