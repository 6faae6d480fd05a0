import { personKey, type Person } from './model';
import type { PersonRepository } from './repositories';

/** Who wrote to the bot, as Teams tells it. */
export interface TeamsUser {
  readonly aadObjectId: string;
}

/**
 * Links a Teams user to a person of the directory: by Entra object id when known, else once by the e-mail
 * the Teams member API reports. The e-mail is remembered even when no person has it yet, so a later import
 * of that person links without asking Teams again. Returns undefined for users outside the directory, who
 * are treated as members without a role.
 *
 * @param lookupEmail asks Teams for the user's e-mail (empty when Teams has none); when the lookup fails the
 *   user stays unlinked and is looked up again next time.
 * @param linked the person already linked to the Entra object id in an in-memory copy of the directory, when
 *   the caller has one: people of the directory are then recognised without reading storage on every message.
 */
export async function identifyUser(
  people: PersonRepository,
  user: TeamsUser,
  lookupEmail: () => Promise<{ ok: true; email: string } | { ok: false }>,
  linked?: (aadObjectId: string) => Promise<Person | undefined>,
): Promise<Person | undefined> {
  if (!user.aadObjectId) return undefined;
  const fromMemory = await linked?.(user.aadObjectId);
  if (fromMemory) return fromMemory;
  const known = await people.emailForAadObjectId(user.aadObjectId);
  if (known !== undefined) return known ? people.get(known) : undefined;

  const lookup = await lookupEmail();
  if (!lookup.ok) return undefined;
  const email = personKey(lookup.email);
  const person = email ? await people.get(email) : undefined;
  if (person && !person.aadObjectId) return linkPerson(people, person, user.aadObjectId);
  await people.rememberAadObjectId(user.aadObjectId, email);
  return person;
}

/**
 * Records that a person of the directory is the Teams user with this Entra object id, when Teams told us so
 * (the member API, or a user who wrote to the bot). One upsert: it writes the person and the id's index row.
 */
export async function linkPerson(people: PersonRepository, person: Person, aadObjectId: string): Promise<Person> {
  const linked = { ...person, aadObjectId: aadObjectId.toLowerCase() };
  await people.upsert([linked]);
  return linked;
}
