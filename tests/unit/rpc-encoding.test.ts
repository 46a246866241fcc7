/**
 * The wire format's direct path against bson's EJSON, which it stands in for: the same text written for every
 * value, the same values read from every text (or an error from both).
 */
import { ObjectId } from 'bson';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeRpc, decodeWithBson, encodeRpc, encodeWithBson } from '../../shared/rpc-encoding';

/** Numbers at every edge canonical EJSON writes differently: int32, int64, -0, non-finite, fractions. */
const number = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(
    0,
    -0,
    2 ** 31 - 1,
    2 ** 31,
    -(2 ** 31),
    -(2 ** 31) - 1,
    2 ** 53,
    2 ** 63,
    -(2 ** 63),
    2 ** 64,
  ),
  fc.constantFrom(NaN, Infinity, -Infinity, 1e21, 5e-324, 0.1),
);
const date = fc.oneof(
  fc.date({ noInvalidDate: false }),
  fc.constantFrom(
    new Date(-1),
    new Date(0),
    new Date(253402300800000),
    new Date(8.64e15),
    new Date(-8.64e15),
  ),
);
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('$date', '$numberInt', '\u0000', '\ud800', '"\\', '__proto__'),
);
const key = fc.oneof(text, fc.constantFrom('$date', '$oid', '__proto__', '_id', '0', '10', ''));
const bytes = fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b));

const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    text,
    number,
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    date,
    bytes,
    tie('list'),
    tie('record'),
  ),
  list: fc.array(tie('value'), { maxLength: 5 }),
  record: fc.array(fc.tuple(key, tie('value')), { maxLength: 5 }).map((entries) => {
    // Own properties, `__proto__` included, as JSON.parse and the services make them.
    const out: Record<string, unknown> = {};
    for (const [k, v] of entries)
      Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    return out;
  }),
}));

/** EJSON forms and near-misses, as an older client or a hand-made request may send them. */
const special = fc.oneof(
  fc.record({
    $numberInt: fc.oneof(fc.integer().map(String), fc.constantFrom('12abc', '', ' 7', '-0', '1e3')),
  }),
  fc.record({
    $numberDouble: fc.oneof(fc.double().map(String), fc.constantFrom('-0.0', 'NaN', '-Infinity', 'x')),
  }),
  fc.record({
    $numberLong: fc.oneof(
      fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String),
      fc.constantFrom('-0', '007', '9007199254740993', '999999999999999', '1000000000000000', 'x'),
    ),
  }),
  fc.record({
    $date: fc.oneof(
      fc.date({ noInvalidDate: false }).map((d) => (isNaN(d.getTime()) ? 'bad' : d.toISOString())),
      fc.constantFrom('2026-12-01', 'nope'),
    ),
  }),
  fc.record({
    $date: fc.record({
      $numberLong: fc.oneof(fc.integer().map(String), fc.constantFrom('-0', '8640000000000001', '1.5')),
    }),
  }),
  fc.record({
    $binary: fc.record({ base64: fc.base64String(), subType: fc.constantFrom('00', '0', '04', '80', '') }),
  }),
  fc.record({
    $binary: fc.record({ base64: fc.base64String(), subType: fc.constant('00'), extra: fc.string() }),
  }),
  fc.constantFrom(
    { $oid: '65f0c0ffee0000000000abcd' },
    { $undefined: true },
    { $regularExpression: { pattern: 'a', options: 'i' } },
    { $timestamp: { t: 1, i: 2 } },
    { $minKey: 1 },
    { $numberInt: '5', other: 1 },
    { other: 1, $numberInt: '5' },
    { $numberInt: null },
    { $date: null },
    { $unknown: 1 },
    { $ref: 'x', $id: 1 },
    { 'a\u0000b': 1 },
    { $date: { $numberLong: '1', more: 1 } },
  ),
);
const { json } = fc.letrec((tie) => ({
  json: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 2 }),
    special,
    fc.array(tie('json'), { maxLength: 4 }),
    fc.dictionary(key, tie('json'), { maxKeys: 4 }),
  ),
}));

type Outcome = { threw: true } | { threw: false; value: unknown };
const outcome = (read: () => unknown): Outcome => {
  try {
    return { threw: false, value: read() };
  } catch {
    return { threw: true };
  }
};

