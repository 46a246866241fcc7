import { Anchor, Card, SimpleGrid, Stack, Text } from '@mantine/core';
import { PageHeader } from '../../../components/page-header';
import { ROLE_LABELS, pageLabel, workspaceRoutes } from '../../../lib/routes';
import { hrefOf } from '../../../stores/route-store';
import { useSessionStore } from '../../../stores/session-store';

/**
 * A workspace's first page: who is signed in, to which institution, and the way to every section. The
 * workspace builders replace it with the dashboard, "My day" and the student's timetable.
 */
export function WorkspaceHome() {
  const user = useSessionStore((s) => s.user);
  const expiresAt = useSessionStore((s) => s.expiresAt);
  if (!user) return null;
  const [home, ...sections] = workspaceRoutes(user.role);

  return (
    <Stack gap="lg">
      <PageHeader title={home ? pageLabel(home) : 'Home'} description={`Welcome, ${user.name}.`} />
      <Card withBorder radius="md" padding="lg" data-testid="signed-in-as">
        <Stack gap={4}>
          <Text fw={600}>Signed in as {user.name}</Text>
          <Text size="sm" c="dimmed">
            {ROLE_LABELS[user.role]} of {user.institutionName} · username{' '}
            <Text span ff="monospace" size="sm">
              {user.username}
            </Text>
          </Text>
          {expiresAt && (
            <Text size="sm" c="dimmed">
              This session lasts until{' '}
              {expiresAt.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}.
            </Text>
          )}
        </Stack>
      </Card>
      <nav aria-label="Sections">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md">
          {sections.map((route) => (
            <Card key={route.page} withBorder radius="md" padding="md">
              <Anchor href={hrefOf(route)} fw={500}>
                {pageLabel(route)}
              </Anchor>
            </Card>
          ))}
        </SimpleGrid>
      </nav>
    </Stack>
  );
}
