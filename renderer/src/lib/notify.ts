/**
 * The app's notifications: one look for success and failure everywhere. `useMutation` calls these by
 * default; call them directly for work that is not a single mutation.
 */
import { notifications } from '@mantine/notifications';
import type { ErrorCode } from '../../../shared/contract/errors';
import { toApiClientError } from './api-reply';

/** A short title per error code; the message is the server's own sentence. */
export const ERROR_TITLES: Readonly<Record<ErrorCode, string>> = {
  VALIDATION: 'Some values were not accepted',
  UNAUTHENTICATED: 'Not signed in',
  FORBIDDEN: 'Not allowed',
  NOT_FOUND: 'Not found',
  CONFLICT: 'Could not save',
  TOO_LARGE: 'Too large',
  RATE_LIMITED: 'Too many attempts',
  UNAVAILABLE: 'Not available right now',
  INTERNAL: 'Something went wrong',
};

export function notifySuccess(message: string, title?: string): void {
  notifications.show({ color: 'teal', message, ...(title ? { title } : {}), autoClose: 4_000 });
}

export function notifyError(error: unknown, title?: string): void {
  const e = toApiClientError(error);
  notifications.show({
    color: 'red',
    title: title ?? ERROR_TITLES[e.code],
    message: e.message,
    autoClose: 8_000,
  });
}
