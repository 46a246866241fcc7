/**
 * Pure helpers of the api client: read a reply (EJSON over HTTP, or the bridge's structured clone) into an
 * ApiResult, and turn failures into ApiClientError. No DOM, no fetch: unit-tested in Node.
 */
import { decodeRpc, encodeRpc } from '../../../shared/rpc-encoding';
import { HTTP_STATUS, isErrorCode, type ApiResult, type ErrorCode } from '../../../shared/contract/errors';
import { errorMessage } from './error-message';

export class ApiClientError extends Error {
  override name = 'ApiClientError';
  readonly code: ErrorCode;
  /** Per-field messages (input path → message) for VALIDATION and CONFLICT. */
  readonly fields: Readonly<Record<string, string>> | undefined;
  /** The HTTP status, on the station transport. */
  readonly status: number | undefined;

  constructor(code: ErrorCode, message: string, fields?: Record<string, string>, status?: number) {
    super(message);
    this.code = code;
    this.fields = fields;
    this.status = status;
  }
}

export const UNREACHABLE_MESSAGE =
  "The app's server cannot be reached. Check that it is still running (npm run station), then try again.";

function readError(value: unknown, status?: number): ApiClientError | null {
  if (typeof value !== 'object' || value === null) return null;
  const { code, message, fields } = value as Record<string, unknown>;
  if (typeof message !== 'string') return null;
  let cleanFields: Record<string, string> | undefined;
  if (typeof fields === 'object' && fields !== null) {
    cleanFields = {};
    for (const [key, text] of Object.entries(fields)) if (typeof text === 'string') cleanFields[key] = text;
  }
  return new ApiClientError(isErrorCode(code) ? code : 'INTERNAL', message, cleanFields, status);
}

/** Checks that a value is `{ ok: true, data }` or `{ ok: false, error: {code, message, fields?} }`. */
export function toApiResult(value: unknown, status?: number): ApiResult<unknown> {
  if (typeof value === 'object' && value !== null && 'ok' in value) {
    const reply = value as { ok: unknown; data?: unknown; error?: unknown; asOf?: unknown };
    if (reply.ok === true) {
      return reply.asOf instanceof Date && !Number.isNaN(reply.asOf.getTime())
        ? { ok: true, data: reply.data, asOf: reply.asOf }
        : { ok: true, data: reply.data };
    }
    if (reply.ok === false) {
      const err = readError(reply.error, status);
      if (err) {
        return {
          ok: false,
          error: {
            code: err.code,
            message: err.message,
            ...(err.fields ? { fields: { ...err.fields } } : {}),
          },
        };
      }
    }
  }
  return {
    ok: false,
    error: {
      code: status === HTTP_STATUS.UNAVAILABLE ? 'UNAVAILABLE' : 'INTERNAL',
      message:
        status === HTTP_STATUS.UNAVAILABLE
          ? 'The app is not ready yet (the database engine is starting). Try again in a moment.'
          : `The app sent an answer it could not read${status ? ` (HTTP ${status})` : ''}. Please try again.`,
    },
  };
}

/** Reads the station's reply: an EJSON body `{ok, data}` / `{ok, error}` with its HTTP status. */
export function parseRpcReply(status: number, body: string): ApiResult<unknown> {
  let parsed: unknown;
  try {
    // Relaxed parsing: numbers arrive as plain numbers (not Int32/Double wrappers); dates, binaries and ids
    // keep their types.
    parsed = decodeRpc(body);
  } catch {
    return toApiResult(undefined, status);
  }
  return toApiResult(parsed, status);
}

/** The data of a successful result; throws ApiClientError otherwise. */
export function unwrapResult<T>(result: ApiResult<T>, status?: number): T {
  if (result.ok) return result.data;
  throw new ApiClientError(result.error.code, result.error.message, result.error.fields, status);
}

/** A failure before any reply (network down, server stopped) as an ApiClientError. */
export function networkError(cause: unknown): ApiClientError {
  const err = new ApiClientError('UNAVAILABLE', UNREACHABLE_MESSAGE);
  (err as { cause?: unknown }).cause = cause;
  return err;
}

/** Any thrown value as an ApiClientError (stores show `code` and `message`). */
export function toApiClientError(err: unknown): ApiClientError {
  if (err instanceof ApiClientError) return err;
  return new ApiClientError('INTERNAL', errorMessage(err));
}

export function serializeInput(input: unknown): string {
  return encodeRpc(input);
}
