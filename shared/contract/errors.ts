import { z } from 'zod';

/** Every error the API answers with has one of these codes. */
export const ERROR_CODES = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'TOO_LARGE',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The HTTP status the station server answers with for each code. */
export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_LARGE: 413,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

/**
 * An error a person can act on. `message` never carries a stack trace, a hash or another tenant's data;
 * `fields` maps an input path (e.g. "email" or "slots.2.period") to the message shown next to that field.
 */
export interface ApiError {
  code: ErrorCode;
  message: string;
  fields?: Record<string, string>;
}

/**
 * `asOf`: a connected app's answer from what it last read, given while the station is out of reach
 * (electron/core/connected/last-seen.ts); the screens mark it "as of HH:MM".
 */
export type ApiResult<T> = { ok: true; data: T; asOf?: Date } | { ok: false; error: ApiError };

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

export const apiErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  fields: z.record(z.string(), z.string()).optional(),
});
