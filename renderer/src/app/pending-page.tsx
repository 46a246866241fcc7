/**
 * TEMPORARY. The one placeholder of the app: the route table (route-table.tsx) shows it for every page whose
 * workspace is still being built. Each workspace builder replaces its entries there with the real page; when
 * none is left, this file is deleted.
 */
import { Card, Stack, Text } from '@mantine/core';
import { PageHeader } from '../components/page-header';
import { pageLabel } from '../lib/routes';
import { useRoute } from '../stores/route-store';

export function PendingPage() {
  const route = useRoute();
  const label = route ? pageLabel(route) : 'This page';
  return (
    <Stack gap="lg" data-testid="pending-page">
      <PageHeader title={label} />
      <Card withBorder radius="md" padding="xl">
        <Text fw={600}>This page is being built</Text>
        <Text size="sm" c="dimmed">
          {label} is not ready in this version of the app yet.
        </Text>
      </Card>
    </Stack>
  );
}
