import type { ApiDuePanel } from '../api';

/** The panels a viewer may see: coordinator-only panels are left out for everyone else, not just marked. */
export function visiblePanels(panels: readonly ApiDuePanel[], coordinator: boolean): ApiDuePanel[] {
  return panels.filter((p) => coordinator || !p.coordinatorOnly);
}

/** True when `at` is from `now` up to `days` days ahead: a deadline the panels show. */
export function withinDays(at: Date, now: Date, days: number): boolean {
  const ahead = at.getTime() - now.getTime();
  return ahead >= 0 && ahead <= days * 86_400_000;
}
