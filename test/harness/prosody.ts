/**
 * A real Prosody for integration tests: one instance per suite, its own temp directory, config, ports and
 * certificates, listening on 127.0.0.1 only. Stopped by PID (SIGTERM) in `stop()`.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort, waitForPort } from './free-port.js';
import { PROSODY } from './system-dependency.js';

const run = promisify(execFile);

export interface ProsodyHost {
  readonly domain: string;
  /** The certificate (PEM, leaf first, chain may follow) and key this virtual host presents. */
  readonly certPem: string;
  readonly keyPem: string;
}

export interface ProsodyUser {
  readonly user: string;
  readonly host: string;
  readonly password: string;
}

export interface ProsodyOptions {
  readonly hosts: readonly ProsodyHost[];
  readonly users?: readonly ProsodyUser[];
  /** Extra modules beyond the defaults. */
  readonly modules?: readonly string[];
  /** Default modules to leave out, e.g. "mam" for a server that keeps no message archive. */
  readonly withoutModules?: readonly string[];
  /** Set false to make Prosody offer no STARTTLS (a hostile or misconfigured server). */
  readonly offerTls?: boolean;
  /** LuaSec's protocol setting, e.g. 'tlsv1_2' for TLS 1.2 only; default Prosody's own (TLS 1.2 and later). */
  readonly tlsProtocol?: string;
  /**
   * Room services (XEP-0045), each a `Component "<domain>" "muc"` with the room archive (mod_muc_mam).
   * Name them as subdomains of a virtual host (rooms.example.test): Prosody then lists them in that host's
   * disco#items, and clients reach them through their own server (no DNS, no s2s).
   */
  readonly roomServices?: readonly string[];
  /**
   * Most items one archive (the message archive, and offline messages, which Prosody keeps as an archive too)
   * may hold in its file storage; Prosody's default is 10,000, beyond which messages to an offline user bounce.
   */
  readonly archiveItemLimit?: number;
  /**
   * issue 14: files. An XEP-0363 upload service (`Component "<domain>" "http_file_share"`) on Prosody's own
   * HTTPS port (127.0.0.1, an ephemeral port), presenting `certPem` for `domain`. Absent: no HTTP at all, as
   * before. Name it as a subdomain of a virtual host so that host's disco#items lists it.
   */
  readonly fileShare?: { readonly domain: string; readonly certPem: string; readonly keyPem: string; readonly sizeLimit?: number };
}

export interface Prosody {
  readonly starttlsPort: number;
  readonly directTlsPort: number;
  /** issue 14: files. The HTTPS port of the upload service (null without `fileShare`). */
  readonly httpsPort: number | null;
  readonly dir: string;
  readonly pid: number;
  /** Replace these hosts' certificates and restart once (same ports, same data). */
  replaceCertificates(hosts: readonly ProsodyHost[]): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
  log(): Promise<string>;
}

const DEFAULT_MODULES = ['roster', 'saslauth', 'tls', 'disco', 'ping', 'carbons', 'mam', 'offline', 'smacks', 'posix'];

const lua = (s: string) => JSON.stringify(s); // JSON string syntax is valid Lua for our paths and names

