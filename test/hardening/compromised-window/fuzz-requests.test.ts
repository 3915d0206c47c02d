/**
 * A compromised window sends anything (issue 9, the hardening suite's "compromised window" part): every
 * channel of the contract, fuzzed with arbitrary and oversized payloads. Whatever arrives, the dispatcher
 * answers with a result and never throws; a payload the schema refuses never reaches a handler; one it
 * accepts reaches it only as the schema's output. Real dispatcher and schemas, recording handlers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REQUEST_NAMES, type RequestName } from '../../../app/ipc/channels.js';
import { requestSchemas } from '../../../app/ipc/contract.js';
import { createDispatch } from '../../../main/ipc/dispatch.js';
import type { RequestHandlers } from '../../../main/ipc/handlers.js';
import { expectBehaviour } from '../behaviour-table.js';

function recordingDispatch() {
  const calls: Array<{ name: RequestName; payload: unknown }> = [];
  const table: Record<string, unknown> = {};
  for (const name of REQUEST_NAMES) {
    table[name] = async (payload: unknown) => {
      calls.push({ name, payload });
      return null;
    };
  }
  const dispatch = createDispatch(table as unknown as RequestHandlers, { logError: () => undefined });
  return { dispatch, calls };
}

const ACCOUNT = '3b241101-e2bb-4255-8caf-4136c566a962';
const BODY_LIMIT = 256 * 1024;
/**
 * Bodies at the limit and just past it (limit - 2 ... limit + 2 UTF-16 units), built by repeating a short
 * random string: drawing a quarter of a million characters one by one took most of this folder's run time.
 */
const oversized = fc
  .tuple(fc.string({ minLength: 1, maxLength: 8, unit: 'binary' }), fc.integer({ min: -2, max: 2 }))
  .map(([unit, delta]) => unit.repeat(Math.ceil((BODY_LIMIT + 2) / unit.length)).slice(0, BODY_LIMIT + delta));

/** Payloads shaped like real ones, so the fuzzing also reaches the fields' own rules, not only "not an object". */
const nearMisses = fc.oneof(
  fc.anything(),
  fc.record({ accountId: fc.oneof(fc.constant(ACCOUNT), fc.string()), jid: fc.string(), to: fc.string(), body: fc.string(), domain: fc.string() }, { requiredKeys: [] }),
  fc.record({ accountId: fc.constant(ACCOUNT), to: fc.constant('bob@example.com'), body: oversized }),
  fc.record({ requestId: fc.string({ maxLength: 200 }), decision: fc.constantFrom('pin', 'replace-pin', 'connect-once', 'cancel', 'trust-everything') }),
);

const RUNS_PER_CHANNEL = 60;

describe('a compromised window: every IPC channel under arbitrary payloads', () => {
  it.for(REQUEST_NAMES)('%s: refused payloads never reach the handler; accepted ones arrive as parsed', async (name, context) => {
    let refused = 0;
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(nearMisses, async (payload) => {
        const { dispatch, calls } = recordingDispatch();
        const result = await dispatch(name, payload);
        const verdict = requestSchemas[name].safeParse(payload);
        if (!verdict.success) {
          expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
          expect(calls).toEqual([]);
          refused++;
        } else {
          expect(result).toEqual({ ok: true, value: null });
          expect(calls).toEqual([{ name, payload: verdict.data }]);
          accepted++;
        }
      }),
      { numRuns: RUNS_PER_CHANNEL },
    );
    // fast-check reruns shrunk cases only on failure, so on success every run is counted exactly once.
    expectBehaviour(context, {
      expected: `${RUNS_PER_CHANNEL} payloads answered, no refused one reached the handler`,
      got: `${refused + accepted} payloads answered, no refused one reached the handler`,
    });
  });

  it('refuses names that are not channels, whatever the payload', async (context) => {
    let refusedNames = 0;
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.anything(), async (name, payload) => {
        fc.pre(!(REQUEST_NAMES as readonly string[]).includes(name));
        const { dispatch, calls } = recordingDispatch();
        expect(await dispatch(name, payload)).toMatchObject({ ok: false, error: { code: 'unknown-request' } });
        expect(calls).toEqual([]);
        refusedNames++;
      }),
      { numRuns: 200 },
    );
    expectBehaviour(context, {
      expected: 'every unknown channel answered unknown-request, no handler ran',
      got: refusedNames > 0 ? 'every unknown channel answered unknown-request, no handler ran' : 'no unknown channel was tried',
    });
  });
});
