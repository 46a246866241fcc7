/**
 * Property-based: junk inputs for every channel — operator objects, wrong types, huge strings, unknown keys,
 * prototype tricks — never crash the router, never answer a 5xx, and write nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allChannels } from '../../../shared/contract';
import { api, school, useSchool } from '../../support/api';
import { samples, type AllName } from '../../support/contract-samples';

useSchool();

const operator = fc.constantFrom(
  '$gt',
  '$ne',
  '$where',
  '$regex',
  '$expr',
  '__proto__',
  'constructor',
  '$set',
);
const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ maxDepth: 2, withBoxedValues: false }),
  fc.dictionary(operator, fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { minKeys: 1, maxKeys: 2 }),
  fc.string({ minLength: 5000, maxLength: 6000 }),
  fc.constantFrom(null, undefined, NaN, -1, 1e308, '', 'x'.repeat(25), '0'.repeat(24), [], {}),
);

/** A sample input with some keys replaced by junk and possibly an extra key. */
function junkFor(name: AllName): fc.Arbitrary<unknown> {
  const base = samples[name][0] as Record<string, unknown>;
  const keys = Object.keys(base);
  if (keys.length === 0)
    return fc.oneof(
      junkValue,
      fc.dictionary(fc.oneof(operator, fc.string({ maxLength: 8 })), junkValue, { minKeys: 1, maxKeys: 3 }),
    );
  return fc.oneof(
    junkValue,
    fc
      .record({
        replace: fc.subarray(keys, { minLength: 1 }),
        values: fc.array(junkValue, { minLength: keys.length || 1, maxLength: keys.length || 1 }),
        extra: fc.option(fc.tuple(fc.oneof(operator, fc.string({ maxLength: 8 })), junkValue)),
      })
      .map(({ replace, values, extra }) => {
        const out: Record<string, unknown> = { ...base };
        replace.forEach((k, i) => (out[k] = values[i]));
        if (extra) out[extra[0]] = extra[1];
        return out;
      }),
  );
}

async function documentCount(): Promise<number> {
  const tenant = await api.deps.db.tenant(school.admin.databaseName);
  let total = 0;
  for (const model of Object.values(tenant.models) as Array<{
    modelName: string;
    countDocuments(): Promise<number>;
  }>) {
    if (model.modelName !== 'ActivityLog') total += await model.countDocuments();
  }
  return total;
}

describe('junk inputs', () => {
  it.each((Object.keys(allChannels) as AllName[]).filter((n) => n !== 'auth.logout'))(
    '%s: never a 5xx, nothing written',
    async (name) => {
      const before = await documentCount();
      let anyAccepted = false;
      await fc.assert(
        fc.asyncProperty(junkFor(name), async (input) => {
          const result = await api.call(name, input, school.admin.token);
          if (result.ok) {
            anyAccepted = true; // junk that happened to be valid input
            return;
          }
          expect(['INTERNAL', 'UNAVAILABLE']).not.toContain(result.error.code);
          expect(result.error.message).not.toMatch(/at \w+ \(|node_modules|Mongo|E11000/);
        }),
        { numRuns: 15, seed: 20261124 },
      );
      // Refused input writes nothing.
      if (!anyAccepted) expect(await documentCount()).toBe(before);
    },
  );
});
