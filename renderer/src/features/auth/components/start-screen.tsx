import { Box, Card, Center, Container, Group, Loader, Stack, Tabs, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { BrandMark } from '../../../components/brand';
import { ColorSchemeToggle } from '../../../components/color-scheme-toggle';
import { EngineStatusPanel } from '../../../components/engine-status-panel';
import { AppModePanel, ConnectionBadge } from '../../../components/station-connection';
import { useEngineStore } from '../../../stores/engine-store';
import { ReactivateLink } from './reactivate-link';
import { RegisterForm } from './register-form';
import { SignInForm } from './sign-in-form';

type StartTab = 'sign-in' | 'register';

export interface StartScreenProps {
  /** A saved session is being checked (`auth.me`): show that instead of the forms. */
  restoring: boolean;
}

/**
 * What everyone sees first: the database engine while it starts, then signing in or registering a school.
 */
export function StartScreen({ restoring }: StartScreenProps) {
  const engineReady = useEngineStore((s) => s.status?.state === 'ready' && s.error === null);
  const [tab, setTab] = useState<StartTab>('sign-in');

  return (
    <Box component="main" mih="100dvh" bg="var(--crm-page-bg)" py={{ base: 'lg', sm: 48 }}>
      <Container size={engineReady && !restoring ? 460 : 640} px="md">
        <Stack gap="lg">
          <Group justify="flex-end" mb={-40}>
            <ColorSchemeToggle />
          </Group>
          <Stack gap={6} align="center" ta="center">
            <BrandMark size={48} />
            <Title order={1} size="h2">
              Smart School CRM
            </Title>
            <Text size="sm" data-testid="app-summary">
              The school office, its teachers and its students in one place: classes, timetables, assignments,
              attendance, notices and chat.
            </Text>
            <Text c="dimmed" size="sm">
              {engineReady
                ? 'Sign in as the office, a teacher or a student, or register a new school.'
                : 'Getting the app ready on this computer.'}
            </Text>
          </Stack>

          <Center>
            <ConnectionBadge />
          </Center>

          {!engineReady && <EngineStatusPanel />}

          {engineReady && restoring && (
            <Center py="xl">
              <Stack align="center" gap="sm" role="status" aria-live="polite">
                <Loader role="status" aria-label="Opening your session" />
                <Text c="dimmed">Opening your session…</Text>
              </Stack>
            </Center>
          )}

          {engineReady && !restoring && (
            <>
              <Card withBorder shadow="sm" radius="md" padding="lg">
                <Tabs
                  value={tab}
                  onChange={(value) => setTab(value === 'register' ? 'register' : 'sign-in')}
                  keepMounted={false}
                >
                  <Tabs.List grow mb="lg">
                    <Tabs.Tab value="sign-in">Sign in</Tabs.Tab>
                    <Tabs.Tab value="register">Register a school</Tabs.Tab>
                  </Tabs.List>
                  <Tabs.Panel value="sign-in">
                    <SignInForm />
                    <ReactivateLink />
                  </Tabs.Panel>
                  <Tabs.Panel value="register">
                    <RegisterForm />
                  </Tabs.Panel>
                </Tabs>
              </Card>
              <EngineStatusPanel compact />
            </>
          )}

          {!restoring && <AppModePanel />}
        </Stack>
      </Container>
    </Box>
  );
}
