import { isHttpUrl } from '../../../platform/directory/import';
import { fold } from '../../ask';
import { storeCalls, type StoreCounts } from './calls';
import type { FundingContext } from './context';
import { deadlineInstant, localDate } from './deadline';
import { LIMITS, type CallContent, type Deadline, type FundingCall } from './model';

/** A topic (call) of the EU Funding & Tenders Portal, as its search answers. */
export interface EuTopic {
  /** `HORIZON-CL5-2027-D3-01`. */
  readonly identifier: string;
  readonly title: string;
  /** ISO times (`2027-02-10T00:00:00.000+0000`), one per deadline of the topic. */
  readonly deadlines: readonly string[];
  readonly status: 'open' | 'forthcoming';
  readonly url: string;
  readonly keywords: readonly string[];
  /** The keywords of the search that found it. */
  readonly searchedFor: readonly string[];
}

/** Who funds the calls of the portal (data, as the group's calls name their funders). */
export const EU_FUNDER = 'Europäische Kommission';
/** A topic's page on the portal, for topics whose result names none. */
const TOPIC_PAGE = 'https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/topic-details/';

/** The id of a topic's call: `eu-` and the identifier in lower case, other characters as `-`. */
export function euCallId(identifier: string): string {
  return `eu-${fold(identifier).replace(/[^a-z0-9_-]+/g, '-')}`.slice(0, LIMITS.id).replace(/-+$/, '');
}

/**
 * The deadline of a topic from today on: the next of its deadlines (a date; the portal's times are the end of the
 * day in Brussels), `rolling` when it names none, undefined when all are past.
 */
function nextDeadline(topic: EuTopic, today: string): Deadline | undefined {
  const dates = topic.deadlines.map((d) => d.slice(0, 10)).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)).sort();
  if (dates.length === 0) return { kind: 'rolling' };
  const next = dates.find((d) => d >= today);
  return next ? { kind: 'date', date: next, time: '' } : undefined;
}

/** The first `max` strings, each cut to `length`, without repeats (ignoring case and umlauts). */
function distinct(values: readonly string[], max: number, length: number): string[] {
  const byKey = new Map<string, string>();
  for (const value of values.map((v) => v.trim().slice(0, length)).filter(Boolean)) if (!byKey.has(fold(value))) byKey.set(fold(value), value);
  return [...byKey.values()].slice(0, max);
}

/**
 * Stores the portal's topics as calls (level `eu`): new ones with their next deadline, known ones with what the
 * portal says now (title, deadline, link, keywords); fields of action, eligibility, rate, amount and summary a
 * coordinator gave stay. A topic whose deadlines are all past is skipped unless it is known. Changed calls are
 * matched and reminded of as any other (see `storeCalls`).
 */
export async function storeEuTopics(ctx: FundingContext, topics: readonly EuTopic[], options: { readonly dryRun: boolean }): Promise<StoreCounts & { readonly skipped: number }> {
  const existing = new Map((await ctx.repos.fundingCalls.list()).map((c) => [c.id, c]));
  const now = ctx.now();
  const today = localDate(now, ctx.timing.timezone);
  const contents: CallContent[] = [];
  let skipped = 0;
  for (const topic of topics) {
    const id = euCallId(topic.identifier);
    const before: FundingCall | undefined = existing.get(id);
    const deadline = nextDeadline(topic, today);
    const instant = deadline && deadlineInstant(deadline, ctx.timing.timezone);
    if (!before && (!deadline || (instant && instant.getTime() <= now.getTime()))) {
      skipped++;
      continue;
    }
    contents.push({
      id,
      title: topic.title.slice(0, LIMITS.title),
      programme: topic.identifier.split('-')[0]!.slice(0, LIMITS.programme),
      funder: before?.funder || EU_FUNDER,
      level: 'eu',
      deadline: deadline ?? before!.deadline,
      link: isHttpUrl(topic.url) ? topic.url.slice(0, 300) : `${TOPIC_PAGE}${encodeURIComponent(topic.identifier)}`,
      fields: before?.fields ?? [],
      eligible: before?.eligible ?? '',
      rate: before?.rate,
      maxAmount: before?.maxAmount,
      summary: before?.summary ?? '',
      keywords: distinct([...topic.searchedFor, ...(before?.keywords ?? []), ...topic.keywords], LIMITS.keywords, LIMITS.keyword),
    });
  }
  const counts = await storeCalls(ctx, contents, { source: 'eu', by: 'eu', dryRun: options.dryRun, existing });
  return { created: counts.created, updated: counts.updated, unchanged: counts.unchanged, skipped };
}
