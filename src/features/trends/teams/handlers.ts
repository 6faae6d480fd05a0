import { randomUUID } from 'node:crypto';
import type { Attachment, TurnContext } from 'botbuilder';
import type { DirectorySource } from '../../../platform/directory/directory-cache';
import type { Reactions } from '../../../platform/feature';
import type { CardRenderer } from '../../../platform/teams/cards';
import { turnInfo, viewOf } from '../../../platform/teams/turn';
import { formDraft, parseTrendLine, type CardData } from '../domain/drafts';
import { mayPost, TREND_INPUTS, type TrendErrors } from '../domain/model';
import type { EntryActionResult, Radar } from '../domain/radar';
import type { PostResult, TrendService, VoteResult } from '../domain/service';
import type { TrendList } from '../domain/search';
import './cards';
import { digestModel, EMPTY_FORM, errorText, formModel, listModel, noteModel, type NoteState } from './views';

/** What the trends' Teams part needs. */
export interface TrendTeamsDependencies {
  readonly trends: TrendService;
  readonly radar: Radar;
  readonly cards: CardRenderer;
  readonly directory: DirectorySource;
  readonly timezone: string;
}

/** A form's submission token: random, made when the form was sent. */
const TOKEN = /^[A-Za-z0-9-]{8,64}$/;

/** The Teams user who acted, as votes are keyed (the same as a reaction's `user`). */
function voterOf(context: TurnContext): string {
  return (context.activity.from?.aadObjectId ?? '').toLowerCase() || (context.activity.from?.id ?? '');
}

/** The reply to a post that did not go to the channel: who may post, or what is wrong. */
function refusal(result: Exclude<PostResult, { kind: 'posted' }>, context: TurnContext, deps: TrendTeamsDependencies): string {
  const { t } = turnInfo(context);
  if (result.kind === 'notAllowed') {
    const names = (list: readonly string[]) => (list.length > 0 ? list.join(', ') : t('trends.post.nobody'));
    return t('trends.post.notAllowed', { scouts: names(result.scouts), coordinators: names(result.coordinators) });
  }
  const view = viewOf(context, deps.timezone);
  const errors = [...TREND_INPUTS, 'form' as const].map((input) => errorText(result.errors, input, view)).filter(Boolean);
  return `${t('trends.post.invalid', { errors: errors.join(' ') })} ${t('trends.post.usage')}`;
}

/** `Trend: LINK Text #Tag`: the note posted from one line (Teams' retries of the same message post it once). */
export async function postLine(context: TurnContext, line: string, deps: TrendTeamsDependencies): Promise<void> {
  const { person, t, log } = turnInfo(context);
  const result = await deps.trends.post(person, parseTrendLine(line), { source: 'line', token: context.activity.id ?? randomUUID() });
  if (result.kind !== 'posted') {
    log.info({ outcome: result.kind }, 'trend line refused');
    await context.sendActivity(refusal(result, context, deps));
    return;
  }
  const { trend } = result;
  log.info({ trendId: trend.id, projects: trend.projects.map((p) => p.id), waiting: result.waiting }, 'trend posted');
  const concerns = trend.projects.length > 0 ? ` ${t('trends.post.concerns', { projects: trend.projects.map((p) => p.title).join(', ') })}` : '';
  await context.sendActivity(`${t(result.waiting ? 'trends.post.waiting' : 'trends.post.posted', { title: trend.title })}${concerns}`);
}

/** `Trend melden` / `report trend`: the form card (for those who may post). */
export async function openForm(context: TurnContext, deps: TrendTeamsDependencies): Promise<void> {
  const { person } = turnInfo(context);
  if (!mayPost(person)) {
    await context.sendActivity(refusal({ kind: 'notAllowed', ...(await deps.trends.posters()) }, context, deps));
    return;
  }
  await context.sendActivity(deps.cards.message('trends-form', formModel(randomUUID(), await deps.trends.fields(), EMPTY_FORM, {}, viewOf(context, deps.timezone))));
}

/** `trend.save`: the form's note posted, answered by the note as it will appear; or the form with its errors. */
export async function saveForm(context: TurnContext, data: CardData, deps: TrendTeamsDependencies): Promise<Attachment | string> {
  const { person, log } = turnInfo(context);
  const view = viewOf(context, deps.timezone);
  const { values, draft, errors } = formDraft(data);
  const token = typeof data.token === 'string' && TOKEN.test(data.token) ? data.token : '';
  const known: TrendErrors = token ? errors : { ...errors, form: { code: 'invalidType' } };
  const result = await deps.trends.post(person, draft, { source: 'card', token: token || randomUUID() }, known);
  if (result.kind === 'notAllowed') return refusal(result, context, deps);
  if (result.kind === 'invalid') {
    log.info({ errors: Object.fromEntries(Object.entries(result.errors).map(([k, e]) => [k, e.code])) }, 'trend form refused');
    return deps.cards.card('trends-form', formModel(token || randomUUID(), await deps.trends.fields(), values, result.errors, view));
  }
  log.info({ trendId: result.trend.id, waiting: result.waiting }, 'trend posted from the form');
  return deps.cards.card('trends-note', noteModel(result.trend, { counts: { relevant: 0, notRelevant: 0 }, audience: 'preview', waiting: result.waiting }, await deps.directory.current(), view));
}

