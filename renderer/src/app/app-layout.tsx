import { ColorSchemeToggle } from '../components/color-scheme-toggle';
import { Alert, AppShell, Burger, Button, Group, NavLink, ScrollArea, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { createElement, useEffect, useRef } from 'react';
import { Brand } from '../components/brand';
import {
  WORKSPACE_LABELS,
  formatHash,
  homeRoute,
  pageLabel,
  sameRoute,
  workspaceRoutes,
} from '../lib/routes';
import { useEngineStore } from '../stores/engine-store';
import { hrefOf, useRoute, useRouteStore } from '../stores/route-store';
import { useSessionStore } from '../stores/session-store';
import classes from './app-layout.module.css';
import { pageComponent } from './route-table';
import { UserMenu } from './user-menu';

/** The signed-in app: header, the navbar of the user's workspace, and the current page. */
export function AppLayout() {
  const user = useSessionStore((s) => s.user);
  const route = useRoute();
  const navigate = useRouteStore((s) => s.navigate);
  const engineProblem = useEngineStore((s) =>
    s.error ? s.error.message : s.status && s.status.state !== 'ready' ? (s.status.detail ?? null) : null,
  );
  const engineState = useEngineStore((s) => (s.error ? 'unavailable' : (s.status?.state ?? 'connecting')));
  const [navOpened, nav] = useDisclosure(false);
  const mainRef = useRef<HTMLElement>(null);

  const role = user?.role ?? 'student';
  // A route of another workspace (or none) shows the user's home; the address follows without a new entry.
  const current = route && route.workspace === role ? route : homeRoute(role);
  const currentHash = formatHash(current);

  useEffect(() => {
    if (!sameRoute(route, current)) navigate(current, { replace: true });
  }, [route, current, navigate]);

  useEffect(() => {
    document.title = `${pageLabel(current)} · ${user?.institutionName ?? ''} · Smart School CRM`;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- currentHash stands for `current`
  }, [currentHash, user?.institutionName]);

  // After moving to another page, keyboard and screen-reader users start at its content.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: true });
    window.scrollTo({ top: 0 });
    nav.close();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs per page
  }, [currentHash]);

  if (!user) return null;

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding="lg"
    >
      <AppShell.Header>
        <Button className={classes.skipLink} size="xs" onClick={() => mainRef.current?.focus()}>
          Skip to content
        </Button>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navOpened}
              onClick={nav.toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={navOpened ? 'Close navigation' : 'Open navigation'}
              aria-expanded={navOpened}
              aria-controls="app-navbar"
            />
            <Brand />
            <Text
              c="dimmed"
              size="sm"
              visibleFrom="md"
              lineClamp={1}
              data-testid="institution-name"
              style={{ borderLeft: '1px solid var(--mantine-color-default-border)', paddingLeft: 12 }}
            >
              {user.institutionName}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <ColorSchemeToggle />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar id="app-navbar" p="sm" aria-label={`${WORKSPACE_LABELS[user.role]} workspace`}>
        <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" pt={4} pb="xs" aria-hidden>
          {WORKSPACE_LABELS[user.role]} workspace
        </Text>
        <AppShell.Section grow component={ScrollArea}>
          {workspaceRoutes(user.role).map((item) => {
            const active = item.page === current.page;
            return (
              <NavLink
                key={item.page}
                component="a"
                href={hrefOf(item)}
                label={pageLabel(item)}
                active={active}
                aria-current={active ? 'page' : undefined}
                onClick={nav.close}
                variant="light"
                style={{ borderRadius: 'var(--mantine-radius-md)' }}
              />
            );
          })}
        </AppShell.Section>
        <Text size="xs" c="dimmed" px="sm" pt="sm" hiddenFrom="md" lineClamp={2}>
          {user.institutionName}
        </Text>
      </AppShell.Navbar>

      <AppShell.Main
        ref={mainRef}
        id="main"
        tabIndex={-1}
        className={classes.main}
        bg="var(--crm-page-bg)"
        aria-label={pageLabel(current)}
      >
        {engineState !== 'ready' && (
          <Alert
            color="orange"
            variant="light"
            mb="lg"
            title="The database is not available right now"
            role="status"
          >
            {engineProblem ?? 'The database engine is restarting; changes will work again in a moment.'}
          </Alert>
        )}
        {createElement(pageComponent(current), { key: `${current.workspace}/${current.page}` })}
      </AppShell.Main>
    </AppShell>
  );
}
