import { Anchor, Card, Skeleton, Stack, Text } from '@mantine/core';

export interface StatCardProps {
  label: string;
  value: number | undefined;
  /** Where the number's list is. */
  href: string;
  linkLabel: string;
  testId: string;
}

/** One count of the school ("Teachers 12") with a link to its list. */
export function StatCard({ label, value, href, linkLabel, testId }: StatCardProps) {
  return (
    <Card withBorder radius="md" padding="lg">
      <Stack gap={4}>
        <Text size="sm" c="dimmed" fw={500}>
          {label}
        </Text>
        {value === undefined ? (
          <Skeleton height={36} width={60} aria-hidden />
        ) : (
          <Text fz={32} fw={700} lh={1.1} data-testid={testId}>
            {value}
          </Text>
        )}
        <Anchor href={href} size="sm">
          {linkLabel}
        </Anchor>
      </Stack>
    </Card>
  );
}
