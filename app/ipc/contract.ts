/**
 * The IPC contract: the single source of truth for what the renderer may ask of the main process and what
 * the main process pushes back. The main process validates every request against `requestSchemas`
 * (payloads are untrusted: a compromised renderer can send anything); the renderer's API type is derived
 * from the same tables, so the two sides cannot drift.
 */
import { z } from 'zod';
import type { AppInfo } from '../domain/app-info.js';
import type { RequestName, EventName } from './channels.js';

/** Request payload schemas. `z.void()` means the operation takes no argument. */
export const requestSchemas = {
  getInfo: z.void(),
} satisfies Record<RequestName, z.ZodType>;

/** What each request answers with when it succeeds. */
export interface ResponseTypes {
  getInfo: AppInfo;
}

/** What each event carries. */
export interface EventPayloads {
  appNotice: { readonly level: 'info' | 'warning' | 'error'; readonly text: string };
}

export type RequestPayload<K extends RequestName> = z.output<(typeof requestSchemas)[K]>;

// Compile-time checks that the tables cover exactly the names in channels.ts.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _responsesCoverRequests: Exact<keyof ResponseTypes, RequestName> = true;
const _payloadsCoverEvents: Exact<keyof EventPayloads, EventName> = true;
void _responsesCoverRequests;
void _payloadsCoverEvents;
