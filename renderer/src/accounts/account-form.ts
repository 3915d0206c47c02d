import type { AccountSettings } from '../../../app/domain/account.js';
import { parseBareJid } from '../../../app/domain/address/jid.js';
import { FIELD_LIMITS, type RequestPayload } from '../../../app/ipc/contract.js';

export interface AccountFormValues {
  readonly jid: string;
  readonly password: string;
  readonly rememberPassword: boolean;
  readonly autoConnect: boolean;
  /** Host and port typed in the advanced section; both empty means "find the server through DNS". */
  readonly host: string;
  readonly port: string;
  readonly directTls: boolean;
}

export type AccountField = 'jid' | 'password' | 'host' | 'port';
export type FieldErrors = Partial<Record<AccountField, string>>;

export const emptyAccountForm: AccountFormValues = {
  jid: '',
  password: '',
  rememberPassword: true,
  autoConnect: true,
  host: '',
  port: '',
  directTls: false,
};

export function formFromSettings(settings: AccountSettings): AccountFormValues {
  return {
    jid: settings.jid,
    password: '',
    rememberPassword: settings.rememberPassword,
    autoConnect: settings.autoConnect,
    host: settings.server?.host ?? '',
    port: settings.server ? String(settings.server.port) : '',
    directTls: settings.server?.directTls ?? false,
  };
}

/**
 * Plain-words problem with a chat address, or null when it is one: the same parser the main process runs
 * (app/domain/address), so the form never accepts what main would refuse, nor the other way round.
 */
export function jidProblem(raw: string, whose: 'your' | 'their' = 'your'): string | null {
  if (raw.trim() === '') return whose === 'your' ? 'Enter your chat address, for example alice@example.com.' : 'Enter their chat address, for example bob@example.org.';
  const parsed = parseBareJid(raw);
  return parsed.ok ? null : parsed.problem.message;
}

function passwordProblem(password: string, required: boolean): string | null {
  if (password === '') return required ? 'Enter your password.' : null;
  if (password.length > FIELD_LIMITS.password) return `That password is too long (${FIELD_LIMITS.password} characters at most).`;
  return null;
}

type ServerResult = { readonly ok: true; readonly server: AccountSettings['server'] } | { readonly ok: false; readonly errors: FieldErrors };

function parseServer(values: AccountFormValues): ServerResult {
  const host = values.host.trim();
  const port = values.port.trim();
  const errors: FieldErrors = {};
  if (host === '' && port === '') return { ok: true, server: null };
  if (host === '') errors.host = 'Enter the server host as well, or leave the port empty.';
  else if (host.length > FIELD_LIMITS.hostName || !/^[A-Za-z0-9.:[\]_-]+$/.test(host)) {
    errors.host = 'The server host can contain only letters, digits, dots, dashes and colons, for example chat.example.com.';
  }
  let portNumber = values.directTls ? 5223 : 5222;
  if (port !== '') {
    portNumber = /^\d{1,5}$/.test(port) ? Number(port) : NaN;
    if (!(portNumber >= 1 && portNumber <= 65_535)) errors.port = 'The port is a number from 1 to 65535.';
  }
  if (errors.host || errors.port) return { ok: false, errors };
  return { ok: true, server: { host, port: portNumber, directTls: values.directTls } };
}

export type Validated<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: FieldErrors };

/** The checks both forms share: the password (required or not) and the advanced server fields. */
function checkCommon(values: AccountFormValues, passwordRequired: boolean, errors: FieldErrors): ServerResult {
  const password = passwordProblem(values.password, passwordRequired);
  if (password) errors.password = password;
  const server = parseServer(values);
  if (!server.ok) Object.assign(errors, server.errors);
  return server;
}

/** Checks the "Add account" form and builds exactly the contract's payload. */
export function validateNewAccount(values: AccountFormValues): Validated<RequestPayload<'addAccount'>> {
  const errors: FieldErrors = {};
  const jid = jidProblem(values.jid);
  if (jid) errors.jid = jid;
  const server = checkCommon(values, true, errors);
  if (!server.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      jid: values.jid.trim(),
      password: values.password,
      rememberPassword: values.rememberPassword,
      server: server.server,
      autoConnect: values.autoConnect,
    },
  };
}

/** Checks the edit form; the address cannot change, a new password is optional. */
export function validateAccountUpdate(accountId: string, values: AccountFormValues): Validated<RequestPayload<'updateAccount'>> {
  const errors: FieldErrors = {};
  const server = checkCommon(values, false, errors);
  if (!server.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      accountId,
      server: server.server,
      rememberPassword: values.rememberPassword,
      autoConnect: values.autoConnect,
      ...(values.password === '' ? {} : { password: values.password }),
    },
  };
}
