/**
 * The user's control over the history kept on this computer (issue 12 item 5): how long it is kept, and the
 * forms a conversation can be exported in. Shared by the window (its choices) and main (the limits it enforces).
 */

/** Export formats: JSON for programs, plain text for people. */
export const EXPORT_FORMATS = ['json', 'text'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The longest period a person can choose (ten years); anything longer is "forever". */
export const MAX_KEEP_DAYS = 3650;

/** The periods the preferences offer at one click; any whole number of days from 1 to MAX_KEEP_DAYS is allowed. */
export const KEEP_DAYS_CHOICES = [30, 90, 365] as const;

export interface HistoryRetention {
  /** Messages older than this many days are deleted from this computer; null: kept forever (the default). */
  readonly keepDays: number | null;
}

/** A conversation as a file the window offers to save: main builds it, the window only saves it. */
export interface ConversationExport {
  readonly fileName: string;
  readonly mimeType: 'application/json' | 'text/plain';
  readonly content: string;
  /** How many messages it holds. */
  readonly messages: number;
  /** False when the conversation was longer than one export holds (the newest messages are kept). */
  readonly complete: boolean;
}
