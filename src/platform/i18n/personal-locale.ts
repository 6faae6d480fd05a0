import type { Locale } from '../config';
import type { Person } from '../directory/model';
import type { PersonRepository } from '../directory/repositories';
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

/** {@link personalLocale} for many people at once (a broadcast): their 1:1 chats are read in one query. Keyed by e-mail. */
export function personalLocales(conversations: ConversationRepository, fallback: Locale): (people: readonly Person[]) => Promise<ReadonlyMap<string, Locale>> {
  return async (people) => {
    const chats = new Map((await conversations.list('personal')).map((chat) => [chat.key.toLowerCase(), chat]));
    return new Map(people.map((p) => [p.email, localeOfChat(p.aadObjectId ? chats.get(p.aadObjectId.toLowerCase()) : undefined, fallback)]));
  };
}

function localeOfChat(chat: ConversationAddress | undefined, fallback: Locale): Locale {
  const locale = chat?.reference.locale;
  return resolveLocale(typeof locale === 'string' ? locale : undefined, fallback);
}
