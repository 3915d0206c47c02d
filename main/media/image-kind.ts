/**
 * What kind of picture a file is, read from its first bytes, never from its name or the type a server
 * claims: a shared file or an avatar is shown inline only when its content is one of the four formats the
 * window can draw (PNG, JPEG, GIF, WebP). Anything else is a file to save, not a picture.
 */
export const IMAGE_KINDS = ['png', 'jpeg', 'gif', 'webp'] as const;
export type ImageKind = (typeof IMAGE_KINDS)[number];

const MIME: Record<ImageKind, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
};

/** The number of leading bytes `imageKindOf` needs to decide. */
export const IMAGE_SNIFF_BYTES = 12;

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0): boolean =>
  bytes.length >= at + prefix.length && prefix.every((byte, i) => bytes[at + i] === byte);

const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

/** The picture format of these bytes, or null when they are not one of the four. */
export function imageKindOf(bytes: Uint8Array): ImageKind | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'webp';
  return null;
}

export function imageMimeType(kind: ImageKind): string {
  return MIME[kind];
}
