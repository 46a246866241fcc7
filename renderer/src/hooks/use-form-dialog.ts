/** Which form dialog is open, and for what: a new item, or one being edited. */
import { useState } from 'react';

export interface FormDialog<T> {
  opened: boolean;
  /** The item being edited; null for a new one. Kept after closing, so the dialog does not change as it fades. */
  editing: T | null;
  openNew: () => void;
  openEdit: (item: T) => void;
  close: () => void;
}

export function useFormDialog<T>(): FormDialog<T> {
  const [opened, setOpened] = useState(false);
  const [editing, setEditing] = useState<T | null>(null);
  return {
    opened,
    editing,
    openNew: () => {
      setEditing(null);
      setOpened(true);
    },
    openEdit: (item) => {
      setEditing(item);
      setOpened(true);
    },
    close: () => setOpened(false),
  };
}
