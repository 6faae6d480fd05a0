import { createHash } from 'node:crypto';
import type { Person } from '../../../platform/directory/model';
import type { Jobs } from '../../../platform/scheduler/jobs';
import type { GroupSettingsRepository, HomeChannel } from '../../../platform/storage/group-settings-repository';
import { compact } from '../../ask';
import type { ProjectConcernsSource } from './concerns';
import { checkDraft } from './drafts';
import type { TrendIndexCache } from './index-cache';
import { mayPost, TREND_ID, type Trend, type TrendCounts, type TrendDraft, type TrendErrors, type TrendSource, type TrendVote } from './model';
import type { OwnerToTell, TrendNotifier } from './notifier';
import type { TrendRepository, TrendVoteRepository } from './repositories';
import { resolveField, type TrendList } from './search';

/** The scheduler handler that looks whether a note's channel post went out, and tells the scout. */
export const POSTED_JOB = 'trends.posted';
/** How often the handler looks before it gives up, and how long it first waits (doubling each time). */
const POSTED_ATTEMPTS = 8;
const POSTED_FIRST_WAIT_MS = 5_000;

/** What the trend use cases need; the bot adds the notifier and jobs, the command line has neither. */
export interface TrendContext {
  readonly repos: { readonly trends: TrendRepository; readonly votes: TrendVoteRepository; readonly groupSettings: GroupSettingsRepository };
  /** The directory and which of its projects a text concerns. */
  readonly concerns: ProjectConcernsSource;
  readonly index: TrendIndexCache;
  readonly now: () => Date;
  readonly notifier?: TrendNotifier;
  readonly jobs?: Jobs;
  /** The title of a web page, fetched server-side; undefined when it cannot be had. */
  readonly pageTitle?: (url: string) => Promise<string | undefined>;
}

/** Where a note comes from, and what identifies this posting of it (a message id, a card's token, a feed entry). */
export interface TrendOrigin {
  readonly source: TrendSource;
  readonly token: string;
}

export type PostResult =
  | { readonly kind: 'notAllowed'; readonly scouts: readonly string[]; readonly coordinators: readonly string[] }
  | { readonly kind: 'invalid'; readonly draft: TrendDraft; readonly errors: TrendErrors }
  /** `waiting`: no home channel yet, the note is posted as soon as a coordinator sets one. */
  | { readonly kind: 'posted'; readonly trend: Trend; readonly waiting: boolean };

export type VoteResult = { readonly kind: 'unknown' } | { readonly kind: 'voted'; readonly trend: Trend; readonly counts: TrendCounts; readonly vote: TrendVote };

export type FieldListResult = { readonly kind: 'list'; readonly field: string; readonly list: TrendList } | { readonly kind: 'unknownField'; readonly fields: readonly string[] };

/** 👍 in Teams' reaction types (`like`; newer clients may name the emoji). */
export function isThumbsUp(type: string): boolean {
  return type === 'like' || /thumbsup|1f44d/i.test(type);
}

/** The id of a note: the same posting (a message Teams sends again, a double click) gives the same id. */
export function trendId(origin: TrendOrigin): string {
  return createHash('sha256').update(`${origin.source}:${origin.token}`).digest('hex').slice(0, 20);
}

/** A link's host and path, as the title of a note that has only a link and whose page gives no title. */
export function linkLabel(link: string): string {
  const url = new URL(link);
  return `${url.hostname}${url.pathname === '/' ? '' : url.pathname}`.slice(0, 120);
}

/**
 * The trend use cases bound to their context, as the feature's Teams part, its jobs and the command line call them.
 * Each returns what happened as data; the caller renders it.
 */
