/**
 * The holidays on the days of one week (`calendar.list` for Monday to Sunday), for the timetable views that
 * mark them. `null` asks for nothing (a view that already has the week it needs).
 */
import { useMemo } from 'react';
import type { Weekday } from '../../../shared/domain';
import type { ApiClientError } from '../lib/api-client';
import { holidaysOfWeek, weekRange, type WeekHoliday } from '../lib/week-dates';
import { useQuery } from './use-query';

const NONE: ReadonlyMap<Weekday, WeekHoliday[]> = new Map();

export function useWeekHolidays(monday: Date | null): {
  holidays: ReadonlyMap<Weekday, WeekHoliday[]>;
  error: ApiClientError | null;
} {
  const time = monday?.getTime() ?? null;
  const range = useMemo(() => (time === null ? null : weekRange(new Date(time))), [time]);
  const { data, error } = useQuery('calendar.list', range, [], { keepPrevious: false });
  const holidays = useMemo(
    () => (data && time !== null ? holidaysOfWeek(data.items, new Date(time)) : NONE),
    [data, time],
  );
  return { holidays, error };
}
