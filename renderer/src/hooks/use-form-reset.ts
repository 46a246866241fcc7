/** A dialog's form starts afresh each time it opens, or opens for another item. */
import type { UseFormReturnType } from '@mantine/form';
import { useEffect, type DependencyList } from 'react';

/**
 * While the dialog is open (`startValues` is set; null while closed), sets the form's values, and the
 * baseline `reset()` and dirtiness compare with, to `startValues()` and clears its errors, each time it opens
 * or one of `deps` changes: the ids that name what it was opened for. Other renders leave what was typed alone.
 */
export function useFormReset<V>(
  form: UseFormReturnType<V>,
  startValues: (() => V) | null,
  deps: DependencyList,
): void {
  const opened = startValues !== null;
  useEffect(() => {
    if (!startValues) return;
    const values = startValues();
    form.setInitialValues(values);
    form.setValues(values);
    form.clearErrors();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when (re)opened; the form object is stable
  }, [opened, ...deps]);
}
