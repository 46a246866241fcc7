/**
 * The station's wire format: canonical EJSON, so dates and bytes survive HTTP. EJSON writes a bare Uint8Array as
 * an object of numbered keys, so bytes travel as bson's Binary and come back as bytes. Numbers travel canonically
 * and are read back relaxed (plain numbers).
 *
 * Every call's answer passes through here twice (the station writes it, the client reads it), and bson's own
 * EJSON walks each value through generic checks: a page of 8 KB cost 110 µs to read and 50 µs to write. So the
 * values the contract carries (plain objects, arrays, strings, numbers, booleans, null, dates, bytes) take a
 * direct path that writes and reads exactly what bson's EJSON does; anything else (another class, a `$` key the
 * direct path does not know) goes through bson's EJSON as before. tests/unit/rpc-encoding.test.ts holds the two
 * paths to the same text and the same values.
 */
import { Binary, EJSON } from 'bson';

/** The value with `leaf` applied to everything but arrays and plain objects, which are copied around it. */
function mapLeaves(value: unknown, leaf: (v: unknown) => unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => mapLeaves(v, leaf));
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapLeaves(v, leaf)]));
  }
  return leaf(value);
}

const wrapBytes = (value: unknown): unknown =>
  mapLeaves(value, (v) => (v instanceof Uint8Array ? new Binary(v) : v));

const unwrapBytes = (value: unknown): unknown =>
  mapLeaves(value, (v) => (v instanceof Binary ? v.buffer.subarray(0, v.position) : v));

/** Thrown by the direct path at what it does not handle: the whole value or text then goes through bson's EJSON. */
class NotDirect extends Error {}

const INT32_MIN = -0x80000000;
const INT32_MAX = 0x7fffffff;
const INT64_LIMIT = 2 ** 63;

/** A number as canonical EJSON writes it (bson's serializeValue, not relaxed). */
function numberText(value: number): string {
  if (Number.isInteger(value) && !Object.is(value, -0)) {
    if (value >= INT32_MIN && value <= INT32_MAX) return `{"$numberInt":"${value}"}`;
    if (value >= -INT64_LIMIT && value <= INT64_LIMIT) return `{"$numberLong":"${value}"}`;
  }
  return `{"$numberDouble":"${Object.is(value, -0) ? '-0.0' : String(value)}"}`;
}

/**
 * Field names written as JSON strings, kept: the contract's names are a few hundred, each written many times an
 * answer. Names beyond the bound (data used as keys) are quoted each time.
 */
const quotedKeys = new Map<string, string>();
const QUOTED_KEYS_KEPT = 2048;

function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (quotedKeys.size < QUOTED_KEYS_KEPT && key.length <= 64) quotedKeys.set(key, quoted);
  }
  return quoted;
}

function directText(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return numberText(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      return 'null'; // EJSON writes an undefined property as null, not leaving it out as JSON does
    case 'object':
      break;
    case 'bigint':
    case 'function':
    case 'symbol':
      throw new NotDirect();
  }
  if (value === null) return 'null';
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === Array.prototype) {
    const items = value as unknown[];
    let text = '[';
    for (let i = 0; i < items.length; i++) text += (i ? ',' : '') + directText(items[i]);
    return `${text}]`;
  }
  if (proto === Date.prototype) return `{"$date":{"$numberLong":"${(value as Date).getTime()}"}}`;
  if (value instanceof Uint8Array) return EJSON.stringify(new Binary(value), { relaxed: false });
  // A `_bsontype` key makes bson read a plain object as one of its types.
  if (proto !== Object.prototype || Object.hasOwn(value, '_bsontype')) throw new NotDirect();
  const record = value as Record<string, unknown>;
  let text = '{';
  let first = true;
  for (const key of Object.keys(record)) {
    text += `${first ? '' : ','}${quotedKey(key)}:${directText(record[key])}`;
    first = false;
  }
  return `${text}}`;
}

/** The value as bson's EJSON writes it (canonical, bytes as Binary): what `encodeRpc` writes, by bson alone. */
export function encodeWithBson(value: unknown): string {
  return EJSON.stringify(wrapBytes(value ?? {}), { relaxed: false });
}

/** The text as bson's EJSON reads it (relaxed, Binary as bytes): what `decodeRpc` reads, by bson alone. */
export function decodeWithBson(text: string): unknown {
  return unwrapBytes(EJSON.parse(text));
}

export function encodeRpc(value: unknown): string {
  try {
    return directText(value ?? {});
  } catch (err) {
    if (!(err instanceof NotDirect)) throw err;
    return encodeWithBson(value);
  }
}

/** A `$numberLong` that is exactly a safe integer's decimal text (no sign on zero, no leading zeros). */
const SAFE_LONG = /^(?:0|-?[1-9]\d{0,14})$/;

function onlyKey(value: object): string | undefined {
  const keys = Object.keys(value);
  return keys.length === 1 ? keys[0] : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * A parsed object with a `$` key, read as bson's EJSON.parse (relaxed) reads it: the forms the writer above
 * makes directly. Any other throws NotDirect, and the whole text is read by bson: its value as parsed here has
 * lost what JSON.stringify cannot give back to bson (`-0`, a number beyond a double's range).
 */
function readSpecial(record: Record<string, unknown>): unknown {
  const key = onlyKey(record) ?? '';
  const inner = record[key];
  switch (key) {
    case '$numberInt':
      if (typeof inner === 'string') return parseInt(inner, 10);
      break;
    case '$numberDouble':
      if (typeof inner === 'string') return parseFloat(inner);
      break;
    case '$numberLong':
      if (typeof inner === 'string' && SAFE_LONG.test(inner)) return Number(inner);
      break;
    case '$date': {
      if (typeof inner === 'string') return new Date(Date.parse(inner));
      const long = isRecord(inner) && onlyKey(inner) === '$numberLong' ? inner.$numberLong : undefined;
      if (typeof long === 'string' && SAFE_LONG.test(long)) return new Date(Number(long));
      break;
    }
    case '$binary':
      // Bytes as the writer sends them (subtype 0); a voice note's upload is one such value of megabytes.
      if (isRecord(inner) && inner.subType === '00' && typeof inner.base64 === 'string') {
        if (Object.keys(inner).length !== 2) break;
        const bytes = Binary.createFromBase64(inner.base64, 0);
        return bytes.buffer.subarray(0, bytes.position);
      }
      break;
    default:
      break;
  }
  throw new NotDirect();
}

function readValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = readValue(value[i]);
    return value;
  }
  const record = value as Record<string, unknown>;
  // Own fields only, as bson reads them (for…in would see enumerable fields an Object.prototype was given).
  const keys = Object.keys(record);
  for (const key of keys) {
    // As bson refuses them, and before anything is read under such an object.
    if (key.includes('\u0000')) throw new Error('A field name cannot contain a null byte.');
    if (key.charCodeAt(0) === 36 /* $ */) return readSpecial(record);
  }
  for (const key of keys) {
    // In place: JSON.parse made every object here. (`__proto__` is an own field of it, so this sets the field.)
    const before = record[key];
    const after = readValue(before);
    if (after !== before) record[key] = after;
  }
  return record;
}

export function decodeRpc(text: string): unknown {
  try {
    return readValue(JSON.parse(text));
  } catch (err) {
    if (!(err instanceof NotDirect)) throw err;
    return decodeWithBson(text);
  }
}
