import { Select, type SelectProps } from '@mantine/core';

/**
 * A select of the school's active teachers (options from `useTeacherOptions`), searchable by name: "Teacher"
 * unless labelled otherwise.
 */
export function TeacherSelect(props: SelectProps) {
  return (
    <Select label="Teacher" searchable nothingFoundMessage="No active teacher has that name" {...props} />
  );
}
