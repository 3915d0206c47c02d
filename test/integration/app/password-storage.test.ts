/**
 * "Remember password" tells the truth (issue 9 item 4): on a computer whose key store does not protect
 * secrets (Linux's basic_text), the main process keeps the password for the session only, records the
 * account as not remembered, writes no password file entry, and says so through getInfo, which the window
 * uses to word (or drop) the option. The domain does not exist, so the connect that follows fails at DNS.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNameLookup, createDnsResolver } from '../../../main/net/name-lookup.js';
import { appCaller } from '../../harness/app-caller.js';
import { startDnsServer, type TestDnsServer } from '../../harness/dns-server.js';
import { createTestApp } from '../../harness/test-app.js';

const PASSWORD = 'correct horse battery staple';

describe('password storage follows the key store', () => {
  let dns: TestDnsServer;
  beforeAll(async () => {
    dns = await startDnsServer({ nxdomain: ['_xmpp-client._tcp.nowhere.test', '_xmpps-client._tcp.nowhere.test', 'nowhere.test'] });
  });
  afterAll(async () => {
    await dns?.close();
  });

  const appWith = (keyStore: boolean) =>
    createTestApp({ keyStore, network: { dns: createDnsResolver(dns.address), lookup: createNameLookup({ overrides: new Map() }) } });

  const storedPasswords = async (dataDir: string): Promise<string> => readFile(path.join(dataDir, 'passwords.json'), 'utf8').catch(() => '');

  it('without a key store: getInfo says session only, the account is not remembered, nothing is written', async () => {
    const app = await appWith(false);
    try {
      const call = appCaller(app);
      expect((await call('getInfo')).passwordStorage).toBe('session-only');
      const view = await call('addAccount', { jid: 'alice@nowhere.test', password: PASSWORD, rememberPassword: true });
      expect(view.settings.rememberPassword).toBe(false);
      expect(await storedPasswords(app.dataDir)).not.toContain(view.settings.id);
    } finally {
      await app.close();
    }
  });

  it('with a key store: getInfo says so, and the password is stored encrypted', async () => {
    const app = await appWith(true);
    try {
      const call = appCaller(app);
      expect((await call('getInfo')).passwordStorage).toBe('os-key-store');
      const view = await call('addAccount', { jid: 'alice@nowhere.test', password: PASSWORD, rememberPassword: true });
      expect(view.settings.rememberPassword).toBe(true);
      const file = await storedPasswords(app.dataDir);
      expect(file).toContain(view.settings.id);
      expect(file).not.toContain(PASSWORD);
    } finally {
      await app.close();
    }
  });
});
