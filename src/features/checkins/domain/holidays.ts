import type { WorkingCalendar } from './working-days';

// feiertagejs is an ES module whose CommonJS build Node loads with require; the type comes from its ESM typings.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const feiertage = require('feiertagejs') as typeof import('feiertagejs', { with: { 'resolution-mode': 'import' } });

/** German states (and `BUND`: nationwide only) whose public holidays can be skipped as non-working days. */
export const HOLIDAY_REGIONS = ['BW', 'BY', 'BE', 'BB', 'HB', 'HE', 'HH', 'MV', 'NI', 'NW', 'RP', 'SL', 'SN', 'ST', 'SH', 'TH', 'BUND'] as const;
export type HolidayRegion = (typeof HOLIDAY_REGIONS)[number];

/**
 * Monday–Friday in `timezone`, less the public holidays of a German state when `region` is set (feiertagejs
 * computes them, Easter-dependent ones included). Without a region only weekends are skipped.
 */
export function workingCalendar(timezone: string, region: HolidayRegion | ''): WorkingCalendar {
  if (!region) return { timezone };
  return { timezone, isHoliday: (localDate) => feiertage.isHoliday(localDate, region) };
}
