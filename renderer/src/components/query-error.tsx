import { Alert, Button, Stack, Text } from '@mantine/core';
import type { ApiClientError } from '../lib/api-client';
import { ERROR_TITLES } from '../lib/notify';

export interface QueryErrorProps {
  error: ApiClientError;
  /** Shows a "Try again" button (pass `refetch` from useQuery). */
  onRetry?: () => void;
  /** What could not be loaded: "the teachers". */
  what?: string;
}

/** A failed read, shown where its data would be. */
export function QueryError({ error, onRetry, what }: QueryErrorProps) {
  return (
    <Alert color="red" variant="light" title={what ? `Could not load ${what}` : ERROR_TITLES[error.code]}>
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{error.message}</Text>
        {onRetry && (
          <Button size="xs" variant="light" color="red" onClick={onRetry}>
            Try again
          </Button>
        )}
      </Stack>
    </Alert>
  );
}
