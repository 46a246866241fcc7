import { Card, Stack, Title, type MantineSpacing } from '@mantine/core';
import type { ReactNode } from 'react';

export interface HealthCardProps {
  title: string;
  /** The heading's id, which labels the section. */
  id: string;
  testId?: string | undefined;
  gap: MantineSpacing | number;
  children: ReactNode;
}

/** A titled card of the health page, a landmark named by its heading (the summary's tiles and the details). */
export function HealthCard({ title, id, testId, gap, children }: HealthCardProps) {
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby={id} data-testid={testId}>
      <Stack gap={gap}>
        <Title order={2} size="h5" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Card>
  );
}
