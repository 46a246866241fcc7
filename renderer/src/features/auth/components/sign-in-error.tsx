import { Alert } from '@mantine/core';
import type { ApiClientError } from '../../../lib/api-client';

const TITLES: Partial<Record<ApiClientError['code'], string>> = {
  UNAUTHENTICATED: 'Could not sign in',
  RATE_LIMITED: 'Signing in is paused',
  UNAVAILABLE: 'The database is not available',
  CONFLICT: 'Already registered',
  VALIDATION: 'Check what you typed',
};

/** The reason a sign-in or registration failed, in words a person can act on. */
export function SignInError({ error }: { error: ApiClientError }) {
  const hint =
    error.code === 'UNAVAILABLE'
      ? ' The app is starting its database engine or lost it; the status below says which.'
      : error.code === 'UNAUTHENTICATED'
        ? ' Check each field; passwords are case-sensitive.'
        : '';
  return (
    <Alert
      color={error.code === 'RATE_LIMITED' || error.code === 'UNAVAILABLE' ? 'orange' : 'red'}
      variant="light"
      title={TITLES[error.code] ?? 'Something went wrong'}
      role="alert"
      data-testid="sign-in-error"
      data-code={error.code}
    >
      {error.message}
      {hint}
    </Alert>
  );
}
