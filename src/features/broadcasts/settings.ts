import type { Settings } from '../../platform/config';
import { personKey } from '../../platform/directory/model';
import { AUDIENCES, type Audience } from './domain/model';

/** Who may broadcast to whom (`BROADCAST_AUDIENCES`). */
export interface BroadcastSettings {
  /**
   * The audiences of the coordinators an admin restricted, by e-mail (lower case); a coordinator not listed may
   * write to every audience.
   */
  readonly restricted: ReadonlyMap<string, readonly Audience[]>;
}

const EMAIL = /^[^\s@;,=]+@[^\s@;,=]+\.[^\s@;,=]+$/;

/**
 * Reads `BROADCAST_AUDIENCES`: entries separated by `;`, each `E-MAIL=AUDIENCE,AUDIENCE` with the audiences
 * `channel`, `cdos`, `municipalities`, `everyone`, `coordinators`. Problems go to `read`.
 */
export function broadcastSettings(read: Settings): BroadcastSettings {
  const restricted = new Map<string, Audience[]>();
  const raw = read.value('BROADCAST_AUDIENCES');
  for (const entry of raw.split(';').map((e) => e.trim()).filter(Boolean)) {
    const [email = '', list = '', ...rest] = entry.split('=').map((part) => part.trim());
    const audiences = list.split(',').map((a) => a.trim().toLowerCase()).filter(Boolean);
    const unknown = audiences.filter((a) => !AUDIENCES.includes(a as Audience));
    if (!EMAIL.test(email) || audiences.length === 0 || rest.length > 0) {
      read.problem(`BROADCAST_AUDIENCES: "${entry}" must be E-MAIL=AUDIENCE[,AUDIENCE…], e.g. "t.overbeck@kreis-coesfeld.example=channel,coordinators"`);
    } else if (unknown.length > 0) {
      read.problem(`BROADCAST_AUDIENCES: unknown audience "${unknown.join('", "')}" for ${email}; allowed are ${AUDIENCES.join(', ')}`);
    } else if (restricted.has(personKey(email))) {
      read.problem(`BROADCAST_AUDIENCES names ${email} twice`);
    } else {
      restricted.set(personKey(email), AUDIENCES.filter((a) => audiences.includes(a)));
    }
  }
  return Object.freeze({ restricted });
}

/** The audiences a coordinator may write to. */
export function audiencesFor(settings: BroadcastSettings): (email: string) => readonly Audience[] {
  return (email) => settings.restricted.get(personKey(email)) ?? AUDIENCES;
}
