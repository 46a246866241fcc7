import { ColorSchemeToggle } from '../components/color-scheme-toggle';
import {
  Alert,
  AppShell,
  Badge,
  Burger,
  Center,
  Button,
  Group,
  Loader,
  NavLink,
  ScrollArea,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense, createElement, useEffect, useRef, useState } from 'react';
import { ConnectionBadge } from '../components/station-connection';
import { Brand } from '../components/brand';
import { ChangePasswordModal } from '../features/auth/components/change-password-modal';
import {
  WORKSPACE_LABELS,
  formatHash,
  homeRoute,
  pageLabel,
  sameRoute,
  workspaceRoutes,
} from '../lib/routes';
import { queryInvalidation } from '../lib/query-invalidation';
import { useEngineStore } from '../stores/engine-store';
import { startLiveEvents, useLiveConnected } from '../stores/live-store';
import { useUnreadStore, watchUnread } from '../stores/unread-store';
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
  // An old password that today's rules would refuse (a school moved in from the original system): asked once
  // per session to change it; "Later" lets the person work first.
  const [passwordLater, setPasswordLater] = useState(false);
  const mainRef = useRef<HTMLElement>(null);

  const role = user?.role ?? 'student';
  const live = useLiveConnected();
  const unread = useUnreadStore();

  // Pushed events and the navbar's unread counts, for the signed-in person.
  useEffect(() => (user ? startLiveEvents() : undefined), [user?.id]); // eslint-disable-line react-hooks/exhaustive-deps -- per person
  useEffect(() => (user ? watchUnread(user.role) : undefined), [user?.id, user?.role]); // eslint-disable-line react-hooks/exhaustive-deps -- per person
  useRefreshOnFocus();
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
            <ConnectionBadge />
            <ColorSchemeToggle />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar
        id="app-navbar"
        p="sm"
        aria-label={`${WORKSPACE_LABELS[user.role]} workspace`}
        data-live-events={live ? 'up' : 'down'}
      >
        <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" pt={4} pb="xs" aria-hidden>
          {WORKSPACE_LABELS[user.role]} workspace
        </Text>
        <AppShell.Section grow component={ScrollArea}>
          {workspaceRoutes(user.role).map((item) => {
            const active = item.page === current.page;
            const count = item.page === 'chat' ? unread.chat : item.page === 'notices' ? unread.notices : 0;
            return (
              <NavLink
                key={item.page}
                component="a"
                href={hrefOf(item)}
                label={pageLabel(item)}
                active={active}
                aria-current={active ? 'page' : undefined}
                // The count is the link's description, not part of its name: "Chat" stays "Chat".
                aria-describedby={count > 0 ? `nav-unread-${item.page}` : undefined}
                rightSection={count > 0 ? <UnreadBadge count={count} page={item.page} /> : undefined}
                onClick={() => {
                  // Clicking the page already open shows it fresh (its data may have changed meanwhile).
                  if (active) queryInvalidation.invalidateAll();
                  nav.close();
                }}
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
        <Suspense fallback={<PageLoading />}>
          {createElement(pageComponent(current), { key: `${current.workspace}/${current.page}` })}
        </Suspense>
      </AppShell.Main>
      <ChangePasswordModal
        opened={user.mustChangePassword === true && !passwordLater}
        onClose={() => setPasswordLater(true)}
        reason="Your password is older than this app's rules: please choose a new one (8–72 characters with a letter and a digit)."
      />
    </AppShell>
  );
}

/** While a workspace's pages download (the first page after signing in). */
function PageLoading() {
  return (
    <Center py="xl" role="status" aria-label="Loading the page">
      <Loader size="sm" />
    </Center>
  );
}

/** "3" beside Chat or Notices; the link's description reads "3 unread". */
function UnreadBadge({ count, page }: { count: number; page: string }) {
  return (
    <Badge
      id={`nav-unread-${page}`}
      aria-hidden
      size="sm"
      variant="filled"
      color="red.8"
      circle={count < 10}
      data-testid={`nav-unread-${page}`}
    >
      {count > 99 ? '99+' : count}
      <VisuallyHidden> unread</VisuallyHidden>
    </Badge>
  );
}

/** Data on screen follows changes made elsewhere: coming back to the window fetches what it shows again. */
const FOCUS_REFRESH_MIN_MS = 5_000;

function useRefreshOnFocus(): void {
  useEffect(() => {
    let last = Date.now();
    const onFocus = (): void => {
      if (document.visibilityState === 'hidden' || Date.now() - last < FOCUS_REFRESH_MIN_MS) return;
      last = Date.now();
      queryInvalidation.invalidateAll();
    };
    window.addEventListener('focus', onFocus);
    document.addEventListener('visibilitychange', onFocus);
    return () => {
      window.removeEventListener('focus', onFocus);
      document.removeEventListener('visibilitychange', onFocus);
    };
  }, []);
}
