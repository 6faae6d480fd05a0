import type { Activity, Storage } from 'botbuilder';
import type { ConversationMemory } from '../feature';

/**
 * Whose conversation an activity belongs to, for what a feature remembers between turns: a 1:1 chat is one
 * conversation; in a channel or a group chat everyone talks to the bot in the same conversation, so each person
 * has their own memory there — and in a channel, one per thread (a thread's conversation id ends in
 * `;messageid=…`, PLATFORM-NOTES "Channel threads").
 */
export function conversationKey(activity: Partial<Pick<Activity, 'conversation' | 'from'>>): string {
  const conversation = activity.conversation;
  const id = conversation?.id ?? '';
  if ((conversation?.conversationType ?? 'personal') === 'personal' && !conversation?.isGroup) return `personal|${id}`;
  const user = (activity.from?.aadObjectId || activity.from?.id || '').toLowerCase();
  return `${conversation?.conversationType ?? 'group'}|${id}|${user}`;
}

/**
 * A feature's memory of conversations in botbuilder's `Storage` (the bot state table, shared by every instance):
 * one item per feature and conversation, read with one point read and replaced with one write. What is stored is
 * checked with the feature's `parse` when it is read back (it may come from an older version of the feature).
 */
export class StoredConversationMemory<T extends object> implements ConversationMemory<T> {
  constructor(
    private readonly storage: Storage,
    private readonly name: string,
    private readonly parse: (stored: unknown) => T | undefined,
  ) {}

  private key(context: { readonly activity: Partial<Activity> }): string {
    return `${this.name}/${conversationKey(context.activity)}`;
  }

  async read(context: { readonly activity: Partial<Activity> }): Promise<T | undefined> {
    const key = this.key(context);
    const item = (await this.storage.read([key]))[key] as { value?: unknown } | undefined;
    return item === undefined ? undefined : this.parse(item.value);
  }

  async write(context: { readonly activity: Partial<Activity> }, value: T): Promise<void> {
    // `*`: the last writer wins; a conversation's turns come one after the other.
    await this.storage.write({ [this.key(context)]: { value, eTag: '*' } });
  }

  async forget(context: { readonly activity: Partial<Activity> }): Promise<void> {
    await this.storage.delete([this.key(context)]);
  }
}
