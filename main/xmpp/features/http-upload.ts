/**
 * XEP-0363 HTTP file upload, the XMPP half: find our server's upload service and its size limit (disco#items
 * on our domain, then disco#info of each service, as for rooms: only our domain and its subdomains are asked),
 * and ask it for a slot (a PUT address, the headers to send with it, and the GET address to share). The HTTPS
 * half is main/files/https-transfer.ts.
 */
import { xml, type Element } from '@xmpp/xml';
import { StanzaError } from '../link.js';
import { ownJidOf, type FeatureDeps } from './feature-deps.js';
import { NS } from './namespaces.js';
import { ownServiceJids } from './own-services.js';
import { attr } from './stanza-read.js';

const DISCO_TIMEOUT_MS = 10_000;
const SLOT_TIMEOUT_MS = 20_000;

export interface UploadService {
  readonly jid: string;
  /** The service's announced limit in bytes, or null when it announces none. */
  readonly maxFileSize: number | null;
}

export interface SlotRequest {
  readonly filename: string;
  readonly size: number;
  readonly contentType: string;
}

export interface UploadSlot {
  readonly putUrl: string;
  readonly getUrl: string;
  /** Only the headers XEP-0363 §5 allows (Authorization, Cookie, Expires), newlines stripped. */
  readonly headers: Readonly<Record<string, string>>;
}

/** The service refused or answered something unusable; `kind` says which, the message says it in words. */
export class UploadSlotError extends Error {
  override name = 'UploadSlotError';
  constructor(
    readonly kind: 'too-large' | 'refused' | 'bad-slot',
    message: string,
  ) {
    super(message);
  }
}

export type HttpUploadDeps = Pick<FeatureDeps, 'link' | 'log'>;

const ALLOWED_HEADERS = new Map([
  ['authorization', 'Authorization'],
  ['cookie', 'Cookie'],
  ['expires', 'Expires'],
]);

/** The first upload service our server lists, or null when it has none. */
export async function discoverUploadService({ link, log }: HttpUploadDeps): Promise<UploadService | null> {
  const own = ownJidOf(link);
  const items = await link.request(xml('iq', { type: 'get', to: own.domain.unicode }, xml('query', { xmlns: NS.discoItems })), DISCO_TIMEOUT_MS);
  // The server itself may offer upload too (§2: "the server or a component").
  const candidates = [own.domain.unicode, ...ownServiceJids(items, own.domain.ascii)];
  for (const jid of candidates) {
    try {
      const info = await link.request(xml('iq', { type: 'get', to: jid }, xml('query', { xmlns: NS.discoInfo })), DISCO_TIMEOUT_MS);
      const found = uploadServiceOf(jid, info);
      if (found !== null) return found;
    } catch (error) {
      log({ feature: 'files', reason: `a listed service did not describe itself: ${error instanceof Error ? error.message : String(error)}`, from: jid });
    }
  }
  return null;
}

/** The service this disco#info describes, with its max-file-size (XEP-0363 §3, a XEP-0128 form), or null. */
export function uploadServiceOf(jid: string, info: Element): UploadService | null {
  const query = info.getChild('query', NS.discoInfo);
  if (query === undefined) return null;
  if (!query.getChildren('feature', NS.discoInfo).some((feature) => attr(feature, 'var') === NS.httpUpload)) return null;
  let maxFileSize: number | null = null;
  for (const form of query.getChildren('x', NS.dataForms)) {
    const fields = form.getChildren('field', NS.dataForms);
    const type = fields.find((field) => attr(field, 'var') === 'FORM_TYPE')?.getChildText('value', NS.dataForms);
    if (type !== NS.httpUpload) continue;
    const text = fields.find((field) => attr(field, 'var') === 'max-file-size')?.getChildText('value', NS.dataForms)?.trim();
    const value = text !== undefined && /^\d{1,15}$/.test(text) ? Number(text) : null;
    if (value !== null && value > 0) maxFileSize = value;
  }
  return { jid, maxFileSize };
}

/** Asks the service for a slot; a refusal for size says the service's limit when it gave one. */
export async function requestSlot({ link }: HttpUploadDeps, service: string, request: SlotRequest): Promise<UploadSlot> {
  let answer: Element;
  try {
    answer = await link.request(
      xml('iq', { type: 'get', to: service }, xml('request', { xmlns: NS.httpUpload, filename: request.filename, size: String(request.size), 'content-type': request.contentType })),
      SLOT_TIMEOUT_MS,
    );
  } catch (error) {
    if (error instanceof StanzaError) {
      const tooLarge = error.stanza?.getChild('error')?.getChild('file-too-large', NS.httpUpload);
      if (tooLarge !== undefined) {
        const max = tooLarge.getChildText('max-file-size', NS.httpUpload);
        throw new UploadSlotError('too-large', max ? `The file is larger than your server accepts (${max} bytes).` : 'The file is larger than your server accepts.');
      }
      throw new UploadSlotError('refused', `Your server refused the upload (${error.condition}${error.text ? `: ${error.text}` : ''}).`);
    }
    throw error;
  }
  return readSlot(answer);
}

export function readSlot(answer: Element): UploadSlot {
  const slot = answer.getChild('slot', NS.httpUpload);
  const put = slot?.getChild('put', NS.httpUpload);
  const get = slot?.getChild('get', NS.httpUpload);
  const putUrl = put === undefined ? null : attr(put, 'url');
  const getUrl = get === undefined ? null : attr(get, 'url');
  if (put === undefined || putUrl === null || getUrl === null) throw new UploadSlotError('bad-slot', 'Your server answered the upload request without usable addresses.');
  const headers: Record<string, string> = {};
  for (const header of put.getChildren('header', NS.httpUpload)) {
    const name = ALLOWED_HEADERS.get((attr(header, 'name') ?? '').toLowerCase());
    // §5: any other header is ignored; newlines would split the request.
    if (name !== undefined) headers[name] = header.getText().replace(/[\r\n]/g, '');
  }
  return { putUrl, getUrl, headers };
}
