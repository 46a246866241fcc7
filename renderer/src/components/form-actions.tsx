import { Button, Group, type MantineColor } from '@mantine/core';
import type { ReactNode } from 'react';

export interface FormActionsProps {
  /** Closes without saving; without it, no Cancel button (a form on a page or card, not in a dialog). */
  onCancel?: (() => void) | undefined;
  /** The cancel button's text; "Cancel" unless said. */
  cancelLabel?: ReactNode;
  /** The submit button's text: "Save changes", "Add subject". */
  submitLabel: ReactNode;
  /** The submit is running: the submit button spins. */
  loading?: boolean;
  /** Cancel waits too, where closing would hide what the running save answers. */
  cancelDisabled?: boolean;
  submitDisabled?: boolean;
  /** The submit button's colour: red where submitting deletes. */
  color?: MantineColor;
}

/** The end of a form: Cancel (in a dialog), then the submit button, at the right. */
export function FormActions({
  onCancel,
  cancelLabel = 'Cancel',
  submitLabel,
  loading = false,
  cancelDisabled = false,
  submitDisabled = false,
  color,
}: FormActionsProps) {
  return (
    <Group justify="flex-end" gap="sm">
      {onCancel && (
        <Button variant="default" onClick={onCancel} disabled={cancelDisabled}>
          {cancelLabel}
        </Button>
      )}
      <Button type="submit" color={color} loading={loading} disabled={submitDisabled}>
        {submitLabel}
      </Button>
    </Group>
  );
}
