import { Select } from '@mantine/core';
import { GRADE_OPTIONS } from '../lib/grades';

export interface GradeFilterProps {
  value: string | null;
  onChange: (grade: string | null) => void;
}

/** The "Grade" select beside an admin list's search; cleared, it shows every grade. */
export function GradeFilter({ value, onChange }: GradeFilterProps) {
  return (
    <Select
      label="Grade"
      placeholder="All grades"
      data={GRADE_OPTIONS}
      value={value}
      clearable
      onChange={onChange}
      w={180}
    />
  );
}