/** Two read values alike: the same canonical text (types and -0 included) and the same prototypes throughout. */
function expectSameValue(a: unknown, b: unknown): void {
  expect(encodeWithBson(a)).toBe(encodeWithBson(b));
  const shapes = (v: unknown): unknown =>
    v !== null && typeof v === 'object'
      ? {
          proto:
            (Object.getPrototypeOf(v) as { constructor?: { name: string } } | null)?.constructor?.name ??
            null,
          own: Object.keys(v).map((k) => [k, shapes((v as Record<string, unknown>)[k])]),
        }
      : typeof v;
  expect(shapes(a)).toEqual(shapes(b));
}

/** The text read alike by both, or refused by both (a `$oid` field of the wrong shape, say). */
function expectSameOutcome(wire: string): void {
  const fast = outcome(() => decodeRpc(wire));
  const bson = outcome(() => decodeWithBson(wire));
  expect(fast.threw).toBe(bson.threw);
  if (!fast.threw && !bson.threw) expectSameValue(fast.value, bson.value);
}

describe('the wire format', () => {
  it('writes every value exactly as bson EJSON does', () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(encodeRpc(v)).toBe(encodeWithBson(v));
      }),
      { numRuns: 2000, seed: 20261201 },
    );
  });

  it('reads back what it wrote as bson EJSON reads it', () => {
    fc.assert(
      fc.property(value, (v) => {
        const wire = encodeRpc(v);
        expectSameOutcome(wire);
      }),
      { numRuns: 2000, seed: 20261201 },
    );
  });

  it('reads any JSON, EJSON forms and near-misses included, as bson EJSON does (or refuses it as bson does)', () => {
    fc.assert(
      fc.property(json, (parsed) => {
        expectSameOutcome(JSON.stringify(parsed));
      }),
      { numRuns: 3000, seed: 20261201 },
    );
  });

  it('reads texts JSON.stringify never writes as bson does: -0, numbers beyond a double, inside `$` objects too', () => {
    for (const text of [
      '{"$x":-0}',
      '{"a":-0,"b":[-0.0,1e400,-1e400]}',
      '{"$date":1e400}',
      '{"$numberDouble":1e400}',
      '{"$numberInt":-0}',
      '{"a":{"$numberLong":"1","b":-0}}',
      '{"a":{"$oid":"65f0c0ffee0000000000abcd"},"b":-0}',
      '{"a":1E2,"b":0.10,"c":-0e0}',
    ]) {
      expectSameOutcome(text);
    }
  });

  it('reads own fields only, as bson does, whatever Object.prototype was given', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.given = { $numberInt: '1' };
    try {
      expect(Object.keys(decodeRpc('{"a":1,"b":{"$numberInt":"2"}}') as object)).toEqual(['a', 'b']);
      expect(decodeRpc('{"a":{"c":1}}')).toEqual(decodeWithBson('{"a":{"c":1}}'));
    } finally {
      delete proto.given;
    }
  });

  it('keeps a `__proto__` field an own field, never the prototype', () => {
    const read = decodeRpc('{"__proto__":{"$date":{"$numberLong":"5"}},"a":{"__proto__":[1]}}') as Record<
      string,
      unknown
    >;
    expect(Object.getPrototypeOf(read)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(read, '__proto__')?.value).toEqual(new Date(5));
    expect(Object.getPrototypeOf(read.a)).toBe(Object.prototype);
  });

  it('reads dates, numbers and bytes as the app uses them', () => {
    const sent = {
      at: new Date(1_700_000_000_000),
      n: 3,
      x: 1.5,
      big: 2 ** 40,
      bytes: new Uint8Array([1, 2, 255]),
    };
    const read = decodeRpc(encodeRpc(sent)) as typeof sent;
    expect(read.at).toEqual(sent.at);
    expect([read.n, read.x, read.big]).toEqual([3, 1.5, 2 ** 40]);
    expect([...read.bytes]).toEqual([1, 2, 255]);
  });

  it('hands what it does not write itself to bson: another class, a `_bsontype` field', () => {
    const id = new ObjectId('65f0c0ffee0000000000abcd');
    expect(encodeRpc({ id })).toBe('{"id":{"$oid":"65f0c0ffee0000000000abcd"}}');
    expect(decodeRpc(encodeRpc({ id }))).toEqual({ id });
    expect(() => encodeRpc({ _bsontype: 'Nope' })).toThrow();
    expect(() => encodeWithBson({ _bsontype: 'Nope' })).toThrow();
    expect(() => decodeRpc('{"a\\u0000":1}')).toThrow();
  });
});
