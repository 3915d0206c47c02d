/**
 * A conversation as a document to save: JSON (every field a program needs) or plain text for people, one
 * "[date time] who: text" line per message. Times are UTC, said so in the header, so the same history gives
 * the same file on any computer. Built in main from the stored history; the window only offers it for saving.
 */
import type { ChatMessage } from '../../app/domain/chat.js';
import type { ConversationExport, ExportFormat } from '../../app/domain/history-control.js';

export const EXPORT_SCHEMA = 'hostproof.conversation-export';
export const EXPORT_VERSION = 1;

export interface ConversationDocument {
  /** The account's bare JID. */
  readonly account: string;
  /** The other party's bare JID. */
  readonly peer: string;
  readonly exportedAt: Date;
  /** Oldest first. */
  readonly messages: readonly ChatMessage[];
  /** False when older messages were left out (the conversation was longer than one export holds). */
  readonly complete: boolean;
}

export function formatConversationExport(document: ConversationDocument, format: ExportFormat): ConversationExport {
  const base = `conversation-${safeFilePart(document.peer)}-${fileStamp(document.exportedAt)}`;
  const common = { messages: document.messages.length, complete: document.complete };
  if (format === 'json') {
    return { ...common, fileName: `${base}.json`, mimeType: 'application/json', content: `${JSON.stringify(jsonOf(document), null, 2)}\n` };
  }
  return { ...common, fileName: `${base}.txt`, mimeType: 'text/plain', content: textOf(document) };
}

function jsonOf({ account, peer, exportedAt, messages, complete }: ConversationDocument) {
  return {
    schema: EXPORT_SCHEMA,
    version: EXPORT_VERSION,
    account,
    peer,
    exportedAt: exportedAt.toISOString(),
    complete,
    messages: messages.map((m) => ({
      id: m.id,
      direction: m.direction,
      from: m.direction === 'out' ? account : peer,
      to: m.direction === 'out' ? peer : account,
      body: m.body,
      at: m.at,
      state: m.state,
      error: m.error,
      stanzaId: m.stanzaId,
      originId: m.originId,
      archiveId: m.archiveId,
      carbon: m.carbon,
    })),
  };
}

function textOf({ account, peer, exportedAt, messages, complete }: ConversationDocument): string {
  const lines = [
    `Conversation between ${account} and ${peer}`,
    `Exported from Hostproof on ${textTime(exportedAt.toISOString())} (all times UTC), ${messages.length} ${messages.length === 1 ? 'message' : 'messages'}.`,
  ];
  if (!complete) lines.push('Older messages were left out: this export holds the newest ones.');
  lines.push('');
  for (const m of messages) {
    const who = m.direction === 'out' ? account : peer;
    const failed = m.state === 'failed' ? ` (not delivered${m.error ? `: ${m.error}` : ''})` : m.state === 'queued' ? ' (not sent yet)' : '';
    // Later lines of a message are indented, so every line that starts with "[" starts a message.
    const body = m.body.replace(/\r\n?/g, '\n').split('\n').join('\n    ');
    lines.push(`[${textTime(m.at)}] ${who}: ${body}${failed}`);
  }
  return `${lines.join('\n')}\n`;
}

/** "2026-12-01 09:45:12" from an ISO time (UTC); the ISO text itself when it is not one. */
function textTime(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

function fileStamp(at: Date): string {
  return at.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
}

/** A JID as part of a file name: letters, digits and . _ - @ only (no path separators, nothing hidden). */
function safeFilePart(jid: string): string {
  return jid.replace(/[^\p{L}\p{N}._@-]/gu, '_').replace(/^\.+/, '_').slice(0, 100);
}
