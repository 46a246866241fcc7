/** The school's grades as the admin selects show them, and the grade filter of the class and subject lists. */
import { GRADES } from '../../../shared/domain';

/** "Grade 1" … "Grade 12", valued "1"–"12" (a Select's values are strings). */
export const GRADE_OPTIONS = GRADES.map((g) => ({ value: String(g), label: `Grade ${g}` }));

/** A list's grade filter: null while every grade is shown. */
export interface GradeFilterValue {
  grade: string | null;
}

export const ALL_GRADES: GradeFilterValue = { grade: null };

/** The filter as list input: no key while it is open, so the list does not count as filtered. */
export function gradeFilterInput({ grade }: GradeFilterValue): { grade?: number } {
  return grade ? { grade: Number(grade) } : {};
}
