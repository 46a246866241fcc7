/**
 * Students who can join a class: active, and in no class yet (a student is enrolled in one class at most).
 * The search goes to the server (schools have thousands of students); the classes' rosters tell who is taken.
 */
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useAllPages, type SelectOption } from '../../../hooks/use-admin-options';
import { useQuery } from '../../../hooks/use-query';

export function useStudentChoices(enabled: boolean) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const classes = useAllPages('classes.list', {});
  const students = useQuery(
    'users.list',
    enabled
      ? { role: 'student', isActive: true, pageSize: 100, ...(debounced ? { search: debounced } : {}) }
      : null,
  );

  const enrolled = useMemo(() => new Set(classes.items.flatMap((c) => c.studentIds)), [classes.items]);
  const options: SelectOption[] = (students.data?.items ?? [])
    .filter((s) => !enrolled.has(s.id))
    .map((s) => ({ value: s.id, label: `${s.name} (${s.username})` }));

  return {
    search,
    setSearch,
    options,
    loading: classes.loading || students.loading,
    error: classes.error ?? students.error,
  };
}
