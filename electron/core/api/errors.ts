import type { ApiError } from '../../../shared/contract/errors';
import { AppError } from '../errors/app-error';

export { AppError };

/** Anything unexpected becomes INTERNAL with no details; the cause is logged, never sent. */
export function toApiError(err: unknown, log: (line: string) => void): ApiError {
  if (err instanceof AppError) return err.toApiError();
  if (err instanceof Error && err.name === 'EngineUnavailableError') {
    return { code: 'UNAVAILABLE', message: err.message };
  }
  if (isServerSelectionError(err)) {
    return {
      code: 'UNAVAILABLE',
      message: 'The database is not reachable right now. Try again in a moment.',
    };
  }
  log(`[api] internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  return { code: 'INTERNAL', message: 'Something went wrong on our side. The problem was logged.' };
}

function isServerSelectionError(err: unknown): boolean {
  return (
    err instanceof Error &&
    (err.name === 'MongoServerSelectionError' ||
      err.name === 'MongoNotConnectedError' ||
      err.name === 'MongoNetworkError')
  );
}
