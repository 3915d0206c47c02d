/**
 * The person's current trust in the devices that wrote a conversation's encrypted messages (issue 15), so a
 * message from a device they distrust, or have not decided on, says so (encryption-marks.ts). Read from the trust
 * center's list (`listOmemoDevices`) when a sending device appears that the window has not asked about, and again
 * whenever main tells of the account's undecided devices, which it does after every decision: a later decision
 * updates the marks. Asked only in a conversation whose messages name a sending device.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ChatMessage } from '../../../app/domain/chat.js';
import type { DeviceTrust } from '../../../app/domain/device-trust.js';
import type { HostproofApi } from '../../../app/ipc/api.js';
import { request } from '../common/ipc.js';

/** The trust in the device that wrote `message`; undefined when it names none or the window does not know it. */
export type SenderTrust = (message: ChatMessage) => DeviceTrust | undefined;

const NONE: ReadonlyMap<string, DeviceTrust> = new Map();
const deviceKey = (jid: string, deviceId: number) => `${deviceId} ${jid}`;

/**
 * The sending device of an encrypted message, keyed as the trust list is: the contact's for a message from them,
 * our own account's for one our other device sent (a carbon). A message written here names no device.
 */
function senderOf(message: ChatMessage, ownJid: string): string | null {
  if (message.encryption?.kind !== 'omemo' || message.encryption.device === null) return null;
  return deviceKey(message.direction === 'in' ? message.peer : ownJid, message.encryption.device);
}

export function useSenderTrust(api: HostproofApi, accountId: string, ownJid: string, messages: readonly ChatMessage[]): SenderTrust {
  // One string, so a new page of the same devices asks nothing again.
  const senders = useMemo(() => [...new Set(messages.map((m) => senderOf(m, ownJid)).filter((k) => k !== null))].sort().join('|'), [messages, ownJid]);
  const [told, setTold] = useState(0);
  const [trust, setTrust] = useState(NONE);
  useEffect(() => api.on('omemoDevicesUndecided', (event) => event.accountId === accountId && setTold((n) => n + 1)), [api, accountId]);
  useEffect(() => {
    if (senders === '') return;
    let current = true;
    void request(() => api.listOmemoDevices({ accountId })).then((result) => {
      if (!current) return;
      // OMEMO off or the list unreadable: no device's trust is known, and the marks say only "encrypted", as before.
      const devices = result.ok && result.value.state === 'ready' ? result.value.devices : [];
      setTrust(new Map(devices.map((d) => [deviceKey(d.jid, d.deviceId), d.trust])));
    });
    return () => {
      current = false;
    };
  }, [api, accountId, senders, told]);
  return useCallback(
    (message: ChatMessage) => {
      const key = senderOf(message, ownJid);
      return key === null ? undefined : trust.get(key);
    },
    [trust, ownJid],
  );
}
