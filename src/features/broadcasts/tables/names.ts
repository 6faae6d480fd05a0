/** The broadcast feature's tables (logical names; the configured prefix goes in front). */
export const BROADCAST_TABLES = {
  broadcasts: 'broadcasts',
  acks: 'broadcastacks',
} as const;
