/**
 * The school's week (`week.get`): working days, periods and their bell times. Every timetable view follows it;
 * until it has loaded (or when it fails) the defaults stand in, so a grid never waits for it.
 */
import type { WeekDto } from '../../../shared/contract';
import { DEFAULT_WEEK } from '../../../shared/school-week';
import { useQuery } from './use-query';

const FALLBACK: WeekDto = { ...DEFAULT_WEEK, saved: false };

export function useSchoolWeek(): { week: WeekDto; loaded: boolean } {
  const { data } = useQuery('week.get', {});
  return { week: data ?? FALLBACK, loaded: data !== undefined };
}
