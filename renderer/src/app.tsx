import { AppShell, Box, Center, Group, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { EngineStatusPanel } from './features/system/components/engine-status-panel';
import { useEngineStore } from './stores/engine-store';

export function App() {
  const watch = useEngineStore((s) => s.watch);
  useEffect(() => watch(), [watch]);

  return (
    <AppShell header={{ height: 60 }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="lg" justify="space-between">
          <Group gap="sm">
            <Box
              aria-hidden
              w={32}
              h={32}
              bg="indigo.6"
              c="white"
              style={{ borderRadius: 8, display: 'grid', placeItems: 'center', fontWeight: 700 }}
            >
              S
            </Box>
            <Title order={1} size="h3">
              Smart School CRM
            </Title>
          </Group>
          <Text size="sm" c="dimmed">
            {window.crm ? 'Desktop' : 'Station'}
          </Text>
        </Group>
      </AppShell.Header>
      <AppShell.Main bg="var(--mantine-color-gray-0)">
        <Center mih="calc(100dvh - 60px - 2 * var(--mantine-spacing-lg))">
          <EngineStatusPanel />
        </Center>
      </AppShell.Main>
    </AppShell>
  );
}
