/** The check-in feature's tables (logical names; the configured prefix goes in front). */
export const CHECKIN_TABLES = {
  rounds: 'checkinrounds',
  answers: 'checkinanswers',
  absences: 'absences',
} as const;
