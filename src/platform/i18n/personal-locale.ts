import type { Locale } from '../config';
import type { PersonRepository } from '../directory/repositories';
import type { DirectorySource } from '../directory/directory-cache';
import type { ConversationRepository } from '../storage/conversations';
import { resolveLocale } from './index';

/**
 * The language to write to a person in outside a turn: the Teams locale of their latest message in their 1:1
 * chat with the bot (stored with the chat's address), else `fallback` (someone who never wrote to the bot).
 */
export function personalLocale(repos: { readonly people: PersonRepository; readonly conversations: ConversationRepository }, fallback: Locale): (email: string) => Promise<Locale> {
  return async (email) => {
    const person = await repos.people.get(email);
    const chat = person?.aadObjectId ? await repos.conversations.getPersonal(person.aadObjectId) : undefined;
    const locale = chat?.reference.locale;
    return resolveLocale(typeof locale === 'string' ? locale : undefined, fallback);
  };
}

/**
 * The languages to write to several people in at once (a batch): one look at the directory in memory (checked
 * against storage now) and one read of each person's 1:1 chat, in parallel; see {@link personalLocale}.
 */
export function personalLocales(
  deps: { readonly directory: DirectorySource; readonly conversations: ConversationRepository },
  fallback: Locale,
): (emails: readonly string[]) => Promise<ReadonlyMap<string, Locale>> {
  return async (emails) => {
    const directory = await deps.directory.current({ latest: true });
    const unique = [...new Set(emails)];
    const locales = await Promise.all(
      unique.map(async (email) => {
        const aadObjectId = directory.person(email)?.aadObjectId;
        const chat = aadObjectId ? await deps.conversations.getPersonal(aadObjectId) : undefined;
        const locale = chat?.reference.locale;
        return [email, resolveLocale(typeof locale === 'string' ? locale : undefined, fallback)] as const;
      }),
    );
    return new Map(locales);
  };
}