export function createTrendService(ctx: TrendContext) {
  const concernsOf = () => ctx.concerns.current();
  const notifier = (): TrendNotifier => {
    if (!ctx.notifier) throw new Error('this process has no trend notifier: only the bot posts trend notes');
    return ctx.notifier;
  };

  /** Posts a stored note to the home channel, tells the owners of its projects, and looks after the post. */
  async function publish(trend: Trend, channel: HomeChannel): Promise<Trend> {
    const deliveryId = await notifier().postToChannel(trend, channel);
    await ctx.repos.trends.setDelivery(trend.id, deliveryId);
    ctx.index.expire();
    const { directory } = await concernsOf();
    const owners = new Map<string, string[]>();
    for (const concerned of trend.projects) {
      const owner = directory.project(concerned.id)?.owner;
      if (owner && owner !== trend.scoutEmail) owners.set(owner, [...(owners.get(owner) ?? []), concerned.title]);
    }
    await notifier().tellOwners(trend, [...owners].map(([email, projects]): OwnerToTell => ({ email, projects })));
    await schedulePostedCheck(trend.id, 1);
    return { ...trend, deliveryId };
  }

  async function schedulePostedCheck(id: string, attempt: number): Promise<void> {
    const wait = POSTED_FIRST_WAIT_MS * 2 ** (attempt - 1);
    await ctx.jobs?.scheduleOnce({ id: `${POSTED_JOB}:${id}:${attempt}`, handler: POSTED_JOB, at: new Date(ctx.now().getTime() + wait), payload: { trendId: id, attempt } });
  }

  async function voteOn(id: string, voter: string, change: (vote: TrendVote) => TrendVote): Promise<VoteResult> {
    const trend = TREND_ID.test(id) ? await ctx.repos.trends.get(id) : undefined;
    if (!trend) return { kind: 'unknown' };
    const before = (await ctx.repos.votes.get(id, voter)) ?? { trendId: id, voter, card: false, reaction: false, notRelevant: false };
    const vote = change(before);
    await ctx.repos.votes.put(vote);
    return { kind: 'voted', trend, vote, counts: await ctx.repos.votes.counts(id) };
  }

  async function recordPost(id: string, postId: string, conversationId: string): Promise<void> {
    await ctx.repos.trends.setPost(id, postId, conversationId);
    ctx.index.expire();
  }

  /** The note whose channel post is one of these ids (as a reaction names it). */
  async function trendOfPost(messageIds: readonly string[]): Promise<Trend | undefined> {
    for (const messageId of messageIds) {
      const id = await ctx.repos.trends.byPost(messageId);
      if (id) return ctx.repos.trends.get(id);
    }
    // Teams may name the post in another form than the send returned, or the post's id is not recorded yet: the
    // newest posts are compared from memory, and those without a recorded id are asked for theirs.
    const index = await ctx.index.current();
    for (const trend of index.latest(20).items.filter((t) => t.deliveryId)) {
      let post = trend.postId ? { postId: trend.postId, conversationId: trend.postConversationId } : undefined;
      if (!post) {
        const outcome = await notifier().postOutcome(trend.deliveryId);
        if (outcome.status !== 'sent') continue;
        post = outcome;
        await recordPost(trend.id, outcome.postId, outcome.conversationId);
      }
      if (messageIds.some((id) => samePost(id, post.postId))) return { ...trend, postId: post.postId, postConversationId: post.conversationId };
    }
    return undefined;
  }

  /** The names of those who may post notes: the scouts and the coordinators. */
  async function posters(): Promise<{ scouts: string[]; coordinators: string[] }> {
    const { directory } = await concernsOf();
    const names = (role: 'scout' | 'coordinator') => directory.people.filter((p) => p.roles.includes(role)).map((p) => p.name);
    return { scouts: names('scout'), coordinators: names('coordinator') };
  }

  return {
    posters,
    /**
     * A scout or coordinator posts a note (a `Trend:` line, the form card, a shared feed entry): checked, stored,
     * posted to the home channel (or kept until one is set), and sent 1:1 to the owners of the projects it concerns.
     * Posting the same thing again (Teams repeating a message, a double click) posts nothing twice.
     */
    async post(actor: Person | undefined, draft: TrendDraft, origin: TrendOrigin, known: TrendErrors = {}): Promise<PostResult> {
      if (!mayPost(actor)) return { kind: 'notAllowed', ...(await posters()) };
      const { concerns: matcher } = await concernsOf();
      const checked = checkDraft(draft, matcher.fieldNames(), known);
      if (Object.keys(checked.errors).length > 0) return { kind: 'invalid', draft: checked.draft, errors: checked.errors };
      let { title } = checked.draft;
      const { link } = checked.draft;
      if (!title) title = (await ctx.pageTitle?.(link))?.slice(0, 200) || linkLabel(link);
      // A tag that names a field of action (#Bürgerservice) files a note that names none under that field.
      const field = checked.draft.field || matcher.fieldNames().find((f) => checked.draft.tags.some((tag) => compact(tag) === compact(f))) || '';
      const clean = { ...checked.draft, title, field };
      const projects = matcher.concerned([clean.title, clean.summary, ...clean.tags.map((t) => `#${t}`)].join(' \n '), clean.field).map((p) => ({ id: p.id, title: p.title }));
      const trend: Trend = { id: trendId(origin), ...clean, scoutEmail: actor.email, createdAt: ctx.now(), source: origin.source, projects, deliveryId: '', postId: '', postConversationId: '' };
      if ((await ctx.repos.trends.create(trend)) === 'exists') {
        const stored = (await ctx.repos.trends.get(trend.id)) ?? trend;
        return { kind: 'posted', trend: stored, waiting: stored.deliveryId === '' };
      }
      ctx.index.expire();
      const channel = await ctx.repos.groupSettings.homeChannel();
      if (!channel) return { kind: 'posted', trend, waiting: true };
      return { kind: 'posted', trend: await publish(trend, channel), waiting: false };
    },

    /** The home channel was set: the notes that waited for it are posted now. */
    async publishWaiting(channel: HomeChannel): Promise<number> {
      const waiting = (await ctx.repos.trends.list()).filter((t) => t.deliveryId === '').sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
      for (const trend of waiting) await publish(trend, channel);
      return waiting.length;
    },

    /** The job after a post: once the post is in the channel, record its id and tell the scout; else look again later. */
    async checkPosted(id: string, attempt: number): Promise<PostOutcome['status'] | 'gone'> {
      const trend = await ctx.repos.trends.get(id);
      if (!trend?.deliveryId) return 'gone';
      const outcome = await notifier().postOutcome(trend.deliveryId);
      if (outcome.status === 'pending') {
        if (attempt < POSTED_ATTEMPTS) await schedulePostedCheck(id, attempt + 1);
        return 'pending';
      }
      if (outcome.status === 'sent' && !trend.postId) await recordPost(id, outcome.postId, outcome.conversationId);
      await notifier().tellScout(trend, outcome);
      return outcome.status;
    },

    /**
     * „Relevant für uns“: a second click takes the vote back. A 👍 of the same person counts with it as one vote.
     * `fromChannelCard`: the click came from the channel post, which the card action's answer replaces; any other
     * card (an owner's) leaves the channel card to be updated here.
     */
    async vote(voter: string, id: string, fromChannelCard: boolean): Promise<VoteResult> {
      const result = await voteOn(id, voter, (v) => ({ ...v, card: !v.card, notRelevant: v.card ? v.notRelevant : false }));
      if (result.kind === 'voted' && !fromChannelCard && result.trend.deliveryId) await notifier().updateChannelCard(result.trend, result.counts);
      return result;
    },

    /** „Nicht relevant“ of an owner: teaches nothing, is counted (a second click takes it back). */
    async notRelevant(voter: string, id: string): Promise<VoteResult> {
      const result = await voteOn(id, voter, (v) => ({ ...v, notRelevant: !v.notRelevant, card: v.notRelevant ? v.card : false }));
      if (result.kind === 'voted' && result.trend.deliveryId) await notifier().updateChannelCard(result.trend, result.counts);
      return result;
    },

    /** 👍 added to or taken from a note's channel post: a vote like the card's, a person counted once. */
    async react(messageIds: readonly string[], voter: string, added: readonly string[], removed: readonly string[]): Promise<VoteResult | undefined> {
      const liked = added.some(isThumbsUp);
      const unliked = removed.some(isThumbsUp);
      if (liked === unliked) return undefined;
      const trend = await trendOfPost(messageIds);
      if (!trend) return undefined;
      const result = await voteOn(trend.id, voter, (v) => ({ ...v, reaction: liked }));
      if (result.kind === 'voted') await notifier().updateChannelCard(result.trend, result.counts);
      return result;
    },

    /** The votes on a note now. */
    counts: (id: string) => ctx.repos.votes.counts(id),
    get: (id: string) => (TREND_ID.test(id) ? ctx.repos.trends.get(id) : Promise.resolve(undefined)),

    /** The newest notes. */
    latest: async () => (await ctx.index.current()).latest(),
    /** Notes about a topic (`Trends zu KI`). */
    search: async (topic: string) => (await ctx.index.current()).search(topic),
    /** Notes filed under a field of action, written as people write it (typos, umlauts). */
    async inField(written: string): Promise<FieldListResult> {
      const [index, { concerns: matcher }] = await Promise.all([ctx.index.current(), concernsOf()]);
      const fields = [...new Set([...matcher.fieldNames(), ...index.fieldNames()])];
      const field = resolveField(written, fields);
      return field ? { kind: 'list', field, list: index.inField(field) } : { kind: 'unknownField', fields };
    },
    /** The newest notes concerning a project (for Ask's project details). */
    concerning: async (projectId: string, limit: number) => (await ctx.index.current()).concerning(projectId, limit),
    /** The fields of action a note may be filed under. */
    fields: async () => (await concernsOf()).concerns.fieldNames(),
  };
}

export type TrendService = ReturnType<typeof createTrendService>;

/** The same Teams message id, whatever form Teams wrote it in (a reaction's `replyToId` may carry a prefix). */
function samePost(written: string, stored: string): boolean {
  if (written === stored) return true;
  const digits = (id: string) => id.replace(/\D/g, '');
  return digits(written) !== '' && digits(written) === digits(stored);
}

type PostOutcome = Awaited<ReturnType<TrendNotifier['postOutcome']>>;
