import { useEffect, useState } from 'react';
import type { EventPayloads } from '../../../app/ipc/contract.js';
import { useApi } from '../ApiContext.js';

type Notice = EventPayloads['appNotice'] & { readonly id: number };

/** Messages the main process pushes (a store moved aside, a setting ignored...), dismissable. */
export function Notices() {
  const api = useApi();
  const [notices, setNotices] = useState<readonly Notice[]>([]);
  useEffect(() => {
    let next = 0;
    return api.on('appNotice', (notice) => setNotices((list) => [...list, { ...notice, id: (next += 1) }]));
  }, [api]);
  if (notices.length === 0) return null;
  return (
    <ul className="notices" data-testid="notices">
      {notices.map((n) => (
        <li key={n.id} className={`notice notice--${n.level}`} role={n.level === 'error' ? 'alert' : 'status'}>
          <span>{n.text}</span>
          <button type="button" className="button--small" onClick={() => setNotices((list) => list.filter((x) => x.id !== n.id))}>
            Dismiss
          </button>
        </li>
      ))}
    </ul>
  );
}
