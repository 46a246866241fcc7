import { Stack, Text } from '@mantine/core';

/** What a list shows when it has nothing: what is missing, and what to do about it. */
export function EmptyState({ title, hint, testId }: { title: string; hint: string; testId?: string }) {
  return (
    <Stack align="center" gap={4} py="xl" data-testid={testId}>
      <Text fw={600}>{title}</Text>
      <Text size="sm" c="dimmed" ta="center">
        {hint}
      </Text>
    </Stack>
  );
}
