import type { Locale } from '../config';
import type { PersonRepository } from '../directory/repositories';
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
