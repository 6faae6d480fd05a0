import type { Directory } from '../../../platform/directory/directory-cache';
import { hasRole, isCoordinator, municipalityKey, type Person } from '../../../platform/directory/model';
import type { Audience } from './model';

/**
 * The people of the directory a 1:1 audience reaches, in the directory's order: every CDO; the CDOs and members
 * of the chosen municipalities; every person; the coordinators. The `channel` audience reaches no person: it
 * is one post in the home channel.
 */
export function audienceMembers(audience: Audience, municipalities: readonly string[], directory: Directory): Person[] {
  switch (audience) {
    case 'channel':
      return [];
    case 'cdos':
      return directory.people.filter((p) => hasRole(p, 'cdo'));
    case 'coordinators':
      return directory.people.filter((p) => isCoordinator(p));
    case 'everyone':
      return [...directory.people];
    case 'municipalities': {
      const chosen = new Set(municipalities.map(municipalityKey));
      return directory.people.filter((p) => p.municipality !== '' && chosen.has(municipalityKey(p.municipality)) && (hasRole(p, 'cdo') || hasRole(p, 'member')));
    }
  }
}

/** What the one-line command says: to whom, and the text. */
export interface QuickBroadcast {
  /** An audience, or `municipalities` with the names as written. */
  readonly audience: Audience;
  readonly municipalities: readonly string[];
  readonly text: string;
}

const QUICK = /^(?:rundschreiben|broadcast)\s+(?:an|to)\s+([^:\n]+?)\s*:\s*([\s\S]*\S)\s*$/i;

/** Phrases naming an audience, written as the command is matched: lower case, single spaces. */
const PHRASES: readonly (readonly [Audience, readonly string[]])[] = [
  ['cdos', ['alle cdos', 'die cdos', 'cdos', 'alle cdo', 'all cdos', 'the cdos']],
  ['coordinators', ['die koordination', 'koordination', 'alle koordinatoren', 'die koordinatoren', 'koordinatoren', 'koordinatorinnen und koordinatoren', 'coordinators', 'the coordinators', 'all coordinators', 'coordination']],
  ['everyone', ['alle', 'jeden', 'jede und jeden', 'alle personen', 'alle mitglieder', 'everyone', 'everybody', 'all', 'all members']],
  ['channel', ['den kanal', 'kanal', 'den gruppenkanal', 'the channel', 'channel']],
];

/**
 * Reads `Rundschreiben an alle CDOs: Text` / `broadcast to all CDOs: text`. An audience phrase that names no
 * audience names municipalities (`an Dülmen und Olfen: …`, `to the municipalities Dülmen, Olfen: …`), which the
 * draft check then looks up. Undefined when the text is not this command.
 */
export function parseQuickBroadcast(message: string): QuickBroadcast | undefined {
  const match = QUICK.exec(message.trim());
  if (!match) return undefined;
  const phrase = match[1]!.toLowerCase().replace(/\s+/g, ' ').trim();
  const text = match[2]!;
  const named = PHRASES.find(([, phrases]) => phrases.includes(phrase));
  if (named) return { audience: named[0], municipalities: [], text };
  const names = match[1]!
    .replace(/^(?:die\s+)?(?:gemeinden|gemeinde|kommunen|kommune|städte|stadt|the\s+municipalities|municipalities|the\s+municipality|municipality)\s+/i, '')
    .split(/\s*(?:,|;|\bund\b|\band\b|&)\s*/i)
    .map((n) => n.trim())
    .filter(Boolean);
  return { audience: 'municipalities', municipalities: names, text };
}

/** True for the one-line command (for routing; {@link parseQuickBroadcast} reads it). */
export function isQuickBroadcast(message: string): boolean {
  return QUICK.test(message.trim());
}
