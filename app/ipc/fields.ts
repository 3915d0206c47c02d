/**
 * The IPC contract's field schemas: bounded, strict, no surprises. Every request schema (contract.ts, and the
 * room requests in room-contract.ts) is made of these, so a field means the same, with the same limits, in
 * every request.
 */
import { z } from 'zod';
import type { Parsed } from '../domain/address/address-problem.js';
import { parseDomain } from '../domain/address/domain-name.js';
import { MAX_JID_CHARS, parseBareJid } from '../domain/address/jid.js';
import { MAX_FINGERPRINT_INPUT, parseFingerprint } from '../domain/fingerprint-input.js';
import { MAX_NICK_CHARS, MAX_SUBJECT_CHARS } from '../domain/rooms.js';

/**
 * Runs one of the address model's parsers as a schema step: the handler receives the canonical form, and a
 * refusal carries the parser's plain-words reason.
 */
function parsedBy<T>(parse: (input: string) => Parsed<T>, pick: (value: T) => string) {
  return (input: string, context: z.RefinementCtx): string => {
    const parsed = parse(input);
    if (parsed.ok) return pick(parsed.value);
    context.addIssue({ code: 'custom', message: parsed.problem.message });
    return z.NEVER;
  };
}

/** The limits the window's forms show and the main process enforces: one table for both. */
export const FIELD_LIMITS = {
  jid: MAX_JID_CHARS,
  hostName: 253,
  password: 1024,
  resource: 1023,
  displayName: 1023,
  group: 1023,
  body: 256 * 1024,
  status: 1024,
  nick: MAX_NICK_CHARS,
  subject: MAX_SUBJECT_CHARS,
} as const;

export const accountId = z.string().uuid();
/** A bare JID with a local part (an account or a contact), canonical: domain in U-labels (app/domain/address). */
export const bareJid = z.string().max(FIELD_LIMITS.jid).transform(parsedBy(parseBareJid, (jid) => jid.bare));
/** A domain name, as the stores key it: the lower-case A-label. */
export const domainName = z.string().max(FIELD_LIMITS.jid).transform(parsedBy(parseDomain, (domain) => domain.ascii));
/** A SHA-256 fingerprint in any form people paste (hex with or without colons, base64): the handler gets base64. */
export const publishedFingerprint = z
  .string()
  .max(MAX_FINGERPRINT_INPUT)
  .transform((input, context) => {
    const parsed = parseFingerprint(input);
    if (parsed.ok) return parsed.base64;
    context.addIssue({ code: 'custom', message: parsed.problem.message });
    return z.NEVER;
  });
const hostName = z.string().min(1).max(FIELD_LIMITS.hostName).regex(/^[A-Za-z0-9.:[\]_-]+$/, 'must be a host name or address');
const port = z.number().int().min(1).max(65_535);
export const password = z.string().min(1).max(FIELD_LIMITS.password);
export const resource = z.string().min(1).max(FIELD_LIMITS.resource);
export const displayName = z.string().max(FIELD_LIMITS.displayName);
export const group = z.string().min(1).max(FIELD_LIMITS.group);
export const body = z.string().min(1).max(FIELD_LIMITS.body);
/** A room's address is a bare JID with a local part, like a contact's (room@rooms.example.org). */
export const roomJid = bareJid;
export const nick = z.string().min(1).max(FIELD_LIMITS.nick);
export const server = z.strictObject({ host: hostName, port, directTls: z.boolean() }).nullable();
