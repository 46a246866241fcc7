/**
 * The station's wire format: EJSON, so dates and bytes survive HTTP. EJSON writes a bare Uint8Array as an object
 * of numbered keys, so bytes are wrapped in bson's Binary on the way out and unwrapped on the way in. Numbers
 * travel canonically and are read back relaxed (plain numbers).
 */
import { Binary, EJSON } from 'bson';

function wrapBytes(value: unknown): unknown {
  if (value instanceof Uint8Array) return new Binary(value);
  if (Array.isArray(value)) return value.map(wrapBytes);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wrapBytes(v)]));
  }
  return value;
}

function unwrapBytes(value: unknown): unknown {
  if (value instanceof Binary) return value.buffer.subarray(0, value.position);
  if (Array.isArray(value)) return value.map(unwrapBytes);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapBytes(v)]));
  }
  return value;
}

export function encodeRpc(value: unknown): string {
  return EJSON.stringify(wrapBytes(value ?? {}), { relaxed: false });
}

export function decodeRpc(text: string): unknown {
  return unwrapBytes(EJSON.parse(text));
}
