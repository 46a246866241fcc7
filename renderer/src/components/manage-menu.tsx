import { Button, Menu } from '@mantine/core';
import type { ReactNode } from 'react';

export interface ManageMenuProps {
  /** The button's accessible name, naming the row: "Manage Asha Rao". */
  label: string;
  /** The `Menu.Item`s (and dividers). */
  children: ReactNode;
}

/** The "Manage" button at the end of an admin list's row, opening the row's actions. */
export function ManageMenu({ label, children }: ManageMenuProps) {
  return (
    <Menu position="bottom-end" withinPortal shadow="md">
      <Menu.Target>
        <Button size="xs" variant="default" aria-label={label}>
          Manage
        </Button>
      </Menu.Target>
      <Menu.Dropdown>{children}</Menu.Dropdown>
    </Menu>
  );
}
