import type { Settings } from '../../platform/config';
import { cronProblem } from '../../platform/scheduler/schedule';
import type { FundingTiming } from './domain/context';
import { parseReminderOffsets, type ReminderOffset } from './domain/deadline';
import { EU_API_URL } from './eu';

/** The funding radar's variables (`FUNDING_*`). */
export interface FundingSettings {
  /** Offsets before a deadline at which reminders go out (`FUNDING_REMINDERS`, default `28d,14d,7d,2d`). */
  readonly reminders: readonly ReminderOffset[];
  /** Cron expression of the scheduled EU fetch in the time zone; '' when off (the default). */
  readonly fetchSchedule: string;
  /** Keywords of the scheduled EU fetch (`FUNDING_EU_KEYWORDS`, comma-separated; empty: every open call). */
  readonly euKeywords: readonly string[];
  /** Where the EU Funding & Tenders search API is (`FUNDING_EU_API_URL`). */
  readonly euApiUrl: string;
}

const DEFAULT_REMINDERS = '28d,14d,7d,2d';

/** Reads the funding variables; problems go to `read`. */
export function fundingSettings(read: Settings): FundingSettings {
  const remindersText = read.value('FUNDING_REMINDERS') || DEFAULT_REMINDERS;
  const reminders = parseReminderOffsets(remindersText);
  if (!reminders) read.problem(`FUNDING_REMINDERS must be 1 to 10 offsets before a deadline, each a number and d (days), h (hours) or m (minutes), separated by commas, e.g. "${DEFAULT_REMINDERS}", got "${remindersText}"`);
  const rawSchedule = read.value('FUNDING_FETCH_SCHEDULE') || 'off';
  const fetchSchedule = rawSchedule.toLowerCase() === 'off' ? '' : rawSchedule;
  if (fetchSchedule && (fetchSchedule.trim().split(/\s+/).length !== 5 || cronProblem(fetchSchedule, 'UTC') !== undefined)) {
    read.problem(`FUNDING_FETCH_SCHEDULE must be a cron expression of five fields (minute hour day month weekday), e.g. "0 6 * * 1", or "off", got "${fetchSchedule}"`);
  }
  const euApiUrl = read.value('FUNDING_EU_API_URL') || EU_API_URL;
  if (!/^https?:\/\/[^\s]+$/.test(euApiUrl) || !URL.canParse(euApiUrl)) read.problem(`FUNDING_EU_API_URL must be an http or https address, got "${euApiUrl}"`);
  return Object.freeze({ reminders: reminders ?? parseReminderOffsets(DEFAULT_REMINDERS)!, fetchSchedule, euKeywords: keywordList(read.value('FUNDING_EU_KEYWORDS')), euApiUrl });
}

/** `smart city, digital` as keywords (each a search of its own). */
export function keywordList(text: string): string[] {
  return [...new Set(text.split(',').map((k) => k.trim()).filter(Boolean))];
}

/** Local time of day reminders of a deadline without a time go out at, counted in days. */
const REMINDER_TIME_OF_DAY = '09:00';

/** The radar's timing as the domain takes it. */
export function fundingTiming(settings: FundingSettings, timezone: string): FundingTiming {
  return { timezone, reminders: settings.reminders, reminderTimeOfDay: REMINDER_TIME_OF_DAY };
}
