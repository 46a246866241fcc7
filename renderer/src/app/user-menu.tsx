import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { ChangePasswordModal } from '../features/auth/components/change-password-modal';
import { ROLE_LABELS } from '../lib/routes';
import { hrefOf, useRouteStore } from '../stores/route-store';
import { useSessionStore } from '../stores/session-store';
import classes from './user-menu.module.css';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : [parts[0]];
  return letters
    .map((p) => (p ? Array.from(p)[0] : ''))
    .join('')
    .toUpperCase();
}

/** The signed-in person: their name and role, change password, sign out. */
export function UserMenu() {
  const user = useSessionStore((s) => s.user);
  const logout = useSessionStore((s) => s.logout);
  const clearRoute = useRouteStore((s) => s.clear);
  const [passwordOpened, passwordModal] = useDisclosure(false);
  if (!user) return null;

  async function signOut(): Promise<void> {
    await logout();
    clearRoute();
  }

  return (
    <>
      <Menu position="bottom-end" width={240} shadow="md" withinPortal>
        <Menu.Target>
          <UnstyledButton
            data-testid="user-menu"
            px="xs"
            py={4}
            style={{ borderRadius: 'var(--mantine-radius-md)' }}
          >
            <Group gap="xs" wrap="nowrap">
              <Avatar color="indigo" radius="xl" size={32} aria-hidden>
                {initials(user.name)}
              </Avatar>
              <div className={classes.accountText}>
                <Text size="sm" fw={500} lineClamp={1}>
                  {user.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {ROLE_LABELS[user.role]}
                </Text>
              </div>
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>Signed in as {user.username}</Menu.Label>
          <Menu.Item component="a" href={hrefOf({ workspace: user.role, page: 'profile' })}>
            My profile
          </Menu.Item>
          <Menu.Item onClick={passwordModal.open}>Change password</Menu.Item>
          <Menu.Divider />
          <Menu.Item color="red" onClick={() => void signOut()}>
            Sign out
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <ChangePasswordModal opened={passwordOpened} onClose={passwordModal.close} />
    </>
  );
}
