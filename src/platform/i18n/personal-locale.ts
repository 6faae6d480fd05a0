import type { Locale } from '../config';
import type { PersonRepository } from '../directory/repositories';
import type { DirectorySource } from '../directory/directory-cache';
import type { ConversationAddress, ConversationRepository } from '../storage/conversations';
import { resolveLocale } from './index';

/**
 * The language to write to a person in outside a turn: the Teams locale of their latest message in their 1:1
 * chat with the bot (stored with the chat's address), else `fallback` (someone who never wrote to the bot).
 */
export function personalLocale(repos: { readonly people: PersonRepository; readonly conversations: ConversationRepository }, fallback: Locale): (email: string) => Promise<Locale> {
  return async (email) => {
    const person = await repos.people.get(email);
    const chat = person?.aadObjectId ? await repos.conversations.getPersonal(person.aadObjectId) : undefined;
    return localeOfChat(chat, fallback);
  };
}

/** Above this many people, every 1:1 chat is read in one query rather than one point read per person. */
const LIST_ALL_ABOVE = 20;

/**
 * The languages to write to several people in at once (a batch, a broadcast), by e-mail: one look at the
 * directory in memory (checked against storage now) for their Entra ids, and their 1:1 chats — one point read
 * each, in parallel, or for a large batch all personal chats in one query. See {@link personalLocale}.
 */
export function personalLocales(
  deps: { readonly directory: DirectorySource; readonly conversations: ConversationRepository },
  fallback: Locale,
): (emails: readonly string[]) => Promise<ReadonlyMap<string, Locale>> {
  return async (emails) => {
    const directory = await deps.directory.current({ latest: true });
    const unique = [...new Set(emails)];
    const ids = new Map(unique.map((email) => [email, directory.person(email)?.aadObjectId.toLowerCase() ?? '']));
    let chatOf: (aadObjectId: string) => Promise<ConversationAddress | undefined>;
    if (unique.length > LIST_ALL_ABOVE) {
      const chats = new Map((await deps.conversations.list('personal')).map((chat) => [chat.key.toLowerCase(), chat]));
      chatOf = async (aadObjectId) => chats.get(aadObjectId);
    } else {
      chatOf = (aadObjectId) => deps.conversations.getPersonal(aadObjectId);
    }
    const locales = await Promise.all(unique.map(async (email) => [email, localeOfChat(ids.get(email) ? await chatOf(ids.get(email)!) : undefined, fallback)] as const));
    return new Map(locales);
  };
}

function localeOfChat(chat: ConversationAddress | undefined, fallback: Locale): Locale {
  const locale = chat?.reference.locale;
  return resolveLocale(typeof locale === 'string' ? locale : undefined, fallback);
}
