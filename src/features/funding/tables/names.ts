/** The funding radar's tables (logical names; the configured prefix goes in front). */
export const FUNDING_TABLES = {
  calls: 'fundingcalls',
  applications: 'fundingapps',
} as const;
