import { Select, type SelectProps } from '@mantine/core';
import { GRADE_OPTIONS } from '../lib/grades';

/** A form's "Grade": one of the school's grades must be chosen (it cannot be cleared back to none). */
export function GradeSelect(props: Omit<SelectProps, 'data'>) {
  return (
    <Select
      label="Grade"
      placeholder="Choose a grade"
      data={GRADE_OPTIONS}
      withAsterisk
      allowDeselect={false}
      {...props}
    />
  );
}