/** The card that answers a vote: the note with its counts, as the card clicked showed it (channel post or owner's copy). */
async function voteCard(result: VoteResult, owner: boolean, context: TurnContext, deps: TrendTeamsDependencies): Promise<Attachment | string> {
  if (result.kind === 'unknown') return turnInfo(context).t('trends.errors.unknownTrend');
  const directory = await deps.directory.current();
  const { trend, counts, vote } = result;
  const mine: NoteState['mine'] = vote.notRelevant ? 'notRelevant' : vote.card ? 'relevant' : undefined;
  const email = turnInfo(context).person?.email ?? '';
  const ownerProjects = trend.projects.filter((p) => directory.project(p.id)?.owner === email).map((p) => p.title);
  const state = owner ? { counts, audience: 'owner' as const, ownerProjects, mine } : { counts, audience: 'channel' as const };
  return deps.cards.card('trends-note', noteModel(trend, state, directory, viewOf(context, deps.timezone)));
}

/** Which card a note's button was on; anything else is taken for the channel post. */
function fromOwnerCopy(data: CardData): boolean {
  return data.view === 'owner';
}

/** `trend.relevant`: one vote per person; a second click takes it back. */
export async function voteRelevant(context: TurnContext, data: CardData, deps: TrendTeamsDependencies): Promise<Attachment | string> {
  const owner = fromOwnerCopy(data);
  const result = await deps.trends.vote(voterOf(context), typeof data.trendId === 'string' ? data.trendId : '', !owner);
  turnInfo(context).log.info({ trendId: data.trendId, outcome: result.kind }, 'trend vote');
  return voteCard(result, owner, context, deps);
}

/** `trend.notRelevant`: an owner's „Nicht relevant“, counted for the scout to see. */
export async function voteNotRelevant(context: TurnContext, data: CardData, deps: TrendTeamsDependencies): Promise<Attachment | string> {
  const result = await deps.trends.notRelevant(voterOf(context), typeof data.trendId === 'string' ? data.trendId : '');
  turnInfo(context).log.info({ trendId: data.trendId, outcome: result.kind }, 'trend marked not relevant');
  return voteCard(result, true, context, deps);
}

/** 👍 on a note's channel post counts as a vote. */
export async function reacted(context: TurnContext, reactions: Reactions, deps: TrendTeamsDependencies): Promise<void> {
  const result = await deps.trends.react(reactions.messageIds, reactions.user, reactions.added, reactions.removed);
  if (result?.kind === 'voted') turnInfo(context).log.info({ trendId: result.trend.id, relevant: result.counts.relevant }, 'trend vote by reaction');
}

/** Sends a list of notes, or what to say when there are none. */
async function sendList(context: TurnContext, title: string, list: TrendList, none: string, deps: TrendTeamsDependencies): Promise<void> {
  if (list.total === 0) {
    await context.sendActivity(none);
    return;
  }
  await context.sendActivity(deps.cards.message('trends-list', listModel(title, list, await deps.directory.current(), viewOf(context, deps.timezone))));
}

/** `neue Trends` / `latest trends`. */
export async function showLatest(context: TurnContext, deps: TrendTeamsDependencies): Promise<void> {
  const { t } = turnInfo(context);
  await sendList(context, t('trends.list.latest'), await deps.trends.latest(), t('trends.list.noneLatest'), deps);
}

/** `Trends zu KI`, `trends about AI`, `Was gibt es Neues zu Mobilität?`. */
export async function showTopic(context: TurnContext, topic: string, deps: TrendTeamsDependencies): Promise<void> {
  const { t } = turnInfo(context);
  await sendList(context, t('trends.list.topic', { topic }), await deps.trends.search(topic), t('trends.list.noneTopic', { topic }), deps);
}

/** `Trends im Handlungsfeld Bildung`. */
export async function showField(context: TurnContext, written: string, deps: TrendTeamsDependencies): Promise<void> {
  const { t } = turnInfo(context);
  const result = await deps.trends.inField(written);
  if (result.kind === 'unknownField') {
    await context.sendActivity(t('trends.list.unknownField', { field: written, fields: result.fields.join(', ') }));
    return;
  }
  await sendList(context, t('trends.list.field', { field: result.field }), result.list, t('trends.list.noneField', { field: result.field }), deps);
}

/** The digest card after „Teilen“ or „Ignorieren“: redrawn with what became of each entry. */
async function entryAnswer(result: EntryActionResult, context: TurnContext, deps: TrendTeamsDependencies): Promise<Attachment | string> {
  const { t, person } = turnInfo(context);
  if (result.kind === 'unknown') return t('trends.digest.unknown');
  if (result.kind === 'notAllowed') return refusal(result.refusal, context, deps);
  const view = viewOf(context, deps.timezone);
  const notice = result.error ? refusal(result.error, context, deps) : '';
  return deps.cards.card('trends-digest', digestModel(result.view.digest, result.view.entries, person?.email ?? '', await deps.directory.current(), view, notice));
}

/** `trend.share`: a feed entry posted as a trend note in the scout's name. */
export async function shareEntry(context: TurnContext, data: CardData, deps: TrendTeamsDependencies): Promise<Attachment | string> {
  const result = await deps.radar.share(turnInfo(context).person, data);
  turnInfo(context).log.info({ check: data.check, feed: data.feed, entry: data.entry, outcome: result.kind }, 'feed entry shared');
  return entryAnswer(result, context, deps);
}

/** `trend.ignore`: the entry set aside on this scout's digest. */
export async function ignoreEntry(context: TurnContext, data: CardData, deps: TrendTeamsDependencies): Promise<Attachment | string> {
  return entryAnswer(await deps.radar.ignore(turnInfo(context).person, data), context, deps);
}
