import type { Locale } from '../../../platform/config';
import type { Outbox, OutboxItem } from '../../../platform/delivery/outbox';
import type { DirectorySource } from '../../../platform/directory/directory-cache';
import { viewIn, type ViewContext } from '../../../platform/i18n/format';
import type { Logger } from '../../../platform/logger';
import type { HomeChannel } from '../../../platform/storage/group-settings-repository';
import type { CardRenderer } from '../../../platform/teams/cards';
import type { Trend, TrendCounts } from '../domain/model';
import type { Person } from '../../../platform/directory/model';
import type { Digest, FeedEntry } from '../domain/feeds';
import type { OwnerToTell, PostOutcome, TrendNotifier } from '../domain/notifier';
import type { FeedNotifier } from '../domain/radar';
import { digestModel, noteModel, postLink } from './views';

/** The outbox batch of a note: its channel post, the owners' copies and the word to the scout. */
function noteBatch(trendId: string): string {
  return `trend-${trendId}`;
}

/**
 * Trend notes on the outbox. The channel post is written in the group's default language, a message to a person
 * in the language they last wrote to the bot in. Keys: `channel` (the post, later updated in place with the counts),
 * `owner:{e-mail}` (the 1:1 copy to an owner of a concerned project), `scout` (the link to the post, or why there is
 * none).
 */
export class OutboxTrendNotifier implements TrendNotifier, FeedNotifier {
  constructor(
    private readonly deps: {
      readonly outbox: Outbox;
      readonly cards: CardRenderer;
      readonly directory: DirectorySource;
      /** The group's default language, for the home channel. */
      readonly view: ViewContext;
      readonly localeOf: (email: string) => Promise<Locale>;
      readonly logger: Logger;
    },
  ) {}

  private async viewFor(email: string): Promise<ViewContext> {
    return viewIn(this.deps.view, await this.deps.localeOf(email));
  }

  private async channelPayload(trend: Trend, counts: TrendCounts) {
    return this.deps.cards.payload('trends-note', noteModel(trend, { counts, audience: 'channel' }, await this.deps.directory.current(), this.deps.view));
  }

  async postToChannel(trend: Trend, channel: HomeChannel): Promise<string> {
    const delivery = await this.deps.outbox.enqueue({
      batch: noteBatch(trend.id),
      key: 'channel',
      recipient: { kind: 'channel', teamId: channel.teamId, channelId: channel.conversationId },
      payload: await this.channelPayload(trend, { relevant: 0, notRelevant: 0 }),
    });
    return delivery.id;
  }

  async updateChannelCard(trend: Trend, counts: TrendCounts): Promise<void> {
    await this.deps.outbox.update(trend.deliveryId, await this.channelPayload(trend, counts));
  }

  async tellOwners(trend: Trend, owners: readonly OwnerToTell[]): Promise<void> {
    if (owners.length === 0) return;
    const directory = await this.deps.directory.current();
    const items: OutboxItem[] = await Promise.all(
      owners.map(async (owner) => ({
        batch: noteBatch(trend.id),
        key: `owner:${owner.email}`,
        recipient: { kind: 'person', email: owner.email } as const,
        payload: this.deps.cards.payload('trends-note', noteModel(trend, { counts: { relevant: 0, notRelevant: 0 }, audience: 'owner', ownerProjects: owner.projects }, directory, await this.viewFor(owner.email))),
      })),
    );
    await this.deps.outbox.enqueueMany(items);
  }

  async postOutcome(deliveryId: string): Promise<PostOutcome> {
    const delivery = await this.deps.outbox.get(deliveryId);
    if (!delivery) return { status: 'failed', reason: 'unknown delivery' };
    if (delivery.status === 'sent' && delivery.activityId) return { status: 'sent', postId: delivery.activityId, conversationId: delivery.conversationId };
    if (delivery.status === 'failed' || delivery.status === 'unreachable') return { status: 'failed', reason: delivery.errorCode || delivery.lastError || delivery.status };
    return { status: 'pending' };
  }

  async tellScout(trend: Trend, outcome: Exclude<PostOutcome, { status: 'pending' }>): Promise<void> {
    const { t } = await this.viewFor(trend.scoutEmail);
    const text = outcome.status === 'sent' ? t('trends.post.inChannel', { title: trend.title, link: postLink(outcome.conversationId, outcome.postId) }) : t('trends.post.notPosted', { title: trend.title, reason: outcome.reason });
    if (outcome.status === 'failed') this.deps.logger.warn({ trendId: trend.id, reason: outcome.reason }, 'trend note could not be posted to the channel');
    await this.deps.outbox.enqueue({ batch: noteBatch(trend.id), key: 'scout', recipient: { kind: 'person', email: trend.scoutEmail }, payload: { type: 'message', text } });
  }

  /** The radar's digest of a check, once per scout (batch `feeds-{check}`, key `digest:{e-mail}`), in their language. */
  async sendDigest(digest: Digest, entries: readonly FeedEntry[], scouts: readonly Person[]): Promise<void> {
    if (scouts.length === 0) {
      this.deps.logger.warn({ check: digest.check, entries: entries.length }, 'feed entries matched, but the directory has no trend scout to offer them to');
      return;
    }
    const directory = await this.deps.directory.current();
    const items: OutboxItem[] = await Promise.all(
      scouts.map(async (scout) => ({
        batch: `feeds-${digest.check}`,
        key: `digest:${scout.email}`,
        recipient: { kind: 'person', email: scout.email } as const,
        payload: this.deps.cards.payload('trends-digest', digestModel(digest, entries, scout.email, directory, await this.viewFor(scout.email))),
      })),
    );
    await this.deps.outbox.enqueueMany(items);
  }
}
