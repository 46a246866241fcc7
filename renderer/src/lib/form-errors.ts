/**
 * The server's per-field messages (`ApiClientError.fields`, keyed by input path such as `email` or
 * `slots.2.period`) shown next to the fields of a Mantine form. The server's word wins over the form's own
 * validation: it knows about uniqueness, clashes and rules the browser cannot check.
 */
import type { ReactNode } from 'react';
import { ApiClientError } from './api-reply';

/** What `applyFieldErrors` needs of a Mantine `useForm()` result (any form fits). */
export interface FieldErrorTarget {
  setErrors: (update: (previous: Record<string, ReactNode>) => Record<string, ReactNode>) => void;
  getValues: () => unknown;
  getInputNode?: (path: string) => HTMLElement | null;
}

function hasPath(values: unknown, path: string): boolean {
  let node: unknown = values;
  for (const segment of path.split('.')) {
    if (typeof node !== 'object' || node === null || !(segment in node)) return false;
    node = (node as Record<string, unknown>)[segment];
  }
  return true;
}

/**
 * Puts each field message on the form field with the same path (`rename` maps a server path to a form path
 * where they differ) and focuses the first such field. Returns true when at least one message was placed;
 * false means the caller should show the error another way (a notification, an alert).
 */
export function applyFieldErrors(
  form: FieldErrorTarget,
  error: unknown,
  rename: Readonly<Record<string, string>> = {},
): boolean {
  if (!(error instanceof ApiClientError) || !error.fields) return false;
  const values = form.getValues();
  const placed: Record<string, string> = {};
  for (const [serverPath, message] of Object.entries(error.fields)) {
    const path = rename[serverPath] ?? serverPath;
    if (hasPath(values, path)) placed[path] = message;
  }
  const paths = Object.keys(placed);
  if (paths.length === 0) return false;
  form.setErrors((previous) => ({ ...previous, ...placed }));
  const first = paths[0];
  if (first !== undefined) form.getInputNode?.(first)?.focus();
  return true;
}
