import type { Locale } from '../../../platform/config';
import type { Outbox, OutboxItem, MessagePayload, Recipient } from '../../../platform/delivery/outbox';
import type { Reachability } from '../../../platform/delivery/recipients';
import type { DirectorySource } from '../../../platform/directory/directory-cache';
import type { Person } from '../../../platform/directory/model';
import { translator } from '../../../platform/i18n';
import type { ViewContext } from '../../../platform/i18n/format';
import type { Logger } from '../../../platform/logger';
import type { CardRenderer } from '../../../platform/teams/cards';
import { broadcastBatch, type Broadcast, type PersonRef } from '../domain/model';
import type { AuthorCard, BroadcastNotifier, Recipients } from '../domain/notifier';
import { CHANNEL_KEY, personRef, type BroadcastReport } from '../domain/report';
import { CARD_KEY_PREFIX, isRecipientKey, REMINDER_KEY_PREFIX } from '../outcomes';
import './cards';
import { messageModel, reportModel, type CopyState } from './views';

/**
 * Broadcasts on the outbox. A recipient's copy is written in their language (of their latest message to the
 * bot), the home channel's and the author's card in the group's default and the author's language. A card is
 * rendered once per distinct content — a thousand recipients in two languages cost two renders — and the
 * same payload is handed to the outbox for each of them.
 */
export class OutboxBroadcastNotifier implements BroadcastNotifier {
  constructor(
    private readonly deps: {
      readonly outbox: Outbox;
      readonly cards: CardRenderer;
      readonly directory: DirectorySource;
      /** The group's default language and the time zone. */
      readonly view: ViewContext;
      readonly localesOf: (emails: readonly string[]) => Promise<ReadonlyMap<string, Locale>>;
      readonly logger: Logger;
    },
  ) {}

  private viewIn(locale: Locale): ViewContext {
    return locale === this.deps.view.locale ? this.deps.view : { ...this.deps.view, locale, t: translator(locale) };
  }

  /** Renders each distinct copy once: by language and how the copy differs. */
  private async copies(broadcast: Broadcast): Promise<(locale: Locale, state: CopyState) => MessagePayload> {
    const author = personRef(broadcast.authorEmail, await this.deps.directory.current());
    const rendered = new Map<string, MessagePayload>();
    return (locale, state) => {
      const key = JSON.stringify([locale, state.confirmedAt?.toISOString() ?? '', state.reminder === true]);
      let payload = rendered.get(key);
      if (!payload) rendered.set(key, (payload = this.deps.cards.payload('broadcast-message', messageModel(broadcast, author, this.viewIn(locale), { copy: state }))));
      return payload;
    };
  }

  async send(broadcast: Broadcast, recipients: Recipients): Promise<void> {
    const copy = await this.copies(broadcast);
    const batch = broadcastBatch(broadcast.id);
    if (recipients.kind === 'channel') {
      const { teamId, conversationId } = recipients.channel;
      await this.deps.outbox.enqueue({ batch, key: CHANNEL_KEY, recipient: { kind: 'channel', teamId, channelId: conversationId }, payload: copy(this.deps.view.locale, {}) });
      return;
    }
    const locales = await this.deps.localesOf(recipients.people.map((p) => p.email));
    const items: OutboxItem[] = recipients.people.map((p) => ({ batch, key: p.email, recipient: { kind: 'person', email: p.email }, payload: copy(locales.get(p.email) ?? this.deps.view.locale, {}) }));
    await this.deps.outbox.enqueueMany(items);
  }

  private reportPayload(broadcast: Broadcast, report: BroadcastReport): MessagePayload {
    return this.deps.cards.payload('broadcast-report', reportModel(broadcast, report, this.viewIn(broadcast.locale)));
  }

  async adoptCard(broadcast: Broadcast, report: BroadcastReport, card: AuthorCard | undefined): Promise<string> {
    const item: OutboxItem = {
      batch: broadcastBatch(broadcast.id),
      key: `${CARD_KEY_PREFIX}${card?.activityId ?? 'new'}`,
      recipient: { kind: 'person', email: broadcast.authorEmail },
      payload: this.reportPayload(broadcast, report),
    };
    // Without the clicked card's ids (a client that did not say), the progress goes out as a message of its own.
    const delivery = card ? await this.deps.outbox.adopt(item, card) : await this.deps.outbox.enqueue(item);
    return delivery.id;
  }

  async cardState(broadcast: Broadcast): Promise<{ busy: boolean; shownAt?: Date }> {
    const card = broadcast.cardDeliveryId ? await this.deps.outbox.get(broadcast.cardDeliveryId) : undefined;
    if (!card) return { busy: false };
    // A sent delivery's updatedAt is when its last send or update was recorded, just after Teams answered.
    return card.status === 'pending' || card.status === 'sending' ? { busy: true } : { busy: false, shownAt: new Date(card.updatedAt) };
  }

  async showReport(broadcast: Broadcast, report: BroadcastReport): Promise<boolean> {
    if (!broadcast.cardDeliveryId) return false;
    const payload = this.reportPayload(broadcast, report);
    const card = await this.deps.outbox.get(broadcast.cardDeliveryId);
    if (!card || JSON.stringify(card.payload) === JSON.stringify(payload)) return false;
    await this.deps.outbox.update(card.id, payload);
    return true;
  }

  async remind(broadcast: Broadcast, people: readonly PersonRef[]): Promise<void> {
    if (people.length === 0) return;
    const copy = await this.copies(broadcast);
    const locales = await this.deps.localesOf(people.map((p) => p.email));
    const recipient = (email: string): Recipient => ({ kind: 'person', email });
    await this.deps.outbox.enqueueMany(
      people.map((p) => ({ batch: broadcastBatch(broadcast.id), key: `${REMINDER_KEY_PREFIX}${p.email}`, recipient: recipient(p.email), payload: copy(locales.get(p.email) ?? this.deps.view.locale, { reminder: true }) })),
    );
  }

  async correct(broadcast: Broadcast, acks: ReadonlyMap<string, Date>): Promise<number> {
    const { deliveries } = await this.deps.outbox.status(broadcastBatch(broadcast.id));
    const shown = deliveries.filter((d) => d.status === 'sent' && !d.key.startsWith(CARD_KEY_PREFIX));
    const emailOf = (key: string) => (isRecipientKey(key) ? key : key.slice(REMINDER_KEY_PREFIX.length));
    const locales = await this.deps.localesOf(shown.map((d) => emailOf(d.key)).filter((key) => key !== CHANNEL_KEY));
    const copy = await this.copies(broadcast);
    let changed = 0;
    for (const delivery of shown) {
      const email = emailOf(delivery.key);
      const confirmedAt = acks.get(email);
      const payload = copy(locales.get(email) ?? this.deps.view.locale, { ...(confirmedAt ? { confirmedAt } : {}), reminder: !isRecipientKey(delivery.key) });
      if (JSON.stringify(delivery.payload) === JSON.stringify(payload)) continue;
      await this.deps.outbox.update(delivery.id, payload);
      changed++;
    }
    this.deps.logger.info({ broadcastId: broadcast.id, revision: broadcast.revision, changed }, 'broadcast correction handed to the outbox');
    return changed;
  }

  reachability(people: readonly Person[]): Promise<Reachability[]> {
    return this.deps.outbox.reachability(people);
  }

  /** People of the directory by e-mail (those it no longer knows as bare e-mails: they get the default language). */
}
