import type { Directory } from '../../../platform/directory/directory-cache';
import type { MessageKey } from '../../../platform/i18n';
import { formatDate, type ViewContext } from '../../../platform/i18n/format';
import { TREND_LIMITS, type Trend, type TrendCounts, type TrendErrors, type TrendInput } from '../domain/model';
import type { TrendList } from '../domain/search';
import type { Digest, FeedEntry } from '../domain/feeds';
import type { EntryActionData, NoteActionData, NoteAudience, TrendDigestCard, TrendFormCard, TrendListCard, TrendNoteCard } from './cards';

/** What a note's card shows besides the note: its counts, and what the reader did. */
export interface NoteState {
  readonly counts: TrendCounts;
  readonly audience: NoteAudience;
  /** For an owner's copy: the owner's projects the note concerns. */
  readonly ownerProjects?: readonly string[];
  /** The reader's own vote, shown on their copy. */
  readonly mine?: 'relevant' | 'notRelevant';
  /** For the scout's preview: the note waits for a home channel. */
  readonly waiting?: boolean;
}

/** "#KI #Bürgerservice". */
function tagLine(tags: readonly string[]): string {
  return tags.map((t) => `#${t}`).join(' ');
}

/** A note as a card: in the channel with „Relevant für uns“, for an owner with „Nicht relevant“ too, or as the scout's preview. */
export function noteModel(trend: Trend, state: NoteState, directory: Directory, view: ViewContext): TrendNoteCard {
  const { t } = view;
  const scout = directory.person(trend.scoutEmail)?.name ?? trend.scoutEmail;
  const concerned = trend.projects.map((p) => {
    const owner = directory.project(p.id)?.owner;
    const name = owner ? (directory.person(owner)?.name ?? owner) : '';
    return name ? t('trends.card.concernsOwner', { project: p.title, owner: name }) : p.title;
  });
  const facts = [
    ...(trend.tags.length > 0 ? [{ title: t('trends.card.tags'), value: tagLine(trend.tags) }] : []),
    ...(trend.field ? [{ title: t('trends.card.field'), value: trend.field }] : []),
    { title: t('trends.card.by'), value: t('trends.card.byValue', { name: scout, date: formatDate(trend.createdAt, view) }) },
    ...(concerned.length > 0 ? [{ title: t('trends.card.concerns'), value: concerned.join(', ') }] : []),
  ];
  const { counts, audience } = state;
  const votes = [counts.relevant > 0 ? t('trends.card.votes', { count: counts.relevant }) : t('trends.card.noVotes')];
  if (counts.notRelevant > 0) votes.push(t('trends.card.notRelevantCount', { count: counts.notRelevant }));
  let notice = '';
  if (audience === 'preview') notice = t(state.waiting ? 'trends.card.waiting' : 'trends.card.posting');
  else if (state.mine) notice = t(state.mine === 'relevant' ? 'trends.card.youRelevant' : 'trends.card.youNotRelevant');
  const data: NoteActionData = { trendId: trend.id, view: audience === 'owner' ? 'owner' : 'channel' };
  return {
    kicker: t(audience === 'owner' ? 'trends.card.kickerOwner' : 'trends.card.kicker'),
    title: trend.title,
    intro: audience === 'owner' && state.ownerProjects?.length ? t('trends.card.ownerIntro', { projects: state.ownerProjects.join(', ') }) : '',
    summary: trend.summary,
    facts,
    votes: votes.join(' '),
    notice,
    link: trend.link,
    openTitle: t('trends.card.open'),
    canVote: audience !== 'preview',
    relevantTitle: t('trends.card.relevant'),
    canRejectAsOwner: audience === 'owner',
    notRelevantTitle: t('trends.card.notRelevant'),
    data,
    relevantData: { ...data, verb: 'trend.relevant' },
    notRelevantData: { ...data, verb: 'trend.notRelevant' },
    fallback: [t('trends.card.fallback', { title: trend.title }), trend.link, trend.summary, ...facts.map((f) => `${f.title}: ${f.value}`), ...votes].filter(Boolean).join('\n'),
  };
}

/** The texts of the form's inputs, as the user typed them. */
export type FormValues = Readonly<Record<TrendInput, string>>;

export const EMPTY_FORM: FormValues = { title: '', link: '', summary: '', tags: '', field: '' };

/** The error next to an input, in the reader's language; '' when there is none. */
export function errorText(errors: TrendErrors, input: TrendInput | 'form', view: ViewContext): string {
  const error = errors[input];
  return error ? view.t(`trends.errors.${error.code}` as MessageKey, error.params) : '';
}

