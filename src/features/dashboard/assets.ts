import type { HttpRoute } from '../../platform/feature';
/** The tab's page and its assets (`/tab`, `/tab/config`, `/tab/assets/…`). */
export function pageRoutes(): HttpRoute[] { return []; }
