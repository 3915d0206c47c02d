/**
 * The files part of the IPC contract (issue 14: XEP-0363 uploads, XEP-0066 links): the requests' schemas,
 * their answers and the event. contract.ts spreads these into the one contract. The window never names a path
 * or a web address: main shows the file dialogs, and a shared file is named by its message.
 */
import { z } from 'zod';
import { AUTO_LOAD_CHOICES, MAX_FILE_BYTES, type FilePreferences, type FileTransferProgress, type SendFileOutcome, type SharedFileView } from '../domain/files.js';
import { accountId, bareJid } from './fields.js';

/** Chosen by the window so it can cancel before the answer comes. */
const transferId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, _ or -');
const messageId = z.string().min(1).max(256);
/** A dropped file's own name: no folders (no / or \\), no control characters, as a file system would take it. */
const droppedName = z
  .string()
  .min(1)
  .max(255)
  .refine((name) => ![...name].some((c) => c === '/' || c === '\\' || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f) && name !== '.' && name !== '..', 'must be a file name, not a path');

export const fileRequestSchemas = {
  /** Main opens the file dialog, uploads (XEP-0363) and sends the link (XEP-0066) to `to`. */
  sendFile: z.strictObject({ accountId, to: bareJid, transferId }),
  /** A file dropped on the conversation: the window read it; main checks the size and uploads it as sendFile does. */
  sendDroppedFile: z.strictObject({
    accountId,
    to: bareJid,
    transferId,
    name: droppedName,
    bytes: z.instanceof(Uint8Array).refine((bytes) => bytes.byteLength > 0 && bytes.byteLength <= MAX_FILE_BYTES, `must be 1 byte to ${MAX_FILE_BYTES} bytes`),
  }),
  cancelFileTransfer: z.strictObject({ transferId }),
  /** The shared file of one stored message; `auto`: asked by itself (the setting then decides). */
  loadSharedFile: z.strictObject({ accountId, peer: bareJid, id: messageId, auto: z.boolean() }),
  /** Main opens the save dialog, then downloads into the chosen file. Nothing is opened. */
  saveSharedFile: z.strictObject({ accountId, peer: bareJid, id: messageId }),
  getFilePreferences: z.void(),
  setFilePreferences: z.strictObject({ autoLoadPictures: z.enum(AUTO_LOAD_CHOICES) }),
};

export interface FileResponseTypes {
  sendFile: SendFileOutcome;
  sendDroppedFile: SendFileOutcome;
  cancelFileTransfer: null;
  loadSharedFile: SharedFileView;
  /** false: the person closed the save dialog. */
  saveSharedFile: { readonly saved: boolean };
  getFilePreferences: FilePreferences;
  setFilePreferences: FilePreferences;
}

export interface FileEventPayloads {
  /** Bytes of an upload handed to the connection so far. */
  fileTransferProgress: FileTransferProgress;
}