/** `Trend melden`: the form, fresh or with the errors next to the inputs. */
export function formModel(token: string, fields: readonly string[], values: FormValues, errors: TrendErrors, view: ViewContext): TrendFormCard {
  const { t } = view;
  const text = (id: 'title' | 'link' | 'summary' | 'tags', label: MessageKey, placeholder: MessageKey, maxLength: number, multiline = false) => ({
    id,
    label: t(label),
    multiline,
    maxLength,
    placeholder: t(placeholder),
    value: values[id],
    error: errorText(errors, id, view),
  });
  return {
    title: t('trends.form.title'),
    intro: t('trends.form.intro'),
    formError: errorText(errors, 'form', view),
    texts: [
      text('title', 'trends.form.titleLabel', 'trends.form.titlePlaceholder', TREND_LIMITS.title),
      text('link', 'trends.form.linkLabel', 'trends.form.linkPlaceholder', TREND_LIMITS.link),
      text('summary', 'trends.form.summaryLabel', 'trends.form.optional', TREND_LIMITS.summary, true),
      text('tags', 'trends.form.tagsLabel', 'trends.form.tagsPlaceholder', 500),
    ],
    fieldLabel: t('trends.form.fieldLabel'),
    field: fields.includes(values.field) ? values.field : '',
    fieldPlaceholder: t('trends.form.fieldNone'),
    fieldChoices: fields.map((f) => ({ title: f, value: f })),
    fieldError: errorText(errors, 'field', view),
    submitTitle: t('trends.form.submit'),
    data: { token },
    submitData: { token, verb: 'trend.save' },
    fallback: t('trends.form.fallback'),
  };
}

/** Notes found, newest first: title, date, scout, tags and field, the summary, a button to open the link. */
export function listModel(title: string, list: TrendList, directory: Directory, view: ViewContext): TrendListCard {
  const { t } = view;
  const items = list.items.map((trend) => {
    const meta = [t('trends.list.meta', { date: formatDate(trend.createdAt, view), scout: directory.person(trend.scoutEmail)?.name ?? trend.scoutEmail }), tagLine(trend.tags), trend.field].filter(Boolean).join(' · ');
    const summary = trend.summary.length > 300 ? `${trend.summary.slice(0, 299)}…` : trend.summary;
    return { title: trend.title, meta, summary, link: trend.link, openTitle: t('trends.list.open') };
  });
  const more = list.total > items.length ? t('trends.list.shown', { shown: items.length, total: list.total }) : '';
  return { title, items, more, fallback: [title, ...items.map((i) => `- ${i.title} (${i.meta})${i.link ? ` ${i.link}` : ''}`), more].filter(Boolean).join('\n') };
}

/**
 * A link that opens a channel post in Teams (the documented deep-link form `l/message/{channel}/{message}`).
 * The conversation of a channel post is `channelId;messageid=postId`.
 */
export function postLink(conversationId: string, postId: string): string {
  const channelId = conversationId.split(';messageid=')[0]!;
  return `https://teams.microsoft.com/l/message/${encodeURIComponent(channelId)}/${encodeURIComponent(postId)}?parentMessageId=${encodeURIComponent(postId)}`;
}

/**
 * The radar's digest as one scout sees it: each entry with its source, date and why it matched, and „Teilen“ /
 * „Ignorieren“ while it is open; shared (by whom) or ignored (by this scout) once it is not. `notice`: what went wrong
 * with the last click, if anything.
 */
export function digestModel(digest: Digest, entries: readonly FeedEntry[], reader: string, directory: Directory, view: ViewContext, notice = ''): TrendDigestCard {
  const { t } = view;
  const items = entries.map((entry) => {
    const data: EntryActionData = { check: digest.check, feed: entry.feedId, entry: entry.key };
    const matched = entry.matches.map((m) => t(`trends.digest.match.${m.kind}` as MessageKey, { label: m.label })).join(', ');
    let state = '';
    if (entry.status === 'shared') state = t('trends.digest.shared', { name: directory.person(entry.sharedBy)?.name ?? entry.sharedBy });
    else if (entry.ignoredBy.includes(reader)) state = t('trends.digest.ignored');
    return {
      title: entry.title,
      meta: [entry.source, entry.publishedAt ? formatDate(entry.publishedAt, view) : ''].filter(Boolean).join(' · '),
      matched: t('trends.digest.matched', { matches: matched }),
      state,
      link: entry.link,
      openTitle: t('trends.card.open'),
      open: state === '',
      shareTitle: t('trends.digest.share'),
      ignoreTitle: t('trends.digest.ignore'),
      data,
      shareData: { ...data, verb: 'trend.share' as const },
      ignoreData: { ...data, verb: 'trend.ignore' as const },
    };
  });
  const title = t('trends.digest.title', { count: entries.length });
  const more = digest.skipped > 0 ? t('trends.digest.skipped', { count: digest.skipped }) : '';
  return {
    title,
    intro: t('trends.digest.intro'),
    notice,
    entries: items,
    more,
    fallback: [title, ...items.map((i) => `- ${i.title} (${i.meta})${i.link ? ` ${i.link}` : ''}`), more].filter(Boolean).join('\n'),
  };
}
