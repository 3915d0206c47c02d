import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { restrictedImports } from './lint-imports.js';

const NO_XMPP = 'must not import main/xmpp/';
const NO_SERVICES = 'must not import main/services/';
const LEAF = 'are leaves';

describe('the layers inside main/ are enforced by lint', () => {
  it.each([
    ['main/trust/bad.ts', "import { createXmppResolver } from '../xmpp/resolver.js';\nexport const x = createXmppResolver;\n", NO_XMPP],
    ['main/trust/posh/bad.ts', "import type { XmppResolver } from '../../xmpp/resolver.js';\nexport type X = XmppResolver;\n", NO_XMPP],
    ['main/trust/bad.ts', "import { createHandlers } from '../services/create-handlers.js';\nexport const x = createHandlers;\n", NO_SERVICES],
    ['main/trust/posh/bad.ts', "export { createHandlers } from '../../services/create-handlers.js';\n", NO_SERVICES],
    ['main/xmpp/bad.ts', "import { createAccountChat } from '../services/account-chat.js';\nexport const x = createAccountChat;\n", NO_SERVICES],
    ['main/xmpp/features/bad.ts', "import type { ChatFeatures } from '../../services/chat-features.js';\nexport type X = ChatFeatures;\n", NO_SERVICES],
    ['main/omemo/bad.ts', "import { createXmppResolver } from '../xmpp/resolver.js';\nexport const x = createXmppResolver;\n", NO_XMPP],
    ['main/omemo/bad.ts', "import type { ChatFeatures } from '../services/chat-features.js';\nexport type X = ChatFeatures;\n", NO_SERVICES],
    ['main/store/bad.ts', "import type { MechanismName } from '../xmpp/sasl/mechanism.js';\nexport type X = MechanismName;\n", NO_XMPP],
    ['main/store/bad.ts', "export * from '../xmpp/resolver.js';\n", NO_XMPP],
    ['main/net/bad.ts', "import { encodeBase64 } from '../encoding/base64.js';\nexport const x = encodeBase64;\n", LEAF],
    ['main/net/bad.ts', "import { pemToDerList } from '../trust/certificate.js';\nexport const x = pemToDerList;\n", LEAF],
    ['main/encoding/bad.ts', "import { createNameLookup } from '../net/name-lookup.js';\nexport const x = createNameLookup;\n", LEAF],
    ['main/encoding/bad.ts', "import { createPathLocks } from '../store/path-locks.js';\nexport const x = createPathLocks;\n", LEAF],
  ])('reports the forbidden import in %s', async (filePath, code, rule) => {
    const messages = await restrictedImports(filePath, code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(rule);
  });

  it.each([
    ['main/trust/fine.ts', "import { createNameLookup } from '../net/name-lookup.js';\nexport const x = createNameLookup;\n"],
    ['main/trust/fine.ts', "import { jid } from '@xmpp/jid';\nexport const x = jid;\n"],
    ['main/xmpp/fine.ts', "import { decideTrust } from '../trust/verdict.js';\nexport const x = decideTrust;\n"],
    ['main/xmpp/features/fine.ts', "import type { PublicBundle } from '../../omemo/omemo-types.js';\nexport type X = PublicBundle;\n"],
    ['main/store/fine.ts', "import { toReferenceDomain } from '../trust/domain-name.js';\nexport const x = toReferenceDomain;\n"],
    ['main/services/fine.ts', "import { createXmppResolver } from '../xmpp/resolver.js';\nexport const x = createXmppResolver;\n"],
    ['main/net/fine.ts', "import type { AccountId } from '../../app/domain/account.js';\nimport dns from 'node:dns';\nexport type X = AccountId;\nexport const y = dns;\n"],
    ['main/encoding/fine.ts', "import { encodeBase64 } from './base64.js';\nexport const x = encodeBase64;\n"],
  ])('allows the permitted import in %s', async (filePath, code) => {
    expect(await restrictedImports(filePath, code)).toEqual([]);
  });

  it('keeps the older boundaries in the layered folders', async () => {
    expect(await restrictedImports('main/store/bad.ts', "import { app } from 'electron';\nexport const x = app;\n")).toHaveLength(1);
    const renderer = await restrictedImports('main/trust/bad.ts', "import { App } from '../../renderer/src/App.js';\nexport const x = App;\n");
    expect(renderer).toHaveLength(1);
    expect(renderer[0]).toContain('must not import renderer/');
  });

  it('holds for the real tree', async () => {
    const results = await new ESLint({ cwd: process.cwd() }).lintFiles(['main/**/*.ts']);
    const broken = results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => `${r.filePath}:${m.line} ${m.message}`));
    expect(results.length).toBeGreaterThan(100);
    expect(broken).toEqual([]);
  }, 60_000);
});
