import type { EventName } from '../../app/ipc/channels.js';
import type { EventPayloads } from '../../app/ipc/contract.js';

/** Pushes one contract event to the window (Electron) or the page (test harness). */
export type EmitEvent = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;
