import { Binary, EJSON } from 'bson';
import { describe, expect, it } from 'vitest';
import {
  ApiClientError,
  networkError,
  parseRpcReply,
  serializeInput,
  toApiClientError,
  toApiResult,
  unwrapResult,
} from '../../../renderer/src/lib/api-reply';

const ejson = (value: unknown) => EJSON.stringify(value, { relaxed: false });

function thrown(fn: () => unknown): ApiClientError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiClientError) return err;
    throw err;
  }
  throw new Error('expected a throw');
}

describe('parseRpcReply', () => {
  it('reads data with dates and bytes intact (EJSON)', () => {
    const time = new Date('2025-03-04T05:06:07.089Z');
    const bytes = new Binary(new Uint8Array([1, 2, 3]));
    const result = parseRpcReply(
      200,
      ejson({ ok: true, data: { pong: true, time, bytes, count: 3, ratio: 0.5 } }),
    );
    expect(result.ok).toBe(true);
    const data = unwrapResult(result) as {
      pong: boolean;
      time: Date;
      bytes: Uint8Array;
      count: number;
      ratio: number;
    };
    expect(data.time).toBeInstanceOf(Date);
    expect(data.time.getTime()).toBe(time.getTime());
    // Bytes arrive as a Uint8Array, ready for a Blob.
    expect(data.bytes).toBeInstanceOf(Uint8Array);
    expect(Array.from(data.bytes)).toEqual([1, 2, 3]);
    // Canonical numbers come back as plain numbers, not Int32/Double wrappers.
    expect(data.count).toBe(3);
    expect(data.ratio).toBe(0.5);
  });

  it('maps an error reply to ApiClientError with code, message, fields and status', () => {
    const body = ejson({
      ok: false,
      error: { code: 'VALIDATION', message: 'Check the form.', fields: { email: 'Not an e-mail address.' } },
    });
    const err = thrown(() => unwrapResult(parseRpcReply(400, body), 400));
    expect(err).toBeInstanceOf(Error);
    expect(err.code).toBe('VALIDATION');
    expect(err.message).toBe('Check the form.');
    expect(err.fields).toEqual({ email: 'Not an e-mail address.' });
    expect(err.status).toBe(400);
  });

  it('keeps every contract code', () => {
    for (const code of ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'RATE_LIMITED'] as const) {
      const err = thrown(() =>
        unwrapResult(parseRpcReply(418, ejson({ ok: false, error: { code, message: 'm' } }))),
      );
      expect(err.code).toBe(code);
    }
  });

  it('turns an unknown code into INTERNAL and drops non-string field messages', () => {
    const body = ejson({
      ok: false,
      error: { code: 'TEAPOT', message: 'short and stout', fields: { a: 1, b: 'x' } },
    });
    const err = thrown(() => unwrapResult(parseRpcReply(500, body)));
    expect(err.code).toBe('INTERNAL');
    expect(err.message).toBe('short and stout');
    expect(err.fields).toEqual({ b: 'x' });
  });

  it('turns a body that is not EJSON into INTERNAL, or UNAVAILABLE on 503', () => {
    const html = thrown(() => unwrapResult(parseRpcReply(502, '<html>Bad gateway</html>')));
    expect(html.code).toBe('INTERNAL');
    expect(html.message).toMatch(/HTTP 502/);
    const starting = thrown(() => unwrapResult(parseRpcReply(503, '')));
    expect(starting.code).toBe('UNAVAILABLE');
    expect(starting.message).toMatch(/starting/);
  });

  it('refuses replies of the wrong shape', () => {
    expect(parseRpcReply(200, ejson({ data: 1 })).ok).toBe(false);
    expect(parseRpcReply(200, ejson({ ok: 'yes', data: 1 })).ok).toBe(false);
    expect(parseRpcReply(200, ejson({ ok: false, error: { code: 'CONFLICT' } })).ok).toBe(false);
    expect(parseRpcReply(200, 'null').ok).toBe(false);
  });
});

describe('the bridge transport and other failures', () => {
  it('accepts the structured-clone reply of window.crm', () => {
    expect(toApiResult({ ok: true, data: { a: 1 } })).toEqual({ ok: true, data: { a: 1 } });
    const err = thrown(() =>
      unwrapResult(toApiResult({ ok: false, error: { code: 'FORBIDDEN', message: 'No.' } })),
    );
    expect(err.code).toBe('FORBIDDEN');
    expect(err.status).toBeUndefined();
  });

  it('reports an unreachable server as UNAVAILABLE with a message a person can act on', () => {
    const err = networkError(new TypeError('Failed to fetch'));
    expect(err.code).toBe('UNAVAILABLE');
    expect(err.message).toMatch(/cannot be reached/);
    expect(err.message).not.toMatch(/Failed to fetch/);
  });

  it('wraps anything thrown', () => {
    expect(toApiClientError(new Error('boom')).code).toBe('INTERNAL');
    const same = new ApiClientError('CONFLICT', 'taken');
    expect(toApiClientError(same)).toBe(same);
  });

  it('serializes input as canonical EJSON', () => {
    const body = serializeInput({ when: new Date(0) });
    expect(JSON.parse(body)).toEqual({ when: { $date: { $numberLong: '0' } } });
    expect(serializeInput(undefined)).toBe('{}');
  });
});