export async function startProsody(options: ProsodyOptions): Promise<Prosody> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hostproof-prosody-'));
  const certDir = path.join(dir, 'certs');
  await mkdir(certDir, { recursive: true });
  await mkdir(path.join(dir, 'data'), { recursive: true });
  const starttlsPort = await freePort();
  const directTlsPort = await freePort();
  const httpsPort = options.fileShare === undefined ? null : await freePort();
  const configFile = path.join(dir, 'prosody.cfg.lua');
  const hosts = new Map(options.hosts.map((h) => [h.domain, h]));

  const writeConfig = async () => {
    const modules = [...DEFAULT_MODULES, ...(options.modules ?? [])]
      .filter((m) => options.offerTls !== false || m !== 'tls')
      .filter((m) => !(options.withoutModules ?? []).includes(m));
    const vhosts: string[] = [];
    for (const host of hosts.values()) {
      const cert = path.join(certDir, `${host.domain}.crt`);
      const key = path.join(certDir, `${host.domain}.key`);
      await writeFile(cert, host.certPem);
      await writeFile(key, host.keyPem, { mode: 0o600 });
      vhosts.push(`VirtualHost ${lua(host.domain)}\n  ssl = { certificate = ${lua(cert)}, key = ${lua(key)} }\n`);
    }
    // Components come last: every setting after a Component line belongs to that component.
    const components = (options.roomServices ?? []).map((domain) => `Component ${lua(domain)} "muc"\n  modules_enabled = { "muc_mam" }\n`);
    // issue 14: files. Prosody finds the HTTPS certificate for the upload host by its name in `certificates`.
    const share = options.fileShare;
    if (share !== undefined) {
      const cert = path.join(certDir, `${share.domain}.crt`);
      const key = path.join(certDir, `${share.domain}.key`);
      await writeFile(cert, share.certPem);
      await writeFile(key, share.keyPem, { mode: 0o600 });
      components.push(
        `Component ${lua(share.domain)} "http_file_share"\n  ssl = { certificate = ${lua(cert)}, key = ${lua(key)} }\n` +
          `  https_ssl = { certificate = ${lua(cert)}, key = ${lua(key)} }\n` +
          `  http_file_share_size_limit = ${Math.floor(share.sizeLimit ?? 1024 * 1024)}\n`,
      );
    }
    const config = `
run_as_root = true
daemonize = false
pidfile = ${lua(path.join(dir, 'prosody.pid'))}
data_path = ${lua(path.join(dir, 'data'))}
certificates = ${lua(certDir)}
interfaces = { "127.0.0.1" }
c2s_ports = { ${starttlsPort} }
c2s_direct_tls_ports = { ${options.offerTls === false ? '' : directTlsPort} }
s2s_ports = { }
http_ports = { }
https_ports = { ${httpsPort ?? ''} }
https_interfaces = { "127.0.0.1" }
modules_enabled = { ${modules.map(lua).join(', ')} }
modules_disabled = { "s2s" }
${options.tlsProtocol === undefined ? '' : `ssl = { protocol = ${lua(options.tlsProtocol)} }`}
c2s_require_encryption = ${options.offerTls === false ? 'false' : 'true'}
allow_unencrypted_plain_auth = false
authentication = "internal_hashed"
storage = "internal"
archive_expires_after = "never"
${options.archiveItemLimit === undefined ? '' : `storage_archive_item_limit = ${Math.floor(options.archiveItemLimit)}`}
log = { { levels = { min = "info" }, to = "file", filename = ${lua(path.join(dir, 'prosody.log'))} } }
${vhosts.join('\n')}
${components.join('\n')}
`;
    await writeFile(configFile, config);
  };

  await writeConfig();
  for (const u of options.users ?? []) {
    await run('prosodyctl', ['--config', configFile, 'register', u.user, u.host, u.password]);
  }

  let child: ChildProcess | null = null;
  const launch = async () => {
    const proc = spawn(PROSODY.path, ['--config', configFile, '-F'], { stdio: 'ignore' });
    child = proc;
    const exited = new Promise<never>((_, reject) =>
      proc.once('exit', (code) => reject(new Error(`Prosody exited early with code ${code}; see ${dir}/prosody.log`))),
    );
    await Promise.race([waitForPort(starttlsPort), exited]);
    proc.removeAllListeners('exit');
  };
  const halt = async () => {
    const proc = child;
    // A process ended by a signal has exitCode null but signalCode set: it is gone all the same.
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill('SIGTERM');
      setTimeout(() => proc.kill('SIGKILL'), 5000).unref();
    });
    child = null;
  };

  await launch();
  return {
    starttlsPort,
    directTlsPort,
    httpsPort,
    dir,
    get pid() {
      return (child as ChildProcess | null)?.pid ?? -1;
    },
    replaceCertificates: async (replaced) => {
      for (const host of replaced) hosts.set(host.domain, host);
      await halt();
      await writeConfig();
      await launch();
    },
    restart: async () => {
      await halt();
      await launch();
    },
    stop: async () => {
      await halt();
      await rm(dir, { recursive: true, force: true });
    },
    log: () => readFile(path.join(dir, 'prosody.log'), 'utf8').catch(() => ''),
  };
}
