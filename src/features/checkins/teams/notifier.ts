import type { SavedAnswer } from '../domain/answers';
import type { RoundDigest } from '../domain/digest';
import type { CheckinPrompt, CheckinRound, PromptDelivery } from '../domain/model';
import type { HomeChannel } from '../../../platform/storage/group-settings-repository';
import type { CheckinNotifier, PromptToSend } from '../domain/notifier';
import type { Person } from '../../../platform/directory/model';
import { deliveryId, type Outbox, type OutboxItem } from '../../../platform/delivery/outbox';
import type { PersonRef } from '../domain/context';
import type { Locale } from '../../../platform/config';
import { formatDateTime, viewIn, type ViewContext } from '../../../platform/i18n/format';
import type { Logger } from '../../../platform/logger';
import type { CardRenderer } from '../../../platform/teams/cards';
import { checkinFormModel, checkinSummaryModel, digestModel } from './views';

const PROMPT_KEY = 'prompt:';

/** The outbox batch of a round: its cards, reminders and digests, reported together (`npm run cli -- deliveries`). */
function roundBatch(roundId: string): string {
  return `checkin-${roundId}`;
}

/**
 * Check-ins on the outbox. Messages to a person go out in the language they last wrote to the bot in
 * (the platform's `localeOf`); posts in the home channel in the group's default language. Each is keyed so that
 * it is sent once per round whatever calls it again:
 * - `prompt:{project}`: the form card 1:1 to the person asked about the project;
 * - `reminder:{e-mail}`: one short text per person, listing the projects not answered yet. A new message, not
 *   an update of the cards: an update neither notifies nor moves the card down to where the person reads, and
 *   it would throw away what someone has typed into the card and not submitted yet;
 * - `digest:{e-mail}` to each coordinator and `digest:channel` as a new post in the home channel.
 * An answer given elsewhere replaces the prompt's card in place (`Outbox.update`) with the read-only summary.
 */
export class OutboxCheckinNotifier implements CheckinNotifier {
  constructor(
    private readonly deps: {
      readonly outbox: Outbox;
      readonly cards: CardRenderer;
      /** The group's default language, for the home channel and whoever has no language of their own. */
      readonly view: ViewContext;
      /** The languages of several people at once (the platform's `localesOf`). */
      readonly localesOf: (emails: readonly string[]) => Promise<ReadonlyMap<string, Locale>>;
      readonly logger: Logger;
    },
  ) {}

  /** The view for writing to one person, in their language. */
  private async viewFor(email: string): Promise<ViewContext> {
    return (await this.viewsFor([email])).get(email)!;
  }

  /** The views for writing to several people, each in their language (read at once for all). */
  private async viewsFor(emails: readonly string[]): Promise<Map<string, ViewContext>> {
    const { view } = this.deps;
    const locales = await this.deps.localesOf(emails);
    const views = new Map<Locale, ViewContext>([[view.locale, view]]);
    const inLocale = (locale: Locale) => views.get(locale) ?? views.set(locale, viewIn(view, locale)).get(locale)!;
    return new Map([...locales].map(([email, locale]) => [email, inLocale(locale)]));
  }

  async sendPrompts(prompts: readonly PromptToSend[]): Promise<PromptDelivery[]> {
    const { cards } = this.deps;
    const views = await this.viewsFor(prompts.map(({ prompt }) => prompt.askedEmail));
    const items: OutboxItem[] = prompts.map(({ prompt, form }) => ({
      batch: roundBatch(prompt.roundId),
      key: `${PROMPT_KEY}${prompt.projectId}`,
      recipient: { kind: 'person', email: prompt.askedEmail },
      payload: cards.payload('checkin', checkinFormModel(form, views.get(prompt.askedEmail)!)),
    }));
    const deliveries = await this.deps.outbox.enqueueMany(items);
    this.deps.logger.debug({ roundId: prompts[0]?.prompt.roundId, cards: items.length }, 'check-in cards handed to the outbox');
    return deliveries.map((d) => ({ status: 'sent', deliveryId: d.id }));
  }

