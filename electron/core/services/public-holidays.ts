/**
 * Public holidays from the `date-holidays` tables (offline: the rules ship inside the package). Only holidays of
 * type 'public' are offered: bank, school, optional and observance days are not days a school must close.
 * A "region" here is the package's state (ISO 3166-2 subdivision, e.g. DE-BY → 'BY').
 */
import Holidays from 'date-holidays';
import type { HolidayPlace } from '../../../shared/contract';
import { AppError } from '../errors/app-error';

/** The original system offered India first; the rest follow by name. */
const FIRST_COUNTRY = 'IN';
const LANGUAGE = 'en';
const DAY_MS = 24 * 60 * 60 * 1000;

let placesCache: HolidayPlace[] | undefined;

/** Every country the tables know (India first, then by name), each with its regions by name. */
export function holidayPlaces(): HolidayPlace[] {
  if (placesCache) return placesCache;
  const tables = new Holidays();
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, LANGUAGE);
  const countries = Object.entries(tables.getCountries(LANGUAGE)).map(([code, name]) => ({
    code,
    name,
    regions: Object.entries(tables.getStates(code, LANGUAGE) ?? {})
      .map(([regionCode, regionName]) => ({ code: regionCode, name: regionName }))
      .sort(byName),
  }));
  countries.sort(
    (a, b) => Number(b.code === FIRST_COUNTRY) - Number(a.code === FIRST_COUNTRY) || byName(a, b),
  );
  placesCache = countries;
  return countries;
}

export interface PublicHoliday {
  /** `YYYY-MM-DD` in the country's calendar. */
  day: string;
  name: string;
}

/**
 * The public holidays of a year in a country (and region), by day; a holiday lasting several days gives one
 * entry per day. An unknown country or region is a VALIDATION error naming the field.
 */
export function publicHolidays(country: string, region: string | undefined, year: number): PublicHoliday[] {
  const place = holidayPlaces().find((c) => c.code === country);
  if (!place) {
    throw new AppError('VALIDATION', 'There are no holiday tables for that country.', {
      country: 'Choose a country from the list.',
    });
  }
  if (region !== undefined && !place.regions.some((r) => r.code === region)) {
    throw new AppError('VALIDATION', `${place.name} has no region with that code.`, {
      region: 'Choose a region from the list.',
    });
  }
  const tables =
    region === undefined
      ? new Holidays(country, { languages: LANGUAGE, types: ['public'] })
      : new Holidays(country, region, { languages: LANGUAGE, types: ['public'] });
  const found = new Map<string, PublicHoliday>();
  for (const h of tables.getHolidays(year, LANGUAGE)) {
    if (h.type !== 'public') continue;
    // `date` is the local start ("2026-01-26 00:00:00"); `end - start` its length in whole days (at least one).
    const first = Date.parse(`${h.date.slice(0, 10)}T00:00:00Z`);
    const days = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / DAY_MS));
    for (let i = 0; i < days; i++) {
      const day = new Date(first + i * DAY_MS).toISOString().slice(0, 10);
      if (!day.startsWith(String(year))) continue;
      found.set(`${day}|${h.name}`, { day, name: h.name });
    }
  }
  return [...found.values()].sort((a, b) => a.day.localeCompare(b.day) || a.name.localeCompare(b.name));
}
