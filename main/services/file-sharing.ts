/**
 * Sending and receiving files (issue 14): XEP-0363 upload with progress and cancel, then the link sent with
 * XEP-0066; a received link loaded by main (never the window), shown as a picture only when its bytes are one
 * (image-kind.ts), otherwise saved where the person chooses, never opened. Main shows the file dialogs (injected
 * here, Electron's in main/electron/), so the window never names a path; a shared file is named by its message,
 * so the window never names a web address either.
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

  const linkOf = (accountId: AccountId, peer: string, id: string): { message: ChatMessage; url: string } => {
    const message = deps.history.around(accountId, peer, id, 0, 0)?.messages[0];
    const url = message?.oobUrl;
    if (message === undefined || url === undefined || url === null || !isHttpsLink(url)) throw new UserFacingError('This message has no file.');
    return { message, url };
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

  /** Asks a slot, PUTs the bytes over HTTPS (progress, cancel) and sends the link (XEP-0066). */
  async function upload(files: AccountFiles, service: UploadService, to: string, transferId: string, name: string, body: Uint8Array): Promise<SendFileOutcome> {
    const kind = imageKindOf(body);
    const contentType = kind === null ? 'application/octet-stream' : imageMimeType(kind);

    const controller = new AbortController();
    transfers.set(transferId, controller);
    try {
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
      return { kind: 'sent', message: await files.sendSharedFile(to, slot.getUrl) };
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
      return upload(files, service, to, transferId, name, body);
    },

    sendDropped: async (accountId, to, transferId, name, body) => {
      const { files, service, limit } = await uploadTo(accountId, transferId);
      if (body.byteLength > limit) throw tooLarge(name, body.byteLength, limit);
      return upload(files, service, to, transferId, name, body);
    },
    cancel: (transferId) => transfers.get(transferId)?.abort(),

    load: async (accountId, peer, id, auto) => {
      const { message, url } = linkOf(accountId, peer, id);
      const name = fileNameOf(url);
      if (auto && !(await mayLoadByItself(accountId, message))) return { kind: 'not-loaded', name };
      return loaded.get(url, async () => {
        let bytes: Uint8Array;
        try {
          bytes = await deps.transfer.download(url, { maxBytes: limits.maxPictureBytes, timeoutMs: limits.pictureTimeoutMs });
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
      const { url } = linkOf(accountId, peer, id);
      const target = await deps.chooseSavePath(fileNameOf(url));
      if (target === null) return { saved: false };
      const bytes = await deps.transfer
        .download(url, { maxBytes: limits.maxFileBytes, timeoutMs: limits.fileTimeoutMs })
        .catch((error: unknown) => failure('The file could not be saved', error));
      // Written as plain data (no execute permission); never opened or run.
      await writeFile(target, bytes, { mode: 0o644 });
      return { saved: true };
    },

    preferences: () => deps.preferences.load(),
    setPreferences: (preferences) => deps.preferences.save(preferences),
  };
}
