import { Card, Stack, Text, Title } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';

export interface SettingsFormCardProps {
  /** The heading's id: the card (a section) is named by it. */
  headingId: string;
  title: string;
  /** One dimmed line under the heading. */
  description: string;
  /** The form's own accessible name. */
  formLabel: string;
  onSubmit: (event?: FormEvent<HTMLFormElement>) => void;
  /** The fields and the submit row. */
  children: ReactNode;
}

/** A settings section that is one form: heading and a line about it, then the fields. */
export function SettingsFormCard({
  headingId,
  title,
  description,
  formLabel,
  onSubmit,
  children,
}: SettingsFormCardProps) {
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby={headingId}>
      <form onSubmit={onSubmit} noValidate aria-label={formLabel}>
        <Stack gap="md">
          <div>
            <Title order={2} size="h4" id={headingId}>
              {title}
            </Title>
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          </div>
          {children}
        </Stack>
      </form>
    </Card>
  );
}
