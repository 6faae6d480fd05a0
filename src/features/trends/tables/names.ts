/** The trend feature's tables (logical names; the configured prefix goes in front). */
export const TREND_TABLES = {
  trends: 'trends',
  votes: 'trendvotes',
  feeds: 'trendfeeds',
  entries: 'trendfeedentries',
} as const;
