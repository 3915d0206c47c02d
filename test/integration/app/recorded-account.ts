/**
 * One account against the recording XMPP server (every byte it decrypts is kept): a self-signed server
 * certificate for the domain, no DNS (so no POSH either), the server configured by address. Each test owns
 * what this returns and closes it with `close()`.
 */
import { startRecordingXmppServer, type RecordingXmppServer, type ServerScript } from '../../harness/recording-xmpp-server.js';
import { appCaller, type AppCall } from '../../harness/app-caller.js';
import { createTestApp, type TestApp, type TestAppOptions } from '../../harness/test-app.js';
import { createTestCertificate, type TestCertificate } from '../../harness/test-pki.js';

export interface RecordedAccount {
  readonly server: RecordingXmppServer;
  /** The server's certificate and key (a second server can present the same key). */
  readonly certificate: TestCertificate;
  readonly app: TestApp;
  readonly call: AppCall;
  readonly id: string;
  close(): Promise<void>;
}

export async function recordedAccount(options: {
  domain: string;
  password: string;
  mode: 'starttls' | 'direct-tls';
  script?: Partial<ServerScript>;
  app?: TestAppOptions;
}): Promise<RecordedAccount> {
  const certificate = await createTestCertificate({ commonName: options.domain, dnsNames: [options.domain] });
  const server = await startRecordingXmppServer({
    certificate,
    mode: options.mode,
    domain: options.domain,
    script: { users: { alice: options.password }, ...options.script },
  });
  const app = await createTestApp({
    network: { lookup: async (name) => Promise.reject(new Error(`no such name ${name} in this test`)) },
    ...options.app,
  });
  const close = async () => {
    await app.close();
    await server.close();
  };
  try {
    const call = appCaller(app);
    const view = await call('addAccount', {
      jid: `alice@${options.domain}`,
      password: options.password,
      rememberPassword: false,
      server: { host: '127.0.0.1', port: server.port, directTls: options.mode === 'direct-tls' },
    });
    return { server, certificate, app, call, id: view.settings.id, close };
  } catch (error) {
    await close();
    throw error;
  }
}
