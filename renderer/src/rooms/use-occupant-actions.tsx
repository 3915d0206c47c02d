import { useEffect, useState, type ReactNode } from 'react';
import type { Occupant, RoomSummary } from '../../../app/domain/rooms.js';
import { useApi } from '../ApiContext.js';
import { request } from '../common/ipc.js';
import { Nick } from './Nick.js';
import { OccupantActionDialog, type OccupantAction } from './OccupantActionDialog.js';
import type { OccupantActionKind } from './OccupantPanel.js';
import { PrivateThread } from './PrivateThread.js';
import type { PrivateMessages } from './use-private-messages.js';

const NONE: ReadonlySet<string> = new Set();

export interface OccupantActionsView {
  /** For the people panel: an action chosen on an occupant. */
  readonly onAction: (kind: OccupantActionKind, occupant: Occupant) => void;
  readonly unread: ReadonlySet<string>;
  /** A private message not read yet, with a button to open it (null when none). */
  readonly notice: ReactNode;
  /** The open private thread, shown in place of the people panel (null when none). */
  readonly thread: ReactNode;
  /** The confirmation (kick, ban) or the nickname form (null when none). */
  readonly dialog: ReactNode;
}

/** The room pane's occupant actions: private threads, kick and ban behind a confirmation, our nickname. */
export function useOccupantActions(summary: RoomSummary, privates: PrivateMessages | undefined): OccupantActionsView {
  const api = useApi();
  const { accountId, room } = summary;
  const [thread, setThread] = useState<string | null>(null);
  const [action, setAction] = useState<OccupantAction | null>(null);
  const unread = privates?.unread(accountId, room) ?? NONE;
  const threadUnread = thread !== null && unread.has(thread);
  useEffect(() => {
    // An open thread is read as its messages come.
    if (thread !== null && threadUnread) privates?.read(accountId, room, thread);
  }, [thread, threadUnread, privates, accountId, room]);

  const onAction = (kind: OccupantActionKind, occupant: Occupant) => {
    if (kind === 'private') setThread(occupant.nick);
    else if (kind === 'nick') setAction({ kind: 'nick', nick: summary.nick });
    else setAction({ kind, nick: occupant.nick, realJid: occupant.realJid });
  };

  const confirm = async (chosen: OccupantAction, text: string): Promise<string | null> => {
    const reason = text === '' ? null : text;
    const result =
      chosen.kind === 'nick'
        ? await request(() => api.changeRoomNick({ accountId, room, nick: text }))
        : chosen.kind === 'kick'
          ? await request(() => api.kickOccupant({ accountId, room, nick: chosen.nick, reason }))
          : await request(() => api.banOccupant({ accountId, room, nick: chosen.nick, reason }));
    if (!result.ok) return result.message;
    setAction(null);
    return null;
  };

  const sendPrivate = async (nick: string, body: string): Promise<string | null> => {
    const result = await request(() => api.sendRoomPrivateMessage({ accountId, room, nick, body }));
    if (!result.ok) return result.message;
    privates?.add(result.value);
    return null;
  };

  const waiting = [...unread].find((nick) => nick !== thread);
  return {
    onAction,
    unread,
    notice:
      waiting === undefined ? null : (
        <p className="room-pane__notice" role="status" data-testid="private-notice">
          <Nick nick={waiting} /> sent you a private message.{' '}
          <button type="button" className="button--small" onClick={() => setThread(waiting)}>
            Open
          </button>
        </p>
      ),
    thread:
      thread === null ? null : (
        <PrivateThread nick={thread} messages={privates?.of(accountId, room) ?? []} onSend={(body) => sendPrivate(thread, body)} onClose={() => setThread(null)} />
      ),
    dialog: action === null ? null : <OccupantActionDialog action={action} onConfirm={(text) => confirm(action, text)} onCancel={() => setAction(null)} />,
  };
}