  async sendReminders(round: CheckinRound, reminders: readonly { readonly email: string; readonly prompts: readonly CheckinPrompt[] }[]): Promise<void> {
    const views = await this.viewsFor(reminders.map((r) => r.email));
    const items: OutboxItem[] = reminders.map(({ email, prompts }) => {
      const view = views.get(email)!;
      const { t } = view;
      const titles = prompts.map((p) => p.projectTitle);
      const text = t('checkinRounds.reminder', {
        count: titles.length,
        projects: titles.map((title) => t('checkinRounds.quoted', { title })).join(', '),
        closes: formatDateTime(round.closesAt, view),
        example: titles[0] ?? '',
      });
      return { batch: roundBatch(round.id), key: `reminder:${email}`, recipient: { kind: 'person', email }, payload: { type: 'message', text } };
    });
    if (items.length > 0) await this.deps.outbox.enqueueMany(items);
  }

  async sendNudge(round: CheckinRound, email: string, prompts: readonly CheckinPrompt[], by: PersonRef): Promise<boolean> {
    const batch = roundBatch(round.id);
    const key = `nudge:${email}`;
    // One nudge per person and round, whoever presses the button how often.
    if (await this.deps.outbox.get(deliveryId(batch, key))) return false;
    const view = await this.viewFor(email);
    const { t } = view;
    const titles = prompts.map((p) => p.projectTitle);
    const text = t('checkinRounds.nudge', {
      count: titles.length,
      coordinator: by.name,
      projects: titles.map((title) => t('checkinRounds.quoted', { title })).join(', '),
      closes: formatDateTime(round.closesAt, view),
      example: titles[0] ?? '',
    });
    await this.deps.outbox.enqueue({ batch, key, recipient: { kind: 'person', email }, payload: { type: 'message', text } });
    return true;
  }

  async postDigest(digest: RoundDigest, homeChannel: HomeChannel | undefined, coordinators: readonly Person[]): Promise<void> {
    const payloadIn = (view: ViewContext) => this.deps.cards.payload('checkin-digest', digestModel(digest, view));
    const batch = roundBatch(digest.round.id);
    const views = await this.viewsFor(coordinators.map((c) => c.email));
    const items: OutboxItem[] = coordinators.map((c) => ({ batch, key: `digest:${c.email}`, recipient: { kind: 'person', email: c.email }, payload: payloadIn(views.get(c.email)!) }));
    if (homeChannel) items.push({ batch, key: 'digest:channel', recipient: { kind: 'channel', teamId: homeChannel.teamId, channelId: homeChannel.conversationId }, payload: payloadIn(this.deps.view) });
    else this.deps.logger.warn({ roundId: digest.round.id }, 'no home channel set: the digest goes to the coordinators only');
    if (items.length > 0) await this.deps.outbox.enqueueMany(items);
  }

  async undelivered(roundId: string): Promise<ReadonlySet<string>> {
    const { deliveries } = await this.deps.outbox.status(roundBatch(roundId));
    return new Set(deliveries.filter((d) => d.key.startsWith(PROMPT_KEY) && (d.status === 'failed' || d.status === 'unreachable')).map((d) => d.key.slice(PROMPT_KEY.length)));
  }

  async showAnswered(prompt: CheckinPrompt, saved: SavedAnswer, sourceActivityId: string | undefined): Promise<void> {
    if (!prompt.delivery.deliveryId) return;
    try {
      const delivery = await this.deps.outbox.get(prompt.delivery.deliveryId);
      // Answered on the prompt's own card: the invoke response has replaced it already.
      if (!delivery || (sourceActivityId && delivery.activityId === sourceActivityId)) return;
      const view = await this.viewFor(prompt.askedEmail);
      await this.deps.outbox.update(delivery.id, this.deps.cards.payload('checkin-summary', checkinSummaryModel(saved, view)));
    } catch (error) {
      // The answer is stored; only the old card keeps showing the form.
      this.deps.logger.warn({ err: error, deliveryId: prompt.delivery.deliveryId }, 'could not replace the prompt card with the answer');
    }
  }
}
