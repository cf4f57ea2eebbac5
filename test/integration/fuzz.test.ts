import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChannelName, contract } from '../../shared/api/contract';
import { CHANNELS } from '../../shared/api/channels';
import { AppError } from '../../electron/ipc/errors';
import type { ReportShell } from '../../electron/reports/shell';
import { TestApp } from '../helpers/db';

// Every channel gets at least 1,000 malformed payloads through the real handlers, on a real
// caseload (the sample), with a fixed seed: no crash, no write, and a clear error each time.
const PER_CHANNEL = 1000;

const cancelShell: ReportShell = {
  chooseFolder: async () => null,
  chooseSavePath: async () => null,
  chooseOpenPath: async () => null,
  htmlToPdf: async () => {
    throw new AppError('invalid', 'no PDF engine in the fuzz test');
  },
  printHtml: async () => false,
};

let app: TestApp;
beforeAll(() => {
  app = new TestApp('2026-11-18', cancelShell);
  app.call('loadSampleCaseload');
});
afterAll(() => app.close());

const changes = () => (app.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;

/** Values that are wrong for most fields, and some that look almost right. */
const badValue = fc.oneof(
  fc.anything(),
  fc.constantFrom(
    '',
    ' ',
    '2026-02-30',
    '2026-13-01',
    '26:00',
    '<script>alert(1)</script>',
    '=HYPERLINK("x")',
    'x'.repeat(5000),
    'caseload-../../etc.sqlite3',
  ),
  fc.constantFrom(-1, 0, 1.5, 1e12, Number.MAX_SAFE_INTEGER, -0),
  fc.constantFrom(null, true, [], {}, [1, 2, 3]),
);

function shapeOf(schema: unknown): string[] {
  const s = schema as { shape?: Record<string, unknown>; def?: { innerType?: unknown; in?: unknown } };
  if (s.shape) return Object.keys(s.shape);
  if (s.def?.innerType) return shapeOf(s.def.innerType);
  if (s.def?.in) return shapeOf(s.def.in);
  return [];
}

function payloads(name: ChannelName) {
  const keys = shapeOf(contract[name].input);
  const withKeys = keys.length
    ? fc.dictionary(fc.constantFrom(...keys), badValue, { minKeys: 1 })
    : fc.dictionary(fc.string(), badValue, { minKeys: 1 });
  return fc.oneof(fc.anything(), withKeys, fc.array(badValue), fc.string(), fc.integer());
}

describe('fuzzed IPC boundary', () => {
  it(`every channel refuses ${PER_CHANNEL}+ malformed payloads without crashing or writing`, async () => {
    let total = 0;
    for (const [i, name] of CHANNELS.entries()) {
      let malformed = 0;
      await fc.assert(
        fc.asyncProperty(payloads(name), async (payload) => {
          const schemaOk = contract[name].input.safeParse(payload).success;
          const before = changes();
          const result = await (app.handlers[name] as (input: unknown) => unknown)(payload);
          const r = result as { ok: boolean; error?: { code: string; message: string; field?: string } };
          if (schemaOk) return; // well-formed by chance: not one of the malformed payloads
          malformed++;
          expect(r.ok).toBe(false);
          expect(changes()).toBe(before);
          expect(r.error!.code).toBe('invalid');
          expect(r.error!.message.length).toBeGreaterThan(5);
          expect(r.error!.message).not.toMatch(/\n\s+at |ZodError|undefined|\[object Object\]/);
        }),
        { seed: 1000 + i, numRuns: PER_CHANNEL + 100 },
      );
      expect(malformed, name).toBeGreaterThanOrEqual(PER_CHANNEL);
      total += malformed;
    }
    console.log(`fuzz: ${total} malformed payloads over ${CHANNELS.length} channels`);
  }, 300_000);
});
