import type { ApiDuePanel } from '../api';

/** The panels a viewer may see: coordinator-only panels are left out for everyone else, not just marked. */
export function visiblePanels(panels: readonly ApiDuePanel[], coordinator: boolean): ApiDuePanel[] {
  return panels.filter((p) => coordinator || !p.coordinatorOnly);
}
