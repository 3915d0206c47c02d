/**
 * The OMEMO part of the IPC contract (issue 15): the devices the trust center shows and the person's trust in
 * them. Raising trust is carried out only after the main process's own confirmation (trust-change.ts).
 */
import { z } from 'zod';
import type { OmemoDevicesView, OmemoDeviceView } from '../domain/omemo-devices.js';
import { accountId, bareJid } from './fields.js';

const deviceId = z.number().int().min(1).max(0x7fffffff);

export const omemoRequestSchemas = {
  listOmemoDevices: z.strictObject({ accountId }),
  setDeviceTrust: z.strictObject({ accountId, jid: bareJid, deviceId, trust: z.enum(['verified', 'blind', 'distrusted']) }),
};

export interface OmemoResponseTypes {
  listOmemoDevices: OmemoDevicesView;
  setDeviceTrust: OmemoDeviceView;
}
