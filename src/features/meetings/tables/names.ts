/** The meeting feature's tables (logical names; the configured prefix goes in front). */
export const MEETING_TABLES = {
  meetings: 'meetings',
  agenda: 'agendaitems',
} as const;
