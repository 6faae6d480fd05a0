import type { Locale } from '../../../platform/config';
import type { Outbox, Recipient } from '../../../platform/delivery/outbox';
import { viewIn, type ViewContext } from '../../../platform/i18n/format';
import type { Logger } from '../../../platform/logger';
import type { HomeChannel } from '../../../platform/storage/group-settings-repository';
import type { CardRenderer } from '../../../platform/teams/cards';
import { deadlineStamp } from '../domain/deadline';
import type { FundingCall } from '../domain/model';
import type { CallNotice, CallOffer, FundingNotifier, Reminder, ReminderProject } from '../domain/notifier';
import { channelReminderModel, noticeText, offerModel, ownerReminderText } from './views';

/** The outbox batch of a call: its cards, reminders and notices, reported together (`npm run cli -- deliveries`). */
function callBatch(call: FundingCall): string {
  return `funding-${call.id}`;
}

/** A reminder's part of a message key: the deadline it reminds of and the offset (`20270115T2259Z:14d`). */
function reminderKey(reminder: Reminder): string {
  return `${deadlineStamp(reminder.deadline)}:${reminder.offset.label}`;
}

/**
 * The funding radar on the outbox. Messages to a person go out in the language they last wrote to the bot in;
 * posts in the home channel in the group's default language. Each is keyed so that it is sent once whatever
 * calls it again:
 * - `offer:{e-mail}`: the call's card to an owner, once per call;
 * - `remind:{deadline}:{offset}:{e-mail}` and `…:channel`: a reminder, once per deadline and offset; a moved
 *   deadline is a new deadline;
 * - `notice:deadline:r{revision}` and `notice:withdrawn`: what the thread says when the call changed.
 * The call's first post in the home channel is its thread: later reminders and notices are replies in it (an
 * outbox `thread` recipient, once the post is out and Teams gave it an id).
 */
export class OutboxFundingNotifier implements FundingNotifier {
  constructor(
    private readonly deps: {
      readonly outbox: Outbox;
      readonly cards: CardRenderer;
      /** The group's default language, for the home channel and whoever has no language of their own. */
      readonly view: ViewContext;
      readonly localeOf: (email: string) => Promise<Locale>;
      readonly logger: Logger;
    },
  ) {}

  private async viewFor(email: string): Promise<ViewContext> {
    return viewIn(this.deps.view, await this.deps.localeOf(email));
  }

  async offer(call: FundingCall, offers: readonly CallOffer[]): Promise<void> {
    const items = await Promise.all(
      offers.map(async ({ email, matches }) => ({
        batch: callBatch(call),
        key: `offer:${email}`,
        recipient: { kind: 'person', email } as const,
        payload: this.deps.cards.payload('funding-offer', offerModel(call, matches.map((match) => ({ match, application: undefined, dismissed: false })), await this.viewFor(email))),
      })),
    );
    await this.deps.outbox.enqueueMany(items);
  }

  /** The thread of the call in the home channel, when its post is out. */
  private async thread(home: HomeChannel, threadDeliveryId: string): Promise<Recipient | undefined> {
    const post = threadDeliveryId ? await this.deps.outbox.get(threadDeliveryId) : undefined;
    if (post?.status !== 'sent' || !post.activityId) return undefined;
    return { kind: 'thread', teamId: home.teamId, channelId: home.conversationId, messageId: post.activityId };
  }

  async remindChannel(reminder: Reminder, projects: readonly ReminderProject[], home: HomeChannel, threadDeliveryId: string): Promise<string> {
    const payload = this.deps.cards.payload('funding-call', channelReminderModel(reminder, projects, this.deps.view));
    const key = `remind:${reminderKey(reminder)}:channel`;
    const thread = await this.thread(home, threadDeliveryId);
    if (thread) {
      await this.deps.outbox.enqueue({ batch: callBatch(reminder.call), key, recipient: thread, payload });
      return threadDeliveryId;
    }
    const post = await this.deps.outbox.enqueue({ batch: callBatch(reminder.call), key, recipient: { kind: 'channel', teamId: home.teamId, channelId: home.conversationId }, payload });
    // The first post is the thread; a post still on its way stays so, one that could not be delivered is replaced.
    const previous = threadDeliveryId ? await this.deps.outbox.get(threadDeliveryId) : undefined;
    return !previous || previous.status === 'failed' || previous.status === 'unreachable' ? post.id : threadDeliveryId;
  }

  async remindOwner(reminder: Reminder, email: string, projects: readonly ReminderProject[]): Promise<void> {
    const text = ownerReminderText(reminder, projects, await this.viewFor(email));
    await this.deps.outbox.enqueue({ batch: callBatch(reminder.call), key: `remind:${reminderKey(reminder)}:${email}`, recipient: { kind: 'person', email }, payload: { type: 'message', text } });
  }

  async announce(call: FundingCall, notice: CallNotice, home: HomeChannel, threadDeliveryId: string): Promise<boolean> {
    const thread = await this.thread(home, threadDeliveryId);
    if (!thread) {
      this.deps.logger.info({ callId: call.id, notice: notice.kind }, 'funding call changed before its thread was out: nothing to say it in');
      return false;
    }
    // Per revision: a deadline moved there and back again is said each time, a job run twice says it once.
    const key = notice.kind === 'deadlineMoved' ? `notice:deadline:r${call.revision}` : 'notice:withdrawn';
    await this.deps.outbox.enqueue({ batch: callBatch(call), key, recipient: thread, payload: { type: 'message', text: noticeText(call, notice, this.deps.view) } });
    return true;
  }
}
