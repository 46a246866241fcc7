import { useMemo } from 'react';
import { useQuery } from '../../../hooks/use-query';
import type { ClassOption } from '../components/assignment-form-modal';

export interface TeacherClassOptions {
  options: ClassOption[];
  names: Map<string, string>;
  loading: boolean;
}

/** The teacher's classes as options, and their names by id. */
export function useTeacherClassOptions(): TeacherClassOptions {
  const classes = useQuery('classes.list', { pageSize: 100 }, []);
  return useMemo(() => {
    const items = classes.data?.items ?? [];
    return {
      options: items.map((c) => ({ value: c.id, label: c.name })),
      names: new Map(items.map((c) => [c.id, c.name])),
      loading: classes.loading,
    };
  }, [classes.data, classes.loading]);
}
